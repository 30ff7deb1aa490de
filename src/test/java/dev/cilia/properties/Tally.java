package dev.cilia.properties;

import dev.cilia.eval.Verdict;

/**
 * Counts what a property could check. UNKNOWN verdicts (CILIUM-POLICY.md marks the behaviour
 * unconfirmed) and drops on the other end of a flow (a policy there that the statement cannot speak
 * for) are skipped, but counted, so that a property fails when it stops checking much.
 */
final class Tally {
  private final String property;
  private long checked;
  private long unknown;
  private long otherSide;

  Tally(String property) {
    this.property = property;
  }

  void checked() {
    checked++;
  }

  void unknown() {
    unknown++;
  }

  void otherSide() {
    otherSide++;
  }

  long checkedCount() {
    return checked;
  }

  /** Counts a verdict that is neither UNKNOWN nor skipped, or tells the caller to skip it. */
  boolean counts(Verdict verdict) {
    if (verdict.kind() == Verdict.Kind.UNKNOWN) {
      unknown++;
      return false;
    }
    checked++;
    return true;
  }

  /** Fails when fewer than {@code minimum} flows were decided, or more than 20% were UNKNOWN. */
  void assertMeaningful(long minimum) {
    if (checked < minimum) {
      throw new AssertionError(
          property
              + " decided only "
              + checked
              + " flows ("
              + unknown
              + " unknown, "
              + otherSide
              + " dropped at the other end); expected at least "
              + minimum);
    }
    if (unknown * 5 > checked + unknown) {
      throw new AssertionError(
          property
              + ": "
              + unknown
              + " of "
              + (checked + unknown)
              + " verdicts were UNKNOWN, more than 20%");
    }
  }

  @Override
  public String toString() {
    return property + ": checked " + checked + ", unknown " + unknown + ", other side " + otherSide;
  }
}
