/**
 * Format: {@code ciliac fmt}'s canonical layout. {@link dev.cilia.format.Formatter} turns a parsed
 * {@link dev.cilia.syntax.Ast.CiliaFile} back into text with the file's comments in place; the
 * layout rules are in docs/formatting.md. Takes {@code syntax}, {@code source} and {@code diag}.
 */
package dev.cilia.format;
