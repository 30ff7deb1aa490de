package dev.cilia.eval;

/**
 * A new connection (or the first packet of one) from {@code source} to {@code destination}. A pod
 * source's egress and a pod destination's ingress are evaluated (CILIUM-POLICY.md §3.7).
 */
public record Flow(Endpoint source, Endpoint destination, Protocol protocol, int port) {
  public Flow {
    if (source == null || destination == null || protocol == null) {
      throw new IllegalArgumentException("a flow needs a source, a destination and a protocol");
    }
    int max = protocol.isIcmp() ? 255 : 65535;
    if (port < 0 || port > max) {
      throw new IllegalArgumentException("expected a port 0-" + max + ", found " + port);
    }
  }

  @Override
  public String toString() {
    return source + " -> " + destination + " " + protocol.word() + "/" + port;
  }
}
