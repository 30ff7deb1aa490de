/**
 * Syntax: the ANTLR grammar's generated parser (in {@code syntax.antlr}) behind {@link
 * dev.cilia.syntax.Parser}, which gives {@link dev.cilia.syntax.Ast} records with spans or CIL01xx
 * diagnostics; {@link dev.cilia.syntax.Keywords} gives the lexer's keywords to the checker and the
 * editors. Takes {@code source} and {@code diag}.
 */
package dev.cilia.syntax;
