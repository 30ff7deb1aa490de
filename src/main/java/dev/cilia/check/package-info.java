/**
 * Check: names, {@code let} types and values; builds the {@code ir}. Takes the {@code syntax} trees
 * and import graph of {@code load}, gives an {@link dev.cilia.ir.Program} and CIL02xx/CIL03xx
 * diagnostics. {@link dev.cilia.check.Checker} is the entry point and shares the work out along the
 * language's parts: {@code Scopes} (the names of each file and the kind of each {@code let}),
 * {@code Lets} (the one resolution of a {@code let}, memoised and cycle-checked, for peers and
 * services alike), {@code PolicyChecker}, {@code StatementChecker}, {@code ServiceChecker}, {@code
 * PeerChecker}, {@code Selectors} (selectors, label keys and values, namespaces), {@code
 * TestChecker} and {@code MonitoringChecker}. A value that is wrong where a {@code let} is used is
 * reported at the use, with the {@code let} as related place. Cilium's facts (entities, ports) come
 * from {@code cilium}, keywords from the lexer ({@link dev.cilia.syntax.Keywords}).
 */
package dev.cilia.check;
