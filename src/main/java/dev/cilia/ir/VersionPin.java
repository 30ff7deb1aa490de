package dev.cilia.ir;

import dev.cilia.source.Span;

/** The Cilium version a file names with {@code cilium X.Y}, or none. */
public sealed interface VersionPin permits VersionPin.Pinned, VersionPin.Unpinned {

  /** {@code cilium X.Y} as written; lowering checks that it is supported. */
  record Pinned(String version, Span span) implements VersionPin {}

  /** No {@code cilium} line: the command line's or the newest target applies. */
  record Unpinned() implements VersionPin {}

  VersionPin NONE = new Unpinned();
}
