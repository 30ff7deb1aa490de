package dev.cilia.cilium.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.cilia.source.SharedStrings;

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

  /**
   * Ports read back, one instance per port and protocol: the same few hundred pairs recur in every
   * document. A fixed table indexed by hash, as {@link SharedStrings}; a range ({@code endPort}) is
   * not shared.
   */
  private static final PortProtocol[] READ = new PortProtocol[4096];

  /** A port as it is read back, by Jackson or by hand. */
  @JsonCreator
  public static PortProtocol read(
      @JsonProperty("port") String port,
      @JsonProperty("endPort") Integer endPort,
      @JsonProperty("protocol") String protocol) {
    port = SharedStrings.of(port);
    protocol = SharedStrings.of(protocol);
    if (endPort != null) {
      return new PortProtocol(port, endPort, protocol);
    }
    int hash = 31 * java.util.Objects.hashCode(port) + java.util.Objects.hashCode(protocol);
    int slot = (hash ^ (hash >>> 12)) & (READ.length - 1);
    PortProtocol known = READ[slot];
    if (known != null
        && known.endPort == null
        && java.util.Objects.equals(known.port, port)
        && java.util.Objects.equals(known.protocol, protocol)) {
      return known;
    }
    PortProtocol made = new PortProtocol(port, null, protocol);
    READ[slot] = made;
    return made;
  }

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
