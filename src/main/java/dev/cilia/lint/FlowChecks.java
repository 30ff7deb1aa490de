package dev.cilia.lint;

import dev.cilia.cilium.Entities;
import dev.cilia.cilium.Ports;
import dev.cilia.cilium.Target;
import dev.cilia.cilium.model.CiliumPolicy;
import dev.cilia.cilium.model.DefaultDeny;
import dev.cilia.cilium.model.EgressRule;
import dev.cilia.cilium.model.FqdnSelector;
import dev.cilia.cilium.model.HttpRule;
import dev.cilia.cilium.model.IngressRule;
import dev.cilia.cilium.model.PolicyRule;
import dev.cilia.cilium.model.PortProtocol;
import dev.cilia.cilium.model.PortRule;
import dev.cilia.cilium.model.RuleItem;
import dev.cilia.cilium.model.RuleView;
import dev.cilia.diag.Code;
import dev.cilia.diag.Diagnostic;
import dev.cilia.diag.Diagnostics;
import dev.cilia.eval.Endpoint;
import dev.cilia.eval.Evaluator;
import dev.cilia.eval.Protocol;
import dev.cilia.eval.RuleRef;
import dev.cilia.eval.Side;
import dev.cilia.eval.Verdict;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The pitfalls that show only in what Cilium does with all policies together, asked of the
 * evaluator (docs/evaluator.md): rules that silently make a direction default-deny (CIL0507) and
 * {@code toFQDNs} whose lookups no DNS rule sees (CIL0508). Only policies that pass the agent's
 * checks take part, as the agent ignores the others.
 */
final class FlowChecks {
  /** A policy the agent would load, with where it came from. */
  record Accepted(Linter.Input input, CiliumPolicy policy) {}

  /** A flow that a pod of the seed typically needs (LANGUAGE.md "Why it exists"). */
  private record Probe(String what, Endpoint peer, Protocol protocol, int port) {}

  private static final String OTHER_NAMESPACE = "other-namespace";

  private FlowChecks() {}

  static void check(Target target, List<Accepted> accepted, Diagnostics out) {
    List<Accepted> readable = accepted;
    Evaluator evaluator;
    try {
      evaluator = new Evaluator(target, policies(readable));
    } catch (IllegalArgumentException e) {
      // Content the evaluator cannot read (docs/evaluator.md "Not modelled"): leave those out;
      // the schema and agent checks have said what they can about them.
      readable = accepted.stream().filter(a -> readable(target, a)).toList();
      evaluator = new Evaluator(target, policies(readable));
    }
    RunDnsRules dns = new RunDnsRules(policies(readable));
    for (Accepted a : readable) {
      try {
        check(target, a, evaluator, dns, out);
      } catch (IllegalArgumentException e) {
        // As above: a flow the evaluator cannot decide from this policy's content.
      }
    }
  }

  private static List<CiliumPolicy> policies(List<Accepted> accepted) {
    return accepted.stream().map(Accepted::policy).toList();
  }

