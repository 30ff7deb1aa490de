package dev.cilia.lower;

import dev.cilia.cilium.model.PolicyRule;
import dev.cilia.diag.Code;
import dev.cilia.diag.Diagnostic;
import dev.cilia.diag.Diagnostics;
import dev.cilia.diag.Related;
import dev.cilia.ir.Direction;
import dev.cilia.ir.NamespaceMatch;
import dev.cilia.ir.Policy;
import dev.cilia.ir.Selector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Below 1.16 the allow-all item that keeps a policy open in a direction also opens that direction
 * for every other policy selecting the same pods, cancelling their {@code enforce} (LANGUAGE.md
 * "Several policies selecting the same pods"). Such pairs are refused unless provably disjoint.
 */
final class OpenAndEnforced {
  private OpenAndEnforced() {}

  static void check(List<Lowered> documents, Diagnostics diagnostics) {
    // Only policies in the same namespace (or clusterwide ones) can share pods.
    Map<String, List<Lowered>> byNamespace = new HashMap<>();
    List<Lowered> clusterwide = new ArrayList<>();
    for (Lowered l : documents) {
      if (l.policy().clusterwide()) {
        clusterwide.add(l);
      } else {
        byNamespace.computeIfAbsent(l.policy().namespace(), k -> new ArrayList<>()).add(l);
      }
    }
    for (Lowered open : documents) {
      for (Direction direction : Direction.values()) {
        if (!keptOpenByItem(open, direction)) {
          continue;
        }
        List<Lowered> candidates = new ArrayList<>(clusterwide);
        if (open.policy().clusterwide()) {
          byNamespace.values().forEach(candidates::addAll);
        } else {
          candidates.addAll(byNamespace.getOrDefault(open.policy().namespace(), List.of()));
        }
        for (Lowered enforcing : candidates) {
          if (enforcing != open
              && enforcing.policy().enforces(direction)
              && mayShareEndpoints(open.policy(), enforcing.policy())) {
            String word = direction == Direction.EGRESS ? "egress" : "ingress";
            diagnostics.add(
                Diagnostic.of(
                        Code.CIL0303,
                        open.policy().span(),
                        "policy `"
                            + open.policy().qualifiedName()
                            + "` keeps "
                            + word
                            + " open with an allow-all item, which cancels `enforce "
                            + word
                            + "` of `"
                            + enforcing.policy().qualifiedName()
                            + "` on Cilium "
                            + open.target(),
                        "target Cilium 1.16+, add `enforce "
                            + word
                            + "` to both, or select"
                            + " disjoint pods")
                    .withRelated(
                        new Related(enforcing.policy().span(), "this policy enforces " + word)));
            break;
          }
        }
      }
    }
  }

  private static boolean keptOpenByItem(Lowered lowered, Direction direction) {
    if (lowered.target().hasEnableDefaultDeny() || lowered.policy().enforces(direction)) {
      return false;
    }
    PolicyRule rule = lowered.document().spec();
    return direction == Direction.EGRESS ? rule.egress() != null : rule.ingress() != null;
  }

  /** False only when no pod can be selected by both. */
  static boolean mayShareEndpoints(Policy a, Policy b) {
    NamespaceMatch na =
        a.clusterwide() ? a.subjectNamespaces() : new NamespaceMatch.Named(a.namespace());
    NamespaceMatch nb =
        b.clusterwide() ? b.subjectNamespaces() : new NamespaceMatch.Named(b.namespace());
    if (na instanceof NamespaceMatch.Named x
        && nb instanceof NamespaceMatch.Named y
        && !x.namespace().equals(y.namespace())) {
      return false;
    }
    return !contradict(a.subjectPods(), b.subjectPods());
  }

  static boolean contradict(Selector a, Selector b) {
    for (Selector.Requirement x : a.requirements()) {
      for (Selector.Requirement y : b.requirements()) {
        if (x.key().equals(y.key()) && (excludes(x, y) || excludes(y, x))) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean excludes(Selector.Requirement x, Selector.Requirement y) {
    boolean xNeedsLabel =
        x.operator() == Selector.Operator.IN || x.operator() == Selector.Operator.EXISTS;
    if (xNeedsLabel && y.operator() == Selector.Operator.DOES_NOT_EXIST) {
      return true;
    }
    if (x.operator() == Selector.Operator.IN && y.operator() == Selector.Operator.IN) {
      return x.values().stream().noneMatch(y.values()::contains);
    }
    if (x.operator() == Selector.Operator.IN && y.operator() == Selector.Operator.NOT_IN) {
      return y.values().containsAll(x.values());
    }
    return false;
  }
}
