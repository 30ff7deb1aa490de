/**
 * Diagnostics: {@link dev.cilia.diag.Diagnostic} records with stable {@link dev.cilia.diag.Code}s
 * and their renderers (text, JSON, SARIF). Takes spans from {@code source}.
 */
package dev.cilia.diag;
