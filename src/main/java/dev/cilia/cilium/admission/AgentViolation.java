package dev.cilia.cilium.admission;

/**
 * One reason the Cilium agent refuses a whole CNP/CCNP object: the check's id from CILIUM-POLICY.md
 * §4 ({@code V16}, or {@code M1}, {@code O1}, {@code O2} of {@code docs/agent-checks.md}), a
 * JSON-pointer path into the object ({@code /spec/egress/0/toPorts/0/ports}) and the agent's
 * message in the target version's wording.
 */
public record AgentViolation(String rule, String path, String message) {}
