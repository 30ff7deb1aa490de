/**
 * Cilium's side: the CNP/CCNP model ({@code cilium.model}), the supported {@link
 * dev.cilia.cilium.Target}s and what each accepts, YAML reading and writing (by hand, with Jackson
 * as the reference and for what the hand-written code leaves to it), and in {@code
 * cilium.admission} whether a cluster takes a policy: the per-target JSON Schemas ({@code
 * schemas/}) and the agent's import checks. Each fact about Cilium has its one home here, used by
 * every stage (check, lower, eval, lint, verify, lift): {@link dev.cilia.cilium.Entities} (the
 * reserved entities), {@link dev.cilia.cilium.Ports} (the DNS port, the non-HTTP ports, the 40
 * ports of a {@code toPorts} entry) and {@link dev.cilia.cilium.KubeDns} (the cluster's DNS
 * server), and {@link dev.cilia.cilium.model.RuleView} with {@link dev.cilia.cilium.model.RuleItem}
 * (the one walk over a policy's rules, sections and items, and its one path notation). Takes {@code
 * diag} and {@code source} only: it knows nothing of the language.
 */
package dev.cilia.cilium;
