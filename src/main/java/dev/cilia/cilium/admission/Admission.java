package dev.cilia.cilium.admission;

import dev.cilia.cilium.Target;
import dev.cilia.cilium.model.CiliumPolicy;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Whether a cluster running the target's Cilium admits a policy object: the API server's schema
 * (Cilia's schemas in {@code schemas/}, docs/schemas.md), the agent's import checks and the
 * Kubernetes label checks it runs (docs/agent-checks.md). The compile pipeline asks it about every
 * emitted document, {@code lint} about every object it reads; both get the same typed {@link
 * Violation}s. Safe to call from many threads.
 */
public final class Admission {
  private Admission() {}

  /** Schema violations of {@code document} as submitted, in a stable order. */
  public static List<Violation> schema(Target target, JsonNode document) {
    return SchemaValidator.violations(target, document);
  }

  /** The agent's reasons to ignore {@code policy} as a whole, in check order. */
  public static List<Violation> agent(Target target, CiliumPolicy policy) {
    return AgentChecks.check(target, policy).stream().map(Violation::agent).toList();
  }
}
