package dev.cilia.lower;

import dev.cilia.diag.Code;
import dev.cilia.diag.Diagnostic;
import dev.cilia.diag.Diagnostics;
import dev.cilia.diag.Related;
import dev.cilia.diag.Work;
import dev.cilia.ir.Direction;
import dev.cilia.ir.NamespaceMatch;
import dev.cilia.ir.Policy;
import dev.cilia.ir.Selector;
import dev.cilia.ir.SubjectIndex;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Below 1.16 the allow-all item that keeps a policy open in a direction also opens that direction
 * for every other policy selecting the same pods, cancelling their {@code enforce} (LANGUAGE.md
 * "Several policies selecting the same pods"). Such pairs are refused unless provably disjoint.
 */
final class OpenAndEnforced {
  private OpenAndEnforced() {}

  static void check(List<Lowered.Shape> documents, Diagnostics diagnostics) {
    if (documents.stream().allMatch(l -> l.target().hasEnableDefaultDeny())) {
      return;
    }
    // Candidates are indexed once: only enforcing policies that may select the open policy's pods
    // (its namespace or every namespace, no label pinned to another value) are compared, so the
    // check stays near-linear in the policies.
    Map<Direction, Enforcing> enforcing = new EnumMap<>(Direction.class);
    for (Direction direction : Direction.values()) {
      enforcing.put(direction, new Enforcing(documents, direction));
    }
    for (Lowered.Shape open : documents) {
      for (Direction direction : Direction.values()) {
        if (!keptOpenByItem(open, direction)) {
          continue;
        }
        for (Lowered.Shape other : enforcing.get(direction).candidates(open.policy())) {
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

  /**
   * The policies enforcing one direction, clusterwide ones and the others apart, each indexed by
   * the pods it selects (namespace and pod labels).
   */
  private static final class Enforcing {
    private final SubjectIndex<Lowered.Shape> clusterwide;
    private final SubjectIndex<Lowered.Shape> namespaced;

    Enforcing(List<Lowered.Shape> documents, Direction direction) {
      List<Lowered.Shape> everywhere = new ArrayList<>();
      List<Lowered.Shape> inNamespace = new ArrayList<>();
      for (Lowered.Shape l : documents) {
        if (l.policy().enforces(direction)) {
          (l.policy().clusterwide() ? everywhere : inNamespace).add(l);
        }
      }
      clusterwide = new SubjectIndex<>(everywhere, Lowered.Shape::policy);
      namespaced = new SubjectIndex<>(inNamespace, Lowered.Shape::policy);
    }

    /**
     * Those that may share pods with {@code open} (a superset), clusterwide first, each in input
     * order.
     */
    List<Lowered.Shape> candidates(Policy open) {
      List<Lowered.Shape> out = new ArrayList<>(clusterwide.candidates(open));
      out.addAll(namespaced.candidates(open));
      Work.add(Work.Step.LOWER_PAIR, out.size());
      return out;
    }
  }

  private static boolean keptOpenByItem(Lowered.Shape lowered, Direction direction) {
    if (lowered.target().hasEnableDefaultDeny() || lowered.policy().enforces(direction)) {
      return false;
    }
    return direction == Direction.EGRESS ? lowered.egressItems() : lowered.ingressItems();
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
