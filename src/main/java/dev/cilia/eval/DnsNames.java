package dev.cilia.eval;

import dev.cilia.cilium.model.FqdnSelector;
import java.util.Locale;

/**
 * {@code matchName} / {@code matchPattern} matching as the DNS proxy and toFQDNs do it
 * (CILIUM-POLICY.md §1.7): case-insensitive, trailing dot tolerant, {@code *} = zero or more of
 * {@code [-a-zA-Z0-9_]} inside one label, {@code *} alone = every name, and {@code **} the same as
 * {@code *} (any-depth {@code **.} arrives only in 1.19). No regular expressions.
 */
public final class DnsNames {
  private final String text;
  private final boolean pattern;
  private final boolean everything;
  private final String source;

  private DnsNames(String text, boolean pattern, String source) {
    this.text = text;
    this.pattern = pattern;
    this.everything = pattern && text.equals("*");
    this.source = source;
  }

  public static String normalize(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
  }

  static DnsNames of(FqdnSelector selector) {
    if (selector.matchName() != null && !selector.matchName().isEmpty()) {
      return new DnsNames(
          normalize(selector.matchName()), false, "matchName: " + selector.matchName());
    }
    if (selector.matchPattern() != null && !selector.matchPattern().isEmpty()) {
      String p = normalize(selector.matchPattern());
      StringBuilder collapsed = new StringBuilder(p.length());
      for (int i = 0; i < p.length(); i++) {
        char c = p.charAt(i);
        if (c != '*'
            || collapsed.length() == 0
            || collapsed.charAt(collapsed.length() - 1) != '*') {
          collapsed.append(c);
        }
      }
      return new DnsNames(collapsed.toString(), true, "matchPattern: " + selector.matchPattern());
    }
    throw new IllegalArgumentException("an FQDN selector needs matchName or matchPattern");
  }

  boolean matchesEverything() {
    return everything;
  }

  /** Whether {@code name} (already {@linkplain #normalize normalized}) matches. */
  boolean matches(String name) {
    if (!pattern) {
      return text.equals(name);
    }
    return everything || glob(0, name, 0);
  }

  private boolean glob(int pi, String name, int ni) {
    while (pi < text.length()) {
      char p = text.charAt(pi);
      if (p == '*') {
        // The star may take label characters only; try each length, shortest first.
        for (int k = ni; ; k++) {
          if (glob(pi + 1, name, k)) {
            return true;
          }
          if (k >= name.length() || !labelChar(name.charAt(k))) {
            return false;
          }
        }
      }
      if (ni >= name.length() || name.charAt(ni) != p) {
        return false;
      }
      pi++;
      ni++;
    }
    return ni == name.length();
  }

  private static boolean labelChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '_'
        || (c >= 'A' && c <= 'Z');
  }

  @Override
  public String toString() {
    return source;
  }
}
