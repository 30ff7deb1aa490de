package dev.cilia.cilium.schema;

import dev.cilia.cilium.Target;

/**
 * Everything the schemas of two targets differ in: the one place that encodes the version matrix
 * (CILIUM-POLICY.md §2) as far as the CRDs are concerned. Each fact was read off the upstream CRD
 * schema the target maps to ({@link Target#upstreamSchemaVersion()}); where the agent accepts less
 * than that CRD, the agent's limit is used and docs/schemas.md says so.
 */
record SchemaFeatures(
    boolean sctp,
    boolean authentication,
    boolean listener,
    boolean listenerPriority,
    boolean serverNames,
    boolean serverNamePatterns,
    boolean ingressCidrGroupRef,
    boolean egressCidrGroupRef,
    boolean cidrGroupSelector,
    boolean endPort,
    boolean enableDefaultDeny,
    boolean nodePeers,
    boolean fromGroups,
    boolean icmpTypeNames,
    boolean log) {

  static SchemaFeatures of(Target target) {
    return new SchemaFeatures(
        // The 1.12.0 CRD that 1.13 is checked against knows TCP, UDP and ANY only; authentication,
        // listener and serverNames arrive with the 1.14 CRD.
        /* sctp= */ atLeast(target, Target.V1_14),
        /* authentication= */ atLeast(target, Target.V1_14),
        /* listener= */ atLeast(target, Target.V1_14),
        /* listenerPriority= */ atLeast(target, Target.V1_16),
        /* serverNames= */ atLeast(target, Target.V1_14),
        // 1.18 types server names: wildcard pattern, at most 255 characters, a non-empty set.
        /* serverNamePatterns= */ atLeast(target, Target.V1_18),
        // cidrGroupRef: ingress from 1.14 (#24638), egress from 1.16 (CILIUM-POLICY.md §2); the
        // 1.14.5 CRD also lists it under toCIDRSet, which the 1.14/1.15 agent does not translate.
        /* ingressCidrGroupRef= */ atLeast(target, Target.V1_14),
        /* egressCidrGroupRef= */ atLeast(target, Target.V1_16),
        /* cidrGroupSelector= */ atLeast(target, Target.V1_17),
        /* endPort= */ target.hasEndPort(),
        /* enableDefaultDeny= */ target.hasEnableDefaultDeny(),
        /* nodePeers= */ target.hasNodeSelectorPeers(),
        // fromGroups appears in the 1.16 CRD together with to/fromNodes.
        /* fromGroups= */ atLeast(target, Target.V1_16),
        // ICMP types by name (int-or-string) from the 1.16 CRD; before, integers only.
        /* icmpTypeNames= */ atLeast(target, Target.V1_16),
        /* log= */ target.hasLog());
  }

  private static boolean atLeast(Target target, Target first) {
    return target.compareTo(first) >= 0;
  }
}
