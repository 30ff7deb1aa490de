package dev.cilia.cilium.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One port (a decimal string, {@code "0"} = all ports, or a named port), an optional {@code
 * endPort} (1.16+) and a protocol ({@code TCP}, {@code UDP}, {@code SCTP}, {@code ANY}).
 */
@JsonPropertyOrder({"port", "endPort", "protocol"})
public record PortProtocol(String port, Integer endPort, String protocol) {
  public static PortProtocol of(int port, String protocol) {
    return new PortProtocol(Integer.toString(port), null, protocol);
  }
}
