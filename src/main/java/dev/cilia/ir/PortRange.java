package dev.cilia.ir;

/** Ports {@code low..high} (inclusive) of one protocol; a single port has {@code low == high}. */
public record PortRange(Transport protocol, int low, int high) {
  public PortRange {
    if (low < 1 || high > 65535 || low > high) {
      throw new IllegalArgumentException("bad port range " + low + "-" + high);
    }
  }

  /**
   * Ranges made by {@link #of}, one instance per protocol and ports: a large project repeats the
   * same few hundred (tcp 443, udp 53) hundreds of thousands of times, and its IR lives until the
   * compile ends. A fixed table indexed by hash; racing writers store equal ranges.
   */
  private static final PortRange[] SHARED = new PortRange[4096];

  public static PortRange single(Transport protocol, int port) {
    return of(protocol, port, port);
  }

  /** {@code low..high} of {@code protocol}, or an equal range made before. */
  public static PortRange of(Transport protocol, int low, int high) {
    int hash = (31 * protocol.ordinal() + low) * 31 + high;
    int slot = (hash ^ (hash >>> 12)) & (SHARED.length - 1);
    PortRange known = SHARED[slot];
    if (known != null && known.protocol == protocol && known.low == low && known.high == high) {
      return known;
    }
    PortRange made = new PortRange(protocol, low, high);
    SHARED[slot] = made;
    return made;
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
