package dev.cilia.eval;

import java.util.List;

/**
 * One {@code toRequires} / {@code fromRequires} selector of a rule item, after namespace injection
 * (CILIUM-POLICY.md §1.4): Cilium ANDs it into every {@code toEndpoints} / {@code fromEndpoints}
 * selector of the rules that select the same endpoint in that direction, allow requirements into
 * allow items and deny requirements into deny items (upstream {@code pkg/policy} {@code
 * resolveL4IngressPolicy}, {@code GetSourceEndpointSelectorsWithRequirements}). Entities, CIDRs,
 * FQDNs and an item without peers (wildcard) are left as they are; a requirement never grants.
 */
record Requirement(RuleRef ref, boolean deny, List<Selector.Req> reqs) {
  Requirement {
    reqs = List.copyOf(reqs);
  }
}
