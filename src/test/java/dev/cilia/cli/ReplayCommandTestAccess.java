package dev.cilia.cli;

/** The proposal of {@link ReplayCommandTest} for tests of other packages. */
public final class ReplayCommandTestAccess {
  private ReplayCommandTestAccess() {}

  public static String proposal() {
    return ReplayCommandTest.PROPOSAL;
  }
}
