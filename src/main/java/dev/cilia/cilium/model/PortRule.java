package dev.cilia.cilium.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/** One {@code toPorts} entry: up to 40 ports and optional L7 rules. */
@JsonPropertyOrder({
  "ports",
  "rules",
  "serverNames",
  "terminatingTLS",
  "originatingTLS",
  "listener"
})
public record PortRule(
    List<PortProtocol> ports,
    L7Rules rules,
    List<String> serverNames,
    Map<String, Object> terminatingTLS,
    Map<String, Object> originatingTLS,
    Map<String, Object> listener) {

  public static PortRule of(List<PortProtocol> ports, L7Rules rules) {
    return new PortRule(List.copyOf(ports), rules, null, null, null, null);
  }
}
