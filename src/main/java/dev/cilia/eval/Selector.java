package dev.cilia.eval;

import dev.cilia.source.SharedStrings;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A compiled endpoint selector: Kubernetes label-selector semantics over Cilium identity labels,
 * with key prefixes as label sources ({@code k8s:app}; no prefix or {@code any:} = any source;
 * CILIUM-POLICY.md §1.4).
 */
final class Selector {
  static final int IN = 0;
  static final int NOT_IN = 1;
  static final int EXISTS = 2;
  static final int DOES_NOT_EXIST = 3;

  private static final String[] NO_VALUES = {};

  /** One requirement; {@code lookup} is {@code source:key}, or the bare key for source any. */
  record Req(String source, String key, boolean anySource, String lookup, int op, String[] values) {
    static Req of(String rawKey, int op, List<String> values) {
      int colon = rawKey.indexOf(':');
      String source = colon < 0 ? "any" : SharedStrings.of(rawKey.substring(0, colon));
      String key = colon < 0 ? rawKey : SharedStrings.of(rawKey.substring(colon + 1));
      if (source.isEmpty()) {
        source = "any";
      }
      boolean any = source.equals("any");
      String[] v = values == null ? NO_VALUES : values.toArray(String[]::new);
      return new Req(source, key, any, any ? key : rawKey, op, v);
    }

    boolean matches(Identity id) {
      String value = anySource ? id.byKey.get(lookup) : id.bySourceKey.get(lookup);
      switch (op) {
        case EXISTS:
          return value != null;
        case DOES_NOT_EXIST:
          return value == null;
        case IN:
          return value != null && contains(value);
        case NOT_IN:
          return value == null || !contains(value);
        default:
          throw new AssertionError(op);
      }
    }

    private boolean contains(String value) {
      for (String v : values) {
        if (v.equals(value)) {
          return true;
        }
      }
      return false;
    }
  }

  private final Req[] reqs;

  private Selector(List<Req> reqs) {
    this.reqs = reqs.toArray(Req[]::new);
  }

  /** The requirements, all of which a match meets. */
  Req[] reqs() {
    return reqs;
  }

  boolean matches(Identity id) {
    for (Req r : reqs) {
      if (!r.matches(id)) {
        return false;
      }
    }
    return true;
  }

  /** The requirements of a selector, before namespace injection. */
  static List<Req> requirements(LabelSelector selector) {
    List<Req> out = new ArrayList<>();
    if (selector == null) {
      return out;
    }
    Map<String, String> labels = selector.getMatchLabels();
    if (labels != null) {
      for (Map.Entry<String, String> e : labels.entrySet()) {
        out.add(Req.of(e.getKey(), IN, List.of(e.getValue() == null ? "" : e.getValue())));
      }
    }
    List<LabelSelectorRequirement> exprs = selector.getMatchExpressions();
    if (exprs != null) {
      for (LabelSelectorRequirement x : exprs) {
        String operator = x.getOperator() == null ? "" : x.getOperator();
        int op =
            switch (operator) {
              case "In" -> IN;
              case "NotIn" -> NOT_IN;
              case "Exists" -> EXISTS;
              case "DoesNotExist" -> DOES_NOT_EXIST;
              default ->
                  throw new IllegalArgumentException(
                      "invalid label selector: unknown operator `" + operator + "`");
            };
        out.add(Req.of(x.getKey(), op, x.getValues()));
      }
    }
    return out;
  }

  static Selector of(List<Req> reqs) {
    return new Selector(reqs);
  }

  static boolean isNamespaceKey(Req r) {
    return r.key().equals(Identity.NAMESPACE_KEY) && (r.anySource() || r.source().equals("k8s"));
  }

  /**
   * The subject selector of a rule: a CNP's is forced into the policy's namespace (another
   * namespace in it is replaced, §1.2); a CCNP's is used as written.
   */
  static Selector subject(LabelSelector selector, String cnpNamespace) {
    List<Req> reqs = requirements(selector);
    if (cnpNamespace != null) {
      reqs.removeIf(r -> isNamespaceKey(r) && r.op() == IN);
      reqs.add(Req.of("k8s:" + Identity.NAMESPACE_KEY, IN, List.of(cnpNamespace)));
    }
    return new Selector(reqs);
  }

  /**
   * A peer selector ({@code to/fromEndpoints}) after namespace injection, CILIUM-POLICY.md §1.4:
   * reserved or namespace keys leave it alone; a CNP confines it to its namespace unless it selects
   * namespace labels on 1.16+; a CCNP requires some namespace (pods only) unless its subject
   * selects {@code reserved:init}.
   */
  static Selector peer(
      LabelSelector selector,
      String cnpNamespace,
      boolean namespaceLabelsCross,
      boolean subjectIsInit) {
    List<Req> reqs = requirements(selector);
    boolean reserved = false;
    boolean namespace = false;
    boolean namespaceLabels = false;
    for (Req r : reqs) {
      reserved |= r.source().equals("reserved");
      namespace |= isNamespaceKey(r);
      namespaceLabels |= r.key().startsWith(Identity.NAMESPACE_LABELS_PREFIX);
    }
    if (reserved || namespace) {
      return new Selector(reqs);
    }
    if (cnpNamespace != null) {
      if (!(namespaceLabelsCross && namespaceLabels)) {
        reqs.add(Req.of("k8s:" + Identity.NAMESPACE_KEY, IN, List.of(cnpNamespace)));
      }
    } else if (!subjectIsInit) {
      reqs.add(Req.of("k8s:" + Identity.NAMESPACE_KEY, EXISTS, List.of()));
    }
    return new Selector(reqs);
  }

  /** Whether a subject selector selects {@code reserved:init} (§1.4 rule 4). */
  static boolean selectsInit(LabelSelector selector) {
    for (Req r : requirements(selector)) {
      if (r.source().equals("reserved")
          && r.key().equals("init")
          && r.op() != NOT_IN
          && r.op() != DOES_NOT_EXIST) {
        return true;
      }
    }
    return false;
  }
}
