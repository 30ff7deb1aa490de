/**
 * Check: imports, names, {@code let} types and values; builds the {@code ir}. Takes {@code syntax}
 * trees, gives an {@link dev.cilia.ir.Program} and CIL02xx diagnostics.
 */
package dev.cilia.check;
