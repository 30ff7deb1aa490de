package dev.cilia.ir;

/** Which namespaces a pod selector reaches. */
public sealed interface NamespaceMatch
    permits NamespaceMatch.Named, NamespaceMatch.Labelled, NamespaceMatch.Any {

  /** One namespace by name. */
  record Named(String namespace) implements NamespaceMatch {}

  /** Namespaces whose labels match. */
  record Labelled(Selector selector) implements NamespaceMatch {}

  /** Every namespace (clusterwide {@code pods SELECTOR}). */
  record Any() implements NamespaceMatch {}

  NamespaceMatch ANY = new Any();
}
