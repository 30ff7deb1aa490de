package dev.cilia.driver;

import dev.cilia.diag.Diagnostics;

/**
 * Checks emitted documents as the API server and the agent would. A failure here is a compiler
 * bug (CIL0902, CIL0903): lowering must never emit what the target rejects.
 */
final class Validation {
  private Validation() {}

  static void check(Compilation.Emitted emitted, Diagnostics diagnostics) {
  }
}
