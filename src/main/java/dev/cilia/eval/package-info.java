/**
 * The policy evaluator, Cilium's decision procedure: takes CNP/CCNP documents as read back by
 * {@code cilium.PolicyYaml} and a target version, and gives Cilium's verdict for flows and DNS
 * lookups (CILIUM-POLICY.md §3), with the deciding rules. Knows nothing of Cilia: imports only
 * {@code cilium}, {@code diag} and {@code source}, never {@code ir}.
 */
package dev.cilia.eval;
