package dev.cilia.cilium.schema;

/** The two policy kinds Cilia emits, with the file name of their schema. */
public enum PolicyKind {
  NAMESPACED("CiliumNetworkPolicy"),
  CLUSTERWIDE("CiliumClusterwideNetworkPolicy");

  private final String kind;

  PolicyKind(String kind) {
    this.kind = kind;
  }

  /** The {@code kind} field of the document. */
  public String kind() {
    return kind;
  }

  /** {@code ciliumnetworkpolicy.json}: the kind in lower case. */
  public String fileName() {
    return kind.toLowerCase(java.util.Locale.ROOT) + ".json";
  }
}
