/**
 * Check: names, {@code let} types and values; builds the {@code ir}. Takes the {@code syntax} trees
 * and import graph of {@code load}, gives an {@link dev.cilia.ir.Program} and CIL02xx/CIL03xx
 * diagnostics.
 */
package dev.cilia.check;
