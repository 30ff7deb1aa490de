package dev.cilia.lint;

import dev.cilia.cilium.model.CiliumPolicy;
import dev.cilia.cilium.model.FqdnSelector;
import dev.cilia.cilium.model.PortRule;
import dev.cilia.cilium.model.RuleItem;
import dev.cilia.cilium.model.RuleView;
import dev.cilia.eval.DnsNames;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The {@code dns} rules of every policy of a lint run, by namespace: a {@code toFQDNs} whose name
 * one of them matches is taken as served by it (CIL0508), whichever pods it selects and whichever
 * resolver it names — the pods of a file's policy carry more labels than its selector shows, and
 * NodeLocal DNSCache or a resolver on port 5353 is as good as kube-dns on 53.
 */
final class RunDnsRules {
  /** A DNS rule's name or pattern, and the namespace of its policy ({@code null}: clusterwide). */
  private record Rule(String namespace, Pattern name) {}

  private final List<Rule> rules = new ArrayList<>();

  RunDnsRules(List<CiliumPolicy> policies) {
    for (CiliumPolicy policy : policies) {
      String namespace = policy.isClusterwide() ? null : namespace(policy);
      for (RuleView.Rule rule : RuleView.of(policy)) {
        for (RuleItem item : rule.items(RuleView.Section.EGRESS)) {
          for (PortRule ports : item.ports()) {
            if (ports.rules() == null || ports.rules().dns() == null) {
              continue;
            }
            for (FqdnSelector s : ports.rules().dns()) {
              if (s != null) {
                glob(s).ifPresent(p -> rules.add(new Rule(namespace, p)));
              }
            }
          }
        }
      }
    }
  }

  /** Whether a DNS rule of the run that can select pods of {@code policy} matches {@code name}. */
  boolean serves(CiliumPolicy policy, String name) {
    String namespace = policy.isClusterwide() ? null : namespace(policy);
    String n = DnsNames.normalize(name);
    return rules.stream()
        .filter(r -> r.namespace() == null || namespace == null || r.namespace().equals(namespace))
        .anyMatch(r -> r.name().matcher(n).matches());
  }

  private static Optional<Pattern> glob(FqdnSelector s) {
    String text = s.matchName() != null && !s.matchName().isEmpty() ? s.matchName() : null;
    if (text != null) {
      return Optional.of(Pattern.compile(Pattern.quote(DnsNames.normalize(text))));
    }
    String pattern = s.matchPattern();
    if (pattern == null || pattern.isEmpty()) {
      return Optional.empty();
    }
    String p = DnsNames.normalize(pattern);
    if (p.equals("*")) {
      return Optional.of(Pattern.compile(".*"));
    }
    // `*` is zero or more label characters (CILIUM-POLICY.md §1.7), as in eval.DnsNames.
    String regex =
        Arrays.stream(p.split("\\*+", -1))
            .map(Pattern::quote)
            .collect(Collectors.joining("[-a-z0-9_]*"));
    return Optional.of(Pattern.compile(regex));
  }

  private static String namespace(CiliumPolicy policy) {
    return policy.metadata() == null
            || policy.metadata().getNamespace() == null
            || policy.metadata().getNamespace().isEmpty()
        ? "default"
        : Objects.requireNonNull(policy.metadata().getNamespace());
  }
}
