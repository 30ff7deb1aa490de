package dev.cilia.cilium.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** {@code toFQDNs} entry or {@code rules.dns} entry: exactly one of name or pattern. */
@JsonPropertyOrder({"matchName", "matchPattern"})
public record FqdnSelector(String matchName, String matchPattern) {
  public static FqdnSelector name(String name) {
    return new FqdnSelector(name, null);
  }

  public static FqdnSelector pattern(String pattern) {
    return new FqdnSelector(null, pattern);
  }
}
