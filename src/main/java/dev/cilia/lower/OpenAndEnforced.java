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
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Below 1.16 the allow-all item that keeps a policy open in a direction also opens that direction
 * for every other policy selecting the same pods, cancelling their {@code enforce} (LANGUAGE.md
 * "Several policies selecting the same pods"). Such pairs are refused unless provably disjoint.
 */
final class OpenAndEnforced {
  private OpenAndEnforced() {}

  static void check(List<Lowered> documents, Diagnostics diagnostics) {
    if (documents.stream().allMatch(l -> l.target().hasEnableDefaultDeny())) {
      return;
    }
    // Candidates are indexed once: only enforcing policies of the open policy's namespace, and
    // enforcing clusterwide ones, are compared, so the check stays linear in the policies.
    Map<Direction, Enforcing> enforcing = new EnumMap<>(Direction.class);
    for (Direction direction : Direction.values()) {
      enforcing.put(direction, new Enforcing(documents, direction));
    }
    for (Lowered open : documents) {
      for (Direction direction : Direction.values()) {
        if (!keptOpenByItem(open, direction)) {
          continue;
        }
        for (Lowered other : enforcing.get(direction).candidates(open.policy())) {
          if (other != open && mayShareEndpoints(open.policy(), other.policy())) {
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
                            + other.policy().qualifiedName()
                            + "` on Cilium "
                            + open.target(),
                        "target Cilium 1.16+, add `enforce "
                            + word
                            + "` to both, or select"
                            + " disjoint pods")
                    .withRelated(
                        new Related(other.policy().span(), "this policy enforces " + word)));
            break;
          }
        }
      }
    }
  }

  /** The policies enforcing one direction: clusterwide ones, and the others by namespace. */
  private static final class Enforcing {
    private final List<Lowered> clusterwide = new ArrayList<>();
    private final List<Lowered> namespaced = new ArrayList<>();
    private final Map<String, List<Lowered>> byNamespace = new HashMap<>();

    Enforcing(List<Lowered> documents, Direction direction) {
      for (Lowered l : documents) {
        if (!l.policy().enforces(direction)) {
          continue;
        }
        if (l.policy().clusterwide()) {
          clusterwide.add(l);
        } else {
          namespaced.add(l);
          byNamespace.computeIfAbsent(l.policy().namespace(), k -> new ArrayList<>()).add(l);
        }
      }
    }

    /** Those that may share pods with {@code open}, clusterwide first, each in input order. */
    Iterable<Lowered> candidates(Policy open) {
      List<Lowered> sameNamespace;
      if (!open.clusterwide()) {
        sameNamespace = byNamespace.getOrDefault(open.namespace(), List.of());
      } else if (open.subjectNamespaces() instanceof NamespaceMatch.Named named) {
        sameNamespace = byNamespace.getOrDefault(named.namespace(), List.of());
      } else {
        sameNamespace = namespaced;
      }
      return () -> Stream.concat(clusterwide.stream(), sameNamespace.stream()).iterator();
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
