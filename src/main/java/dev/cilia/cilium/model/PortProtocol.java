package dev.cilia.cilium.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One port (a decimal string, {@code "0"} = all ports, or a named port), an optional {@code
 * endPort} (1.16+) and a protocol ({@code TCP}, {@code UDP}, {@code SCTP}, {@code ANY}).
 */
@JsonPropertyOrder({"port", "endPort", "protocol"})
public record PortProtocol(String port, Integer endPort, String protocol) {
  /**
   * Port texts, made once each: a large compile holds hundreds of thousands of ports, and fewer
   * live objects mean cheaper garbage collection (docs/performance.md). Racing writers store equal
   * strings.
   */
  private static final String[] TEXTS = new String[65536];

  public static PortProtocol of(int port, String protocol) {
    return new PortProtocol(text(port), null, protocol);
  }

  /** The decimal text of {@code port}. */
  private static String text(int port) {
    if (port < 0 || port >= TEXTS.length) {
      return Integer.toString(port);
    }
    String text = TEXTS[port];
    if (text == null) {
      text = Integer.toString(port);
      TEXTS[port] = text;
    }
    return text;
  }
}
