/**
 * Source text and positions: {@link dev.cilia.source.SourceFile} and {@link dev.cilia.source.Span}.
 * Takes nothing of ours; every later stage points into it.
 */
package dev.cilia.source;
