package dev.cilia.cilium.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/** {@code rules} of a port rule: exactly one L7 kind. */
@JsonPropertyOrder({"http", "kafka", "dns", "l7proto", "l7"})
public record L7Rules(
    List<HttpRule> http,
    List<Map<String, Object>> kafka,
    List<FqdnSelector> dns,
    String l7proto,
    List<Map<String, String>> l7) {

  /** {@code http: [{}]}: every request allowed, but through the proxy (visibility). */
  public static L7Rules httpVisibility() {
    return new L7Rules(List.of(HttpRule.ANY), null, null, null, null);
  }

  public static L7Rules dns(List<FqdnSelector> selectors) {
    return new L7Rules(null, null, List.copyOf(selectors), null, null);
  }
}