  private static boolean readable(Target target, Accepted a) {
    try {
      new Evaluator(target, List.of(a.policy()));
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static void check(
      Target target, Accepted a, Evaluator evaluator, RunDnsRules dns, Diagnostics out) {
    CiliumPolicy policy = a.policy();
    for (RuleView.Rule rule : RuleView.of(policy)) {
      Optional<Endpoint.Pod> subject = subject(policy, rule.rule());
      if (subject.isEmpty()) {
        continue;
      }
      for (Side d : Side.values()) {
        defaultDeny(target, a, rule, d, subject.get(), evaluator, out);
      }
      fqdns(a, rule, subject.get(), evaluator, dns, out);
    }
  }

  // ------------------------------------------------------------ CIL0507

  private static void defaultDeny(
      Target target,
      Accepted a,
      RuleView.Rule r,
      Side d,
      Endpoint.Pod subject,
      Evaluator evaluator,
      Diagnostics out) {
    boolean egress = d == Side.EGRESS;
    PolicyRule rule = r.rule();
    RuleView.Section allowSection = RuleView.Section.of(d == Side.EGRESS, false);
    List<?> allows = r.list(allowSection);
    boolean hasAllows = r.has(allowSection);
    if (!hasAllows && !r.has(RuleView.Section.of(d == Side.EGRESS, true))) {
      return;
    }
    DefaultDeny dd = rule.enableDefaultDeny();
    Boolean explicit = dd == null ? null : egress ? dd.egress() : dd.ingress();
    if (target.hasEnableDefaultDeny() && explicit != null) {
      return;
    }
    if (hasAllows && !unmeant(r, d)) {
      return;
    }
    String word = d.word();
    RuleView.Section named = RuleView.Section.of(d == Side.EGRESS, !hasAllows);
    String section = named.field();
    RuleRef ref = new RuleRef(qualifiedName(a.policy()), d, r.name(named));
    List<String> dropped = new ArrayList<>();
    for (Probe probe : egress ? egressProbes(subject) : ingressProbes(subject, r)) {
      Verdict v =
          egress
              ? evaluator.decide(subject, probe.peer(), probe.protocol(), probe.port())
              : evaluator.decide(probe.peer(), subject, probe.protocol(), probe.port());
      if (v.kind() == Verdict.Kind.DENIED && v.sides().contains(d) && v.rules().contains(ref)) {
        dropped.add(probe.what());
      }
    }
    if (dropped.isEmpty()) {
      return;
    }
    // §3.1.4: `- {}` allows nothing, where a Kubernetes NetworkPolicy's `- {}` allows everything.
    boolean emptyItem =
        hasAllows && allows.contains(egress ? EgressRule.empty() : IngressRule.empty());
    out.add(
        Diagnostic.of(
            Code.CIL0507,
            a.input().at(r.pointer(named)),
            "`"
                + section
                + "` puts the selected pods into default-deny for "
                + word
                + (emptyItem
                    ? " (its item `{}` allows nothing, unlike `- {}` in a Kubernetes"
                        + " NetworkPolicy)"
                    : "")
                + ": everything not listed is dropped, such as "
                + joined(dropped),
            fix(target, r, d)));
  }

  /**
   * Whether an allow section looks like it was not meant to default-deny (docs/lint.md): an item
   * {@code {}} next to other items or to the direction's deny list (the Kubernetes reading, allow
   * all), or visibility only — every port rule carries L7 rules that allow everything, and some
   * item has no peer or is HTTP or Kafka visibility. Explicit peers and plain ports are an
   * allowlist, and an allowlist means default-deny.
   */
  private static boolean unmeant(RuleView.Rule rule, Side d) {
    List<RuleItem> items = rule.items(RuleView.Section.of(d == Side.EGRESS, false));
    if (items.stream().anyMatch(RuleItem::empty)) {
      return items.size() > 1 || rule.has(RuleView.Section.of(d == Side.EGRESS, true));
    }
    boolean wildcardOrProxy = false;
    for (RuleItem item : items) {
      if (item.ports().isEmpty() || RuleItem.size(item.icmps()) > 0) {
        return false;
      }
      for (PortRule p : item.ports()) {
        if (!L7Shapes.allowsAll(p.rules())) {
          return false;
        }
        wildcardOrProxy |= !item.hasPeer() || p.rules().dns() == null;
      }
    }
    return wildcardOrProxy;
  }

  private static List<Probe> egressProbes(Endpoint.Pod subject) {
    return List.of(
        new Probe("DNS to kube-dns on udp/53", Evaluator.KUBE_DNS, Protocol.UDP, Ports.DNS),
        new Probe("Oracle on tcp/1521", Endpoint.ip("10.20.30.5"), Protocol.TCP, 1521),
        new Probe("FTP on tcp/21", Endpoint.ip("198.51.100.21"), Protocol.TCP, 21),
        new Probe("HTTPS on tcp/443 to the world", Endpoint.ip("203.0.113.10"), Protocol.TCP, 443),
        new Probe(
            "the kube-apiserver on tcp/6443",
            Endpoint.entity(Entities.KUBE_APISERVER),
            Protocol.TCP,
            6443),
        new Probe(
            "tcp/5432 to other pods of namespace `" + subject.namespace() + "`",
            Endpoint.pod(subject.namespace(), Map.of("app", "lint-probe")),
            Protocol.TCP,
            5432),
        new Probe(
            "tcp/8080 to pods in other namespaces",
            Endpoint.pod(otherNamespace(subject), Map.of("app", "lint-probe")),
            Protocol.TCP,
            8080));
  }

  private static List<Probe> ingressProbes(Endpoint.Pod subject, RuleView.Rule rule) {
    int port = firstTcpPort(ports(rule, RuleView.Section.INGRESS)).orElse(8080);
    return List.of(
        new Probe(
            "tcp/" + port + " from other pods of namespace `" + subject.namespace() + "`",
            Endpoint.pod(subject.namespace(), Map.of("app", "lint-probe")),
            Protocol.TCP,
            port),
        new Probe(
            "tcp/" + port + " from pods in other namespaces",
            Endpoint.pod(otherNamespace(subject), Map.of("app", "lint-probe")),
            Protocol.TCP,
            port),
        new Probe(
            "tcp/" + port + " from outside the cluster",
            Endpoint.ip("203.0.113.10"),
            Protocol.TCP,
            port),
        new Probe(
            "tcp/" + port + " from other nodes and their host-network pods",
            Endpoint.entity(Entities.REMOTE_NODE),
            Protocol.TCP,
            port));
  }

  /** The YAML fix for the target, and the Cilia way of saying it. */
  private static String fix(Target target, RuleView.Rule rule, Side d) {
    String word = d.word();
    String yaml =
        target.hasEnableDefaultDeny()
            ? "to drop only what is denied, add `enableDefaultDeny: {"
                + word
                + ": false}` to the"
                + " spec (L7 rules still apply; `true` says default-deny is meant)"
            : "to drop only what is denied on Cilium "
                + target
                + ", add the item `- "
                + (d == Side.EGRESS ? "toEntities" : "fromEntities")
                + ": [all]` to `"
                + word
                + "` (L7 rules still apply)";
    List<String> cilia = new ArrayList<>();
    if (d == Side.EGRESS && hasDnsRules(ports(rule, RuleView.Section.EGRESS))) {
      cilia.add("`observe dns \"*\"`");
    }
    Set<String> httpPorts =
        httpVisibilityPorts(ports(rule, RuleView.Section.of(d == Side.EGRESS, false)));
    if (!httpPorts.isEmpty()) {
      cilia.add(
          "`observe http on "
              + String.join(", ", httpPorts)
              + (d == Side.EGRESS ? "" : " from …")
              + "`");
    }
    String statements = cilia.isEmpty() ? "`allow …` and `observe …`" : String.join(" and ", cilia);
    return yaml
        + "; in Cilia, "
        + statements
        + " without `enforce "
        + word
        + "` block nothing else";
  }

  // ------------------------------------------------------------ CIL0508

  /** CIL0508: toFQDNs learn addresses only from lookups the DNS proxy sees (§3.5, cilium#11767). */
  private static void fqdns(
      Accepted a,
      RuleView.Rule rule,
      Endpoint.Pod subject,
      Evaluator evaluator,
      RunDnsRules dns,
      Diagnostics out) {
    for (RuleItem item : rule.items(RuleView.Section.EGRESS)) {
      for (int j = 0; j < item.fqdnList().size(); j++) {
        FqdnSelector selector = item.fqdnList().get(j);
        Optional<String> name = exampleName(selector);
        if (name.isEmpty() || dns.serves(a.policy(), name.get())) {
          continue;
        }
        Verdict v = evaluator.dnsLookup(subject, name.get());
        String problem =
            switch (v.kind()) {
              case ALLOWED ->
                  "lookups of `"
                      + name.get()
                      + "` reach kube-dns without the DNS"
                      + " proxy, so Cilium never learns its addresses";
              case REFUSED ->
                  "the DNS proxy refuses lookups of `"
                      + name.get()
                      + "`: no `dns`"
                      + " rule matches it";
              case DENIED, DENIED_BY_RULE ->
                  "lookups of `"
                      + name.get()
                      + "` to kube-dns are"
                      + " dropped, so Cilium never learns its addresses";
              default -> null;
            };
        if (problem == null) {
          continue;
        }
        out.add(
            Diagnostic.of(
                Code.CIL0508,
                a.input().at(item.at("toFQDNs/" + j)),
                problem + "; this `toFQDNs` matches nothing and its traffic is dropped",
                "add an egress item `toEndpoints: [{matchLabels: {k8s:io.kubernetes.pod.namespace:"
                    + " kube-system, k8s:k8s-app: kube-dns}}]` with `toPorts: [{ports: [{port:"
                    + " \"53\", protocol: ANY}], rules: {dns: [{matchPattern: \"*\"}]}}]`; Cilia"
                    + " adds it for every `fqdn` peer"));
      }
    }
  }

  /** A name the selector matches: the name itself, or the pattern with each `*` as `x`. */
  private static Optional<String> exampleName(FqdnSelector selector) {
    if (selector.matchName() != null && !selector.matchName().isEmpty()) {
      return Optional.of(selector.matchName());
    }
    String pattern = selector.matchPattern();
    if (pattern == null || pattern.isEmpty()) {
      return Optional.empty();
    }
    if (pattern.equals("*")) {
      return Optional.of("example.com");
    }
    return Optional.of(pattern.replace("*", "x"));
  }

  // ------------------------------------------------------------ subjects

  /**
   * A pod that the rule's {@code endpointSelector} selects, built from its requirements; empty for
   * node selectors and reserved identities, which are not pods.
   */
  static Optional<Endpoint.Pod> subject(CiliumPolicy policy, PolicyRule rule) {
    LabelSelector selector = rule.endpointSelector();
    if (selector == null || rule.nodeSelector() != null) {
      return Optional.empty();
    }
    Map<String, String> labels = new HashMap<>();
    Map<String, String> namespaceLabels = new HashMap<>();
    String namespace =
        policy.isClusterwide()
                || policy.metadata() == null
                || policy.metadata().getNamespace() == null
                || policy.metadata().getNamespace().isEmpty()
            ? "default"
            : policy.metadata().getNamespace();
    Map<String, String> wanted = new HashMap<>();
    if (selector.getMatchLabels() != null) {
      wanted.putAll(selector.getMatchLabels());
    }
    if (selector.getMatchExpressions() != null) {
      for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
        String op = r.getOperator() == null ? "" : r.getOperator();
        if (op.equals("In") && r.getValues() != null && !r.getValues().isEmpty()) {
          wanted.putIfAbsent(r.getKey(), r.getValues().get(0));
        } else if (op.equals("Exists")) {
          wanted.putIfAbsent(r.getKey(), "lint-probe");
        }
      }
    }
    for (Map.Entry<String, String> e : wanted.entrySet()) {
      String key = e.getKey() == null ? "" : e.getKey();
      String value = e.getValue() == null ? "" : e.getValue();
      if (key.startsWith("reserved:")) {
        return Optional.empty();
      }
      key = key.replaceFirst("^(k8s|any):", "");
      if (key.equals("io.kubernetes.pod.namespace")) {
        if (policy.isClusterwide() && !value.isEmpty()) {
          namespace = value;
        }
      } else if (key.startsWith("io.cilium.k8s.namespace.labels.")) {
        namespaceLabels.put(key.substring("io.cilium.k8s.namespace.labels.".length()), value);
      } else {
        labels.put(key, value);
      }
    }
    try {
      return Optional.of(Endpoint.pod(namespace, labels, namespaceLabels));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static String otherNamespace(Endpoint.Pod subject) {
    return subject.namespace().equals(OTHER_NAMESPACE) ? OTHER_NAMESPACE + "-2" : OTHER_NAMESPACE;
  }

  // ------------------------------------------------------------ small helpers

  private static String qualifiedName(CiliumPolicy policy) {
    String name = policy.qualifiedName();
    if (!policy.isClusterwide()
        && (policy.metadata() == null
            || policy.metadata().getNamespace() == null
            || policy.metadata().getNamespace().isEmpty())) {
      // As the evaluator names it: kubectl puts a namespaced object without one in `default`.
      return "default/" + name;
    }
    return name;
  }

  /** The port rules of a section's items, in order. */
  private static List<PortRule> ports(RuleView.Rule rule, RuleView.Section section) {
    return rule.items(section).stream().flatMap(i -> i.ports().stream()).toList();
  }

  private static Optional<Integer> firstTcpPort(List<PortRule> rules) {
    for (PortRule rule : rules) {
      for (PortProtocol p : rule.ports() == null ? List.<PortProtocol>of() : rule.ports()) {
        if (p.port() != null
            && p.port().matches("[1-9]\\d{0,4}")
            && (p.protocol() == null || !p.protocol().equalsIgnoreCase("UDP"))) {
          int n = Integer.parseInt(p.port());
          if (n <= 65535) {
            return Optional.of(n);
          }
        }
      }
    }
    return Optional.empty();
  }

  private static boolean hasDnsRules(List<PortRule> rules) {
    return rules.stream()
        .anyMatch(r -> r.rules() != null && r.rules().dns() != null && !r.rules().dns().isEmpty());
  }

  /** Ports of port rules whose HTTP rules are all {@code {}}: visibility, not filtering. */
  private static Set<String> httpVisibilityPorts(List<PortRule> rules) {
    Set<Integer> ports = new TreeSet<>();
    for (PortRule rule : rules) {
      List<HttpRule> http = rule.rules() == null ? null : rule.rules().http();
      if (http == null || http.isEmpty() || !http.stream().allMatch(HttpRule.ANY::equals)) {
        continue;
      }
      for (PortProtocol p : rule.ports() == null ? List.<PortProtocol>of() : rule.ports()) {
        if (p.port() != null && p.port().matches("[1-9]\\d{0,4}")) {
          ports.add(Integer.parseInt(p.port()));
        }
      }
    }
    Set<String> out = new LinkedHashSet<>();
    ports.forEach(p -> out.add(Integer.toString(p)));
    return out;
  }

  private static String joined(List<String> items) {
    if (items.size() == 1) {
      return items.get(0);
    }
    return String.join(", ", items.subList(0, items.size() - 1))
        + " and "
        + items.get(items.size() - 1);
  }
}
