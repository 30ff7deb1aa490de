package dev.cilia.lint;

import dev.cilia.cilium.model.FqdnSelector;
import dev.cilia.cilium.model.HttpRule;
import dev.cilia.cilium.model.L7Rules;

/**
 * L7 rules that filter nothing: visibility ({@code http: [{}]}, {@code dns: [{matchPattern:
 * "*"}]}).
 */
final class L7Shapes {
  private L7Shapes() {}

  /** Whether {@code rules} redirects to a proxy and allows every request there. */
  static boolean allowsAll(L7Rules rules) {
    if (rules == null) {
      return false;
    }
    if (rules.http() != null && !rules.http().isEmpty()) {
      return rules.http().stream().anyMatch(r -> r == null || HttpRule.ANY.equals(r));
    }
    if (rules.dns() != null && !rules.dns().isEmpty()) {
      return rules.dns().stream().anyMatch(L7Shapes::everyName);
    }
    if (rules.kafka() != null && !rules.kafka().isEmpty()) {
      return rules.kafka().stream().anyMatch(k -> k == null || k.isEmpty());
    }
    return false;
  }

  private static boolean everyName(FqdnSelector s) {
    return s != null && "*".equals(s.matchPattern()) && s.matchName() == null;
  }
}
