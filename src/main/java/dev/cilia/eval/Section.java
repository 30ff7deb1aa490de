package dev.cilia.eval;

import java.util.List;

/** One direction of one rule ({@code egress} + {@code egressDeny}, or the ingress pair). */
record Section(
    boolean enforces,
    boolean defaultDeny,
    RuleRef ref,
    RuleRef defaultDenyRef,
    List<Entry> allows,
    List<Entry> denies,
    List<Requirement> requires) {}
