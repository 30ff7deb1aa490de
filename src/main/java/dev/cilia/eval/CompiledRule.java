package dev.cilia.eval;

/**
 * One {@code spec} / {@code specs[i]} of a policy, compiled. {@code subject} is null for a {@code
 * nodeSelector} rule (host firewall, not modelled: it selects no pod).
 */
record CompiledRule(Selector subject, String namespace, Section egress, Section ingress) {}
