package dev.cilia.driver;

import dev.cilia.cilium.PolicyYaml;
import dev.cilia.cilium.admission.Admission;
import dev.cilia.cilium.admission.Violation;
import dev.cilia.cilium.model.CiliumPolicy;
import dev.cilia.diag.Code;
import dev.cilia.diag.Diagnostic;
import dev.cilia.diag.Diagnostics;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Checks emitted documents as the API server and the agent would, on the bytes read back. A failure
 * here is a compiler bug (CIL0902, CIL0903): lowering must never emit what the target rejects,
 * because the agent then ignores the whole policy.
 */
final class Validation {
  private Validation() {}

  static void check(Compilation.Emitted emitted, Diagnostics diagnostics) {
    // One YAML parse serves both checks: parsing dominates validation (docs/performance.md).
    List<JsonNode> documents = PolicyYaml.readTrees(emitted.yaml());
    for (JsonNode document : documents) {
      for (Violation problem : Admission.schema(emitted.lowered().target(), document)) {
        diagnostics.add(
            Diagnostic.of(
                Code.CIL0902,
                emitted.lowered().policy().span(),
                "internal compiler error: the emitted "
                    + emitted.fileName()
                    + " fails the Cilium "
                    + emitted.lowered().target()
                    + " schema: "
                    + problem.pointer()
                    + ": "
                    + problem.message(),
                "this is a bug in ciliac; please report it with this policy"));
      }
    }
    CiliumPolicy readBack =
        documents.size() == 1
            ? PolicyYaml.fromTree(documents.get(0))
            : PolicyYaml.read(emitted.yaml());
    for (Violation violation : Admission.agent(emitted.lowered().target(), readBack)) {
      diagnostics.add(
          Diagnostic.of(
              Code.CIL0903,
              emitted.lowered().policy().span(),
              "internal compiler error: the emitted "
                  + emitted.fileName()
                  + " fails the Cilium "
                  + emitted.lowered().target()
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
