package dev.cilia.lower;

import dev.cilia.cilium.CiliumLabels;
import dev.cilia.ir.NamespaceMatch;
import dev.cilia.ir.Selector;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** IR selectors as Cilium endpoint selectors, with namespace labels spelled out. */
final class Selectors {
  private Selectors() {}

  /** Pods matching {@code pods} in the namespaces {@code namespaces}. */
  static LabelSelector pods(Selector pods, NamespaceMatch namespaces) {
    Builder builder = new Builder();
    if (namespaces instanceof NamespaceMatch.Named named) {
      builder.add(
          new Selector.Requirement(
              CiliumLabels.NAMESPACE, Selector.Operator.IN, List.of(named.namespace())));
    } else if (namespaces instanceof NamespaceMatch.Labelled labelled) {
      for (Selector.Requirement r : labelled.selector().requirements()) {
        builder.add(
            new Selector.Requirement(
                CiliumLabels.NAMESPACE_LABEL_PREFIX + r.key(), r.operator(), r.values()));
      }
    }
    pods.requirements().forEach(builder::add);
    return builder.build();
  }

  /**
   * A peer selector for pods matching {@code pods} in the namespaces {@code namespaces}. A selector
   * made only of {@code NotIn}/{@code DoesNotExist} namespace-label requirements is left as written
   * by the agent on 1.16+ (CILIUM-POLICY.md §1.4, rule 3) and would then also match world, host and
   * every other identity without namespace labels; requiring a pod namespace keeps it to pods (rule
   * 2 leaves a selector with a namespace key as written, so it still crosses namespaces).
   */
  static LabelSelector peer(Selector pods, NamespaceMatch namespaces) {
    if (namespaces instanceof NamespaceMatch.Labelled labelled
        && labelled.selector().requirements().stream().noneMatch(Selectors::needsLabel)
        && pods.requirements().stream().noneMatch(Selectors::needsLabel)) {
      List<Selector.Requirement> requirements = new ArrayList<>();
      requirements.add(
          new Selector.Requirement(CiliumLabels.NAMESPACE, Selector.Operator.EXISTS, List.of()));
      requirements.addAll(pods.requirements());
      return pods(new Selector(requirements), namespaces);
    }
    return pods(pods, namespaces);
  }

  private static boolean needsLabel(Selector.Requirement r) {
    return r.operator() == Selector.Operator.IN || r.operator() == Selector.Operator.EXISTS;
  }

  /** Collects requirements: one-value {@code In} as matchLabels, the rest as expressions. */
  private static final class Builder {
    private final Map<String, String> labels = new TreeMap<>();
    private final List<LabelSelectorRequirement> expressions = new ArrayList<>();

    void add(Selector.Requirement r) {
      if (r.operator() == Selector.Operator.IN
          && r.values().size() == 1
          && !labels.containsKey(r.key())) {
        labels.put(r.key(), r.values().get(0));
        return;
      }
      String operator =
          switch (r.operator()) {
            case IN -> "In";
            case NOT_IN -> "NotIn";
            case EXISTS -> "Exists";
            case DOES_NOT_EXIST -> "DoesNotExist";
          };
      List<String> values =
          r.operator() == Selector.Operator.IN || r.operator() == Selector.Operator.NOT_IN
              ? List.copyOf(r.values())
              : null;
      expressions.add(new LabelSelectorRequirement(r.key(), operator, values));
    }

    LabelSelector build() {
      LabelSelector selector = new LabelSelector();
      selector.setMatchLabels(labels.isEmpty() ? null : new TreeMap<>(labels));
      selector.setMatchExpressions(expressions.isEmpty() ? null : List.copyOf(expressions));
      return selector;
    }
  }
}
