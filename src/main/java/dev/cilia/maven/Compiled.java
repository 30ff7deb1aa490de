package dev.cilia.maven;

import dev.cilia.driver.Compilation;

/**
 * A compilation kept on the project for the later goals of the same build, so that {@code check},
 * {@code compile} and {@code test} compile once and report once.
 */
final class Compiled {
  private final Stamp stamp;
  private final Compilation.Outcome outcome;
  private boolean reported;

  Compiled(Stamp stamp, Compilation.Outcome outcome) {
    this.stamp = stamp;
    this.outcome = outcome;
  }

  Stamp stamp() {
    return stamp;
  }

  Compilation.Outcome outcome() {
    return outcome;
  }

  /** True the first time only: whether the diagnostics still need to be printed. */
  boolean report() {
    boolean first = !reported;
    reported = true;
    return first;
  }
}
