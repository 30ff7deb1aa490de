/**
 * Source text and positions: {@link dev.cilia.source.SourceFile} and {@link dev.cilia.source.Span},
 * and {@link dev.cilia.source.SharedStrings}, one instance of the short texts that every stage
 * repeats. Takes nothing of ours; every later stage points into it.
 */
package dev.cilia.source;
