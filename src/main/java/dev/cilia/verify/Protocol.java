package dev.cilia.verify;

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

  /** {@code tcp}, {@code udp}, … as Cilia and Hubble print them. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Protocol> parse(String text) {
    for (Protocol p : values()) {
      if (p.name().equalsIgnoreCase(text)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  boolean isIcmp() {
    return this == ICMP || this == ICMPV6;
  }

  int bit() {
    return 1 << ordinal();
  }
}
