/**
 * {@code ciliac lint}: CNP/CCNP YAML that was not written in Cilia, read with positions and checked
 * for one target against the schemas and the agent's import checks ({@code cilium}), and for the
 * pitfalls that the evaluator ({@code eval}) shows. Takes source files, gives diagnostics. Checks
 * walk a policy through the one view that the agent's checks and the evaluator also use ({@code
 * cilium.model.RuleView}, {@code RuleItem}): its rules, their four sections and their items, egress
 * and ingress alike, at JSON pointers. Never imports {@code ir}.
 */
package dev.cilia.lint;
