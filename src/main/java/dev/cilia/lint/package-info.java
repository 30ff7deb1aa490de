/**
 * {@code ciliac lint}: CNP/CCNP YAML that was not written in Cilia, read with positions and checked
 * for one target against the schemas and the agent's import checks ({@code cilium}), and for the
 * pitfalls that the evaluator ({@code eval}) shows. Takes source files, gives diagnostics. Never
 * imports {@code ir}.
 */
package dev.cilia.lint;
