package dev.cilia.lint;

import dev.cilia.cilium.Target;
import dev.cilia.cilium.model.DefaultDeny;
import dev.cilia.cilium.model.RuleItem;
import dev.cilia.cilium.model.RuleView;
import dev.cilia.diag.Code;
import dev.cilia.diag.Diagnostic;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The pitfalls of a rule's shape that the schema and the agent accept but that do not do what they
 * say (CILIUM-POLICY.md §1.2, §2, §3.1, §5): an empty section list (CIL0514), a rule without
 * sections (CIL0515), {@code toNodes}/{@code fromNodes} that a default agent cannot match
 * (CIL0516), namespace-label peers before 1.16 (CIL0517) and {@code enableDefaultDeny} before 1.16
 * (CIL0518).
 */
final class ShapeChecks {
  private static final String NAMESPACE_LABELS = "io.cilium.k8s.namespace.labels.";

  private final Target target;
  private final Linter.Input input;
  private final List<Diagnostic> out;

  ShapeChecks(Target target, Linter.Input input, List<Diagnostic> out) {
    this.target = target;
    this.input = input;
    this.out = out;
  }

  /** Whether the target's agent refuses a rule without sections (V1, 1.17+). */
  static boolean refusesSectionless(Target target) {
    return target.compareTo(Target.V1_17) >= 0;
  }

  void check(RuleView.Rule rule, boolean clusterwide) {
    sections(rule);
    defaultDeny(rule);
    for (RuleItem item : rule.items()) {
      nodes(item);
      if (!clusterwide && !target.namespaceLabelPeersCrossNamespaces()) {
        namespaceLabels(item);
      }
    }
  }

  /** CIL0514 and CIL0515: lists that are treated as absent, and rules with nothing in them. */
  private void sections(RuleView.Rule rule) {
    boolean anyItems = false;
    boolean anyList = false;
    for (RuleView.Section s : RuleView.Section.values()) {
      anyItems |= rule.has(s);
      anyList |= rule.list(s) != null;
    }
    if (!anyList && !refusesSectionless(target)) {
      boolean dd = rule.rule().enableDefaultDeny() != null;
      out.add(
          Diagnostic.of(
              Code.CIL0515,
              input.at(dd ? rule.pointer() + "/enableDefaultDeny" : rule.pointer()),
              (dd
                      ? "`enableDefaultDeny` without `ingress`, `egress` or their `…Deny` lists"
                      : "a rule without `ingress`, `egress` or their `…Deny` lists")
                  + " does nothing: it neither enforces nor relaxes a direction (§3.1)",
              "add the section the rule is meant for, or delete it; Cilium 1.17+ refuses such a"
                  + " rule"));
      return;
    }
    if (!anyItems && refusesSectionless(target)) {
      return; // the agent's V1 says it
    }
    for (RuleView.Section s : RuleView.Section.values()) {
      List<?> list = rule.list(s);
      if (list != null && list.isEmpty()) {
        String field = s.field();
        out.add(
            Diagnostic.of(
                Code.CIL0514,
                input.at(rule.pointer(s)),
                "`"
                    + field
                    + ": []` is treated as absent: it "
                    + (s.deny() ? "denies" : "allows")
                    + " nothing and does not put the selected pods into default-deny for "
                    + s.word(),
                s.deny()
                    ? "remove the empty list, or list what to deny"
                    : "to deny all "
                        + s.word()
                        + ", write `"
                        + field
                        + ": [{}]`; else remove"
                        + " the empty list"));
      }
    }
  }

  /** CIL0518: {@code enableDefaultDeny} is not in the CRD before 1.16 (§2). */
  private void defaultDeny(RuleView.Rule rule) {
    DefaultDeny dd = rule.rule().enableDefaultDeny();
    if (dd == null || target.hasEnableDefaultDeny()) {
      return;
    }
    List<String> relaxed = new ArrayList<>();
    if (Boolean.FALSE.equals(dd.egress())) {
      relaxed.add("egress");
    }
    if (Boolean.FALSE.equals(dd.ingress())) {
      relaxed.add("ingress");
    }
    out.add(
        Diagnostic.of(
            Code.CIL0518,
            input.at(rule.pointer() + "/enableDefaultDeny"),
            "`enableDefaultDeny` is not in Cilium "
                + target
                + ": the API server refuses or prunes it"
                + (relaxed.isEmpty()
                    ? ""
                    : ", and then the rule puts the selected pods into default-deny for "
                        + String.join(" and ", relaxed)),
            "below 1.16, keep a direction open with the item `- toEntities: [all]` /"
                + " `- fromEntities: [all]`, or target Cilium 1.16+; in Cilia, `observe …` without"
                + " `enforce` is expanded for you"));
  }

  /** CIL0516: node selectors need node labels, which a default agent does not have (§1.3). */
  private void nodes(RuleItem item) {
    if (item.nodes() == null || !target.hasNodeSelectorPeers()) {
      return;
    }
    String field = item.field("Nodes");
    out.add(
        Diagnostic.of(
            Code.CIL0516,
            input.at(item.at(field)),
            "`"
                + field
                + "` selects nodes by their labels, which the agent knows only with"
                + " `--enable-node-selector-labels` (off by default): a default agent matches no"
                + " node here, so the item "
                + (item.deny() ? "denies" : "allows")
                + " nothing",
            "use `"
                + item.field("Entities")
                + ": [host, remote-node]` for every node, or enable the agent option"));
  }

  /** CIL0517: before 1.16 a namespace-label peer of a CNP stays in its namespace (cilium#30149). */
  private void namespaceLabels(RuleItem item) {
    String field = item.field("Endpoints");
    List<LabelSelector> peers = item.endpoints();
    if (peers == null) {
      return;
    }
    for (int i = 0; i < peers.size(); i++) {
      LabelSelector peer = peers.get(i);
      if (peer != null && hasNamespaceLabel(peer)) {
        out.add(
            Diagnostic.of(
                Code.CIL0517,
                input.at(item.at(field + "/" + i)),
                "on Cilium "
                    + target
                    + " a namespace-label selector in a CiliumNetworkPolicy matches only pods of"
                    + " the policy's own namespace (cilium#30149)",
                "name the namespaces with `k8s:io.kubernetes.pod.namespace`, use a"
                    + " CiliumClusterwideNetworkPolicy, or target Cilium 1.16+"));
      }
    }
  }

  private static boolean hasNamespaceLabel(LabelSelector selector) {
    List<String> keys = new ArrayList<>();
    if (selector.getMatchLabels() != null) {
      keys.addAll(selector.getMatchLabels().keySet());
    }
    if (selector.getMatchExpressions() != null) {
      selector.getMatchExpressions().stream()
          .filter(Objects::nonNull)
          .map(LabelSelectorRequirement::getKey)
          .forEach(keys::add);
    }
    return keys.stream()
        .filter(Objects::nonNull)
        .map(k -> k.replaceFirst("^(k8s|any):", ""))
        .anyMatch(k -> k.startsWith(NAMESPACE_LABELS));
  }
}
