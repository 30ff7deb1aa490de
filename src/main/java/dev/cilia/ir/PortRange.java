package dev.cilia.ir;

/** Ports {@code low..high} (inclusive) of one protocol; a single port has {@code low == high}. */
public record PortRange(Transport protocol, int low, int high) {
  public PortRange {
    if (low < 1 || high > 65535 || low > high) {
      throw new IllegalArgumentException("bad port range " + low + "-" + high);
    }
  }

  public static PortRange single(Transport protocol, int port) {
    return new PortRange(protocol, port, port);
  }

  public boolean isSingle() {
    return low == high;
  }

  public int size() {
    return high - low + 1;
  }

  @Override
  public String toString() {
    String proto = protocol.name().toLowerCase(java.util.Locale.ROOT);
    return isSingle() ? proto + " " + low : proto + " " + low + "-" + high;
  }
}
