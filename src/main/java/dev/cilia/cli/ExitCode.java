package dev.cilia.cli;

/** Exit codes of {@code ciliac}, in one place. */
final class ExitCode {
  private ExitCode() {}

  /** Success; warnings and notes allowed. */
  static final int OK = 0;

  /** Diagnostics with errors, or failed tests. */
  static final int FAILED = 1;

  /** Usage, I/O or internal error. */
  static final int USAGE = 2;
}
