/**
 * The policy evaluator: takes CNP/CCNP documents as read back by {@code cilium.PolicyYaml} and a
 * target version, and gives Cilium's verdict for flows and DNS lookups (CILIUM-POLICY.md §3), with
 * the deciding rules. Imports only {@code cilium}, {@code diag} and {@code source}.
 */
package dev.cilia.verify;
