/**
 * Cilium's side: the CNP/CCNP model ({@code cilium.model}), the supported {@link
 * dev.cilia.cilium.Target}s and what each accepts, YAML reading and writing, and in {@code
 * cilium.admission} whether a cluster takes a policy: the per-target JSON Schemas ({@code
 * schemas/}) and the agent's import checks. Takes {@code diag} and {@code source} only: it knows
 * nothing of the language.
 */
package dev.cilia.cilium;
