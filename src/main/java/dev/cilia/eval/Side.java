package dev.cilia.eval;

/** The side of a flow a policy decides: the sender's egress or the receiver's ingress. */
public enum Side {
  EGRESS,
  INGRESS;

  /** {@code egress} / {@code ingress}, as the YAML field. */
  public String word() {
    return this == EGRESS ? "egress" : "ingress";
  }
}
