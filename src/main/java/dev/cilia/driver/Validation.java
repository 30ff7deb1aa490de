package dev.cilia.driver;

import dev.cilia.cilium.admission.Admission;
import dev.cilia.cilium.admission.Violation;
import dev.cilia.diag.Code;
import dev.cilia.diag.Diagnostic;
import dev.cilia.diag.Diagnostics;
import dev.cilia.emit.Emitted;

/**
 * Checks emitted documents as the API server and the agent would, on the bytes read back. A failure
 * here is a compiler bug (CIL0902, CIL0903): lowering must never emit what the target rejects,
 * because the agent then ignores the whole policy.
 */
final class Validation {
  private Validation() {}

  static void check(Emitted emitted, Diagnostics diagnostics) {
    // The tree and model read back once at emit serve both checks (docs/performance.md).
    for (Violation problem : Admission.schema(emitted.target(), emitted.tree())) {
      diagnostics.add(
          Diagnostic.of(
              Code.CIL0902,
              emitted.policy().span(),
              "internal compiler error: the emitted "
                  + emitted.fileName()
                  + " fails the Cilium "
                  + emitted.target()
                  + " schema: "
                  + problem.pointer()
                  + ": "
                  + problem.message(),
              "this is a bug in ciliac; please report it with this policy"));
    }
    for (Violation violation : Admission.agent(emitted.target(), emitted.model())) {
      diagnostics.add(
          Diagnostic.of(
              Code.CIL0903,
              emitted.policy().span(),
              "internal compiler error: the emitted "
                  + emitted.fileName()
                  + " fails the Cilium "
                  + emitted.target()
                  + " agent check "
                  + violation.code()
                  + " at "
                  + violation.path()
                  + ": "
                  + violation.message(),
              "this is a bug in ciliac; please report it with this policy"));
    }
  }
}
