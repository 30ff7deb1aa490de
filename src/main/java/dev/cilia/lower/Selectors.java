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
   * A peer selector. A namespace-label peer whose requirements are all {@code notin} or {@code
   * !key} also needs {@code io.kubernetes.pod.namespace} to exist: Cilium leaves a selector on
   * namespace labels without a namespace (CILIUM-POLICY.md §1.4, rule 3), and a selector of only
   * negative requirements would then match world, host and every other identity too.
   */
  static LabelSelector peer(Selector pods, NamespaceMatch namespaces) {
    if (!(namespaces instanceof NamespaceMatch.Labelled labelled)) {
      return pods(pods, namespaces);
    }
    List<Selector.Requirement> all = new ArrayList<>(labelled.selector().requirements());
    all.addAll(pods.requirements());
    boolean positive =
        all.stream()
            .anyMatch(
                r ->
                    r.operator() == Selector.Operator.IN
                        || r.operator() == Selector.Operator.EXISTS);
    if (positive) {
      return pods(pods, namespaces);
    }
    List<Selector.Requirement> withNamespace = new ArrayList<>(pods.requirements());
    withNamespace.add(
        new Selector.Requirement(CiliumLabels.NAMESPACE, Selector.Operator.EXISTS, List.of()));
    return pods(new Selector(withNamespace), namespaces);
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
