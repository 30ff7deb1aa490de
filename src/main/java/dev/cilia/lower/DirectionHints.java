package dev.cilia.lower;

import dev.cilia.cilium.Entities;
import dev.cilia.diag.Code;
import dev.cilia.diag.Diagnostic;
import dev.cilia.diag.Diagnostics;
import dev.cilia.diag.Work;
import dev.cilia.ir.Action;
import dev.cilia.ir.Direction;
import dev.cilia.ir.Peer;
import dev.cilia.ir.Policy;
import dev.cilia.ir.PortRange;
import dev.cilia.ir.Program;
import dev.cilia.ir.Statement;
import dev.cilia.ir.SubjectIndex;
import dev.cilia.ir.Transport;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Statements that compile but may not do what they say: an {@code allow … from} that nothing
 * enforces (CIL0314), {@code to} a name that is otherwise only ever a source (CIL0315), and {@code
 * kube-apiserver} on only one of its two usual backend ports (CIL0316).
 */
final class DirectionHints {
  /** {@code allow … to NAME} / {@code from NAME} where NAME is one word (a {@code let}). */
  private static final Pattern NAMED =
      Pattern.compile("^(?:allow|deny)\\b.*\\b(to|from)\\s+([a-z0-9]([-a-z0-9]*[a-z0-9])?)$");

  private DirectionHints() {}

  static void check(Program program, List<Lowered> documents, Diagnostics diagnostics) {
    Enforcing enforcing = new Enforcing(documents);
    Set<String> sources = new HashSet<>();
    java.util.Map<String, Integer> destinations = new java.util.HashMap<>();
    for (Policy p : program.policies()) {
      for (Statement s : p.statements()) {
        Matcher m = named(s);
        if (m != null) {
          if (m.group(1).equals("from")) {
            sources.add(m.group(2));
          } else {
            destinations.merge(m.group(2), 1, Integer::sum);
          }
        }
      }
    }
    for (Policy p : program.policies()) {
      for (Statement s : p.statements()) {
        if (!(s instanceof Statement.Rule r) || r.action() != Action.ALLOW) {
          continue;
        }
        if (r.direction() == Direction.INGRESS
            && !p.enforces(Direction.INGRESS)
            && !enforcing.elsewhere(p)) {
          diagnostics.add(
              Diagnostic.of(
                  Code.CIL0314,
                  r.span(),
                  "no policy enforces ingress for the pods of "
                      + p.qualifiedName()
                      + ", so this `allow` changes nothing: their ingress is open",
                  "add `enforce ingress` to let only declared ingress in"));
        }
        Matcher m = named(s);
        if (r.direction() == Direction.EGRESS
            && m != null
            && sources.contains(m.group(2))
            && destinations.get(m.group(2)) == 1) {
          diagnostics.add(
              Diagnostic.of(
                  Code.CIL0315,
                  r.span(),
                  "`"
                      + m.group(2)
                      + "` is used as a source everywhere else, but here as a destination:"
                      + " this allows egress to it",
                  "did you mean `from " + m.group(2) + "`?"));
        }
        if (r.direction() == Direction.EGRESS
            && !r.service().isAll()
            && r.peers().stream()
                .anyMatch(
                    x -> x instanceof Peer.Entity e && e.name().equals(Entities.KUBE_APISERVER))) {
          boolean has443 = covers(r, 443);
          boolean has6443 = covers(r, 6443);
          if (has443 != has6443) {
            diagnostics.add(
                Diagnostic.of(
                    Code.CIL0316,
                    r.span(),
                    "the kube-apiserver listens on tcp/443 on managed clusters (EKS, GKE, AKS)"
                        + " and on tcp/6443 on self-managed ones; this allows only tcp/"
                        + (has443 ? 443 : 6443),
                    "write `allow kube-api to kube-apiserver` (tcp 443 and 6443)"));
          }
        }
      }
    }
  }

  private static Matcher named(Statement s) {
    if (!(s instanceof Statement.Rule)) {
      return null;
    }
    String text = s.span().text().strip().replaceAll("\\s+", " ");
    Matcher m = NAMED.matcher(text);
    return m.matches() ? m : null;
  }

  private static boolean covers(Statement.Rule r, int port) {
    for (PortRange range : r.service().ports()) {
      if ((range.protocol() == Transport.TCP || range.protocol() == Transport.ANY)
          && range.low() <= port
          && port <= range.high()) {
        return true;
      }
    }
    return false;
  }

  /**
   * The documents that enforce ingress, indexed by the pods they select, so that an open policy
   * meets only those that may share its pods.
   */
  private static final class Enforcing {
    private final Map<Policy, Object> targets = new IdentityHashMap<>();
    private final Map<Policy, Boolean> answers = new IdentityHashMap<>();
    private final SubjectIndex<Lowered> index;

    Enforcing(List<Lowered> documents) {
      List<Lowered> enforcing = new ArrayList<>();
      for (Lowered l : documents) {
        targets.putIfAbsent(l.policy(), l.target());
        if (l.policy().enforces(Direction.INGRESS)) {
          enforcing.add(l);
        }
      }
      index = new SubjectIndex<>(enforcing, Lowered::policy);
    }

    /**
     * Whether another policy enforces ingress and may select some of the same pods as {@code p}.
     */
    boolean elsewhere(Policy p) {
      return answers.computeIfAbsent(p, this::find);
    }

    private boolean find(Policy p) {
      Object target = targets.get(p);
      for (Lowered other : index.candidates(p)) {
        Work.add(Work.Step.LOWER_PAIR);
        Policy q = other.policy();
        if (q != p && other.target().equals(target) && OpenAndEnforced.mayShareEndpoints(p, q)) {
          return true;
        }
      }
      return false;
    }
  }
}
