package dev.cilia.lint;

import dev.cilia.cilium.admission.Violation;
import dev.cilia.cilium.model.FqdnSelector;
import dev.cilia.cilium.model.HttpRule;
import dev.cilia.cilium.model.PortRule;
import dev.cilia.cilium.model.RuleItem;
import dev.cilia.diag.Code;
import dev.cilia.diag.Diagnostic;
import java.util.List;

/**
 * CIL0519: patterns longer than their limit (docs/lint.md "Limits"). A DNS name has at most 253
 * characters, and the CRD (1.17+) and the agent refuse a {@code matchName} or {@code matchPattern}
 * over 255 (CILIUM-POLICY.md §1.7, V15); this replaces their generic reports. HTTP {@code path},
 * {@code method} and {@code host} are regular expressions with no upstream limit; lint checks them
 * only up to 1,024 characters, as Cilia's own limit.
 */
final class PatternLimits {
  static final int DNS = 255;
  static final int HTTP = 1024;

  private final Linter.Input input;
  private final List<Diagnostic> out;

  PatternLimits(Linter.Input input, List<Diagnostic> out) {
    this.input = input;
    this.out = out;
  }

  /** Whether a schema or agent violation is the length of a DNS pattern, said here instead. */
  static boolean claims(Violation v) {
    boolean dnsField = v.path().endsWith("/matchName") || v.path().endsWith("/matchPattern");
    return dnsField
        && switch (v.check()) {
          case SCHEMA -> v.code().equals("maxLength");
          case AGENT -> v.code().equals("V15") && v.message().contains("Too long");
        };
  }

  void check(RuleItem item) {
    for (int i = 0; i < item.fqdnList().size(); i++) {
      fqdn(item.fqdnList().get(i), item.at("toFQDNs/" + i));
    }
    List<PortRule> rules = item.toPorts() == null ? List.of() : item.toPorts();
    for (int j = 0; j < rules.size(); j++) {
      PortRule rule = rules.get(j);
      if (rule == null || rule.rules() == null) {
        continue;
      }
      String p = item.at("toPorts/" + j + "/rules");
      List<FqdnSelector> dns = rule.rules().dns() == null ? List.of() : rule.rules().dns();
      for (int k = 0; k < dns.size(); k++) {
        fqdn(dns.get(k), p + "/dns/" + k);
      }
      List<HttpRule> http = rule.rules().http() == null ? List.of() : rule.rules().http();
      for (int k = 0; k < http.size(); k++) {
        HttpRule h = http.get(k);
        if (h != null) {
          String at = p + "/http/" + k;
          http(h.path(), at + "/path", "path");
          http(h.method(), at + "/method", "method");
          http(h.host(), at + "/host", "host");
        }
      }
    }
  }

  private void fqdn(FqdnSelector s, String path) {
    if (s == null) {
      return;
    }
    if (s.matchName() != null && s.matchName().length() > DNS) {
      tooLong("matchName", s.matchName().length(), DNS, path + "/matchName", dnsWhy());
    }
    if (s.matchPattern() != null && s.matchPattern().length() > DNS) {
      tooLong("matchPattern", s.matchPattern().length(), DNS, path + "/matchPattern", dnsWhy());
    }
  }

  private void http(String value, String path, String field) {
    if (value != null && value.length() > HTTP) {
      tooLong(
          field,
          value.length(),
          HTTP,
          path,
          "lint checks HTTP regular expressions up to " + HTTP + " characters (Cilia's limit)");
    }
  }

  private static String dnsWhy() {
    return "a DNS name has at most 253 characters, and the API server (1.17+) and the agent refuse"
        + " longer selectors";
  }

  private void tooLong(String field, int length, int limit, String path, String why) {
    out.add(
        Diagnostic.of(
            Code.CIL0519,
            input.at(path),
            "`" + field + "` has " + length + " characters, more than " + limit + ": " + why,
            "shorten it: split one long alternation into several rules"));
  }
}
