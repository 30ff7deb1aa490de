package dev.cilia.eval;

/**
 * Where a decision comes from: the policy's qualified name ({@code ns/name} for a CNP, {@code name}
 * for a CCNP), the direction, and a path into the policy such as {@code egress[3].toPorts[0]} or
 * {@code specs[1].ingressDeny[0]}.
 */
public record RuleRef(String policy, Side direction, String path) {
  /** {@code payments/payments-api egress[3].toPorts[0]}. */
  @Override
  public String toString() {
    return policy + " " + path;
  }
}
