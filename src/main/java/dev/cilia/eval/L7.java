package dev.cilia.eval;

import dev.cilia.cilium.model.FqdnSelector;
import dev.cilia.cilium.model.HttpRule;
import dev.cilia.cilium.model.L7Rules;
import java.util.ArrayList;
import java.util.List;

/** The L7 rules of a port rule that make its entries proxy redirects (§1.9, §3.2). */
final class L7 {
  enum Kind {
    HTTP,
    DNS,
    KAFKA,
    GENERIC
  }

  final Kind kind;

  /** Every request (HTTP) or name (DNS) passes the proxy: {@code http: [{}]}, {@code "*"}. */
  final boolean allowsAll;

  final DnsNames[] names;

  private L7(Kind kind, boolean allowsAll, List<DnsNames> names) {
    this.kind = kind;
    this.allowsAll = allowsAll;
    this.names = names.toArray(DnsNames[]::new);
  }

  /** Null when there are no L7 rules: {@code rules: {}} and {@code http: []} mean plain L4. */
  static L7 of(L7Rules rules) {
    if (rules == null) {
      return null;
    }
    if (rules.http() != null && !rules.http().isEmpty()) {
      boolean all = false;
      for (HttpRule h : rules.http()) {
        all |=
            empty(h.path())
                && empty(h.method())
                && empty(h.host())
                && (h.headers() == null || h.headers().isEmpty())
                && (h.headerMatches() == null || h.headerMatches().isEmpty());
      }
      return new L7(Kind.HTTP, all, List.of());
    }
    if (rules.dns() != null && !rules.dns().isEmpty()) {
      List<DnsNames> names = new ArrayList<>();
      boolean all = false;
      for (FqdnSelector s : rules.dns()) {
        DnsNames n = DnsNames.of(s);
        names.add(n);
        all |= n.matchesEverything();
      }
      return new L7(Kind.DNS, all, names);
    }
    if (rules.kafka() != null && !rules.kafka().isEmpty()) {
      return new L7(Kind.KAFKA, false, List.of());
    }
    if (rules.l7proto() != null && !rules.l7proto().isEmpty()) {
      return new L7(Kind.GENERIC, false, List.of());
    }
    return null;
  }

  boolean allowsName(String normalized) {
    for (DnsNames n : names) {
      if (n.matches(normalized)) {
        return true;
      }
    }
    return false;
  }

  private static boolean empty(String s) {
    return s == null || s.isEmpty();
  }

  String word() {
    return switch (kind) {
      case HTTP -> "HTTP";
      case DNS -> "DNS";
      case KAFKA -> "Kafka";
      case GENERIC -> "generic L7";
    };
  }
}
