package dev.cilia.eval;

import java.util.Locale;
import java.util.Optional;

/**
 * The L4 protocol of a flow. For {@link #ICMP} and {@link #ICMPV6} the flow's port is the ICMP
 * type.
 */
public enum Protocol {
  TCP,
  UDP,
  SCTP,
  ICMP,
  ICMPV6;

  /** {@link #word()}, built once: every verdict's reason names the protocol. */
  private final String word = name().toLowerCase(Locale.ROOT);

  /** {@code tcp}, {@code udp}, … as Cilia and Hubble print them. */
  public String word() {
    return word;
  }

  public static Optional<Protocol> parse(String text) {
    for (Protocol p : values()) {
      if (p.name().equalsIgnoreCase(text)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  public boolean isIcmp() {
    return this == ICMP || this == ICMPV6;
  }

  int bit() {
    return 1 << ordinal();
  }
}
