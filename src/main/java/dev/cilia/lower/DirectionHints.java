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

  static void check(Program program, List<Lowered.Shape> documents, Diagnostics diagnostics) {
    Enforcing enforcing = new Enforcing(documents);
    Set<String> sources = new HashSet<>();
    java.util.Map<String, Integer> destinations = new java.util.HashMap<>();
    for (Policy p : program.policies()) {
      for (Statement s : p.statements()) {
        Named m = named(s);
        if (m != null) {
          if (m.word().equals("from")) {
            sources.add(m.name());
          } else {
            destinations.merge(m.name(), 1, Integer::sum);
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
        Named m = named(s);
        if (r.direction() == Direction.EGRESS
            && m != null
            && sources.contains(m.name())
            && destinations.get(m.name()) == 1) {
          diagnostics.add(
              Diagnostic.of(
                  Code.CIL0315,
                  r.span(),
                  "`"
                      + m.name()
                      + "` is used as a source everywhere else, but here as a destination:"
                      + " this allows egress to it",
                  "did you mean `from " + m.name() + "`?"));
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

  /**
   * The word ({@code to} or {@code from}) and the name of a statement that {@link #NAMED} takes.
   */
  record Named(String word, String name) {}

  private static Named named(Statement s) {
    return s instanceof Statement.Rule ? named(s.span().text()) : null;
  }

  /**
   * {@link #NAMED} on a statement's text, stripped and with each run of blanks made one space. The
   * compiler asks this of every rule, so ASCII text, where word boundaries are plain, is matched
   * without the regex: the name follows the last space, the word ends just before it.
   */
  static Named named(String statement) {
    String text = collapseBlanks(statement.strip());
    if (!ascii(text)) {
      Matcher m = NAMED.matcher(text);
      return m.matches() ? new Named(m.group(1), m.group(2)) : null;
    }
    int action = text.startsWith("allow") ? 5 : text.startsWith("deny") ? 4 : -1;
    int space = text.lastIndexOf(' ');
    if (action < 0 || space < 0 || !dnsName(text, space + 1)) {
      return null;
    }
    String word =
        text.startsWith("from", space - 4)
            ? "from"
            : text.startsWith("to", space - 2) ? "to" : null;
    if (word == null) {
      return null;
    }
    int wordStart = space - word.length();
    if (wordStart <= action
        || wordChar(text.charAt(action))
        || wordChar(text.charAt(wordStart - 1))) {
      return null;
    }
    return new Named(word, text.substring(space + 1));
  }

  /** {@code text.replaceAll("\\s+", " ")}. */
  private static String collapseBlanks(String text) {
    StringBuilder out = null;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (!blank(c) || (c == ' ' && (i + 1 == n || !blank(text.charAt(i + 1))))) {
        if (out != null) {
          out.append(c);
        }
        continue;
      }
      if (out == null) {
        out = new StringBuilder(n).append(text, 0, i);
      }
      out.append(' ');
      while (i + 1 < n && blank(text.charAt(i + 1))) {
        i++;
      }
    }
    return out == null ? text : out.toString();
  }

  /** The characters of the regex class {@code \\s}. */
  private static boolean blank(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
  }

  private static boolean ascii(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 128) {
        return false;
      }
    }
    return true;
  }

  /** A word character of the regex boundary {@code \\b}, for ASCII. */
  private static boolean wordChar(char c) {
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  /**
   * Whether {@code text} from {@code start} to its end is {@code [a-z0-9]([-a-z0-9]*[a-z0-9])?}.
   */
  private static boolean dnsName(String text, int start) {
    int n = text.length();
    if (start >= n || text.charAt(start) == '-' || text.charAt(n - 1) == '-') {
      return false;
    }
    for (int i = start; i < n; i++) {
      char c = text.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
        return false;
      }
    }
    return true;
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
    private final SubjectIndex<Lowered.Shape> index;

    Enforcing(List<Lowered.Shape> documents) {
      List<Lowered.Shape> enforcing = new ArrayList<>();
      for (Lowered.Shape l : documents) {
        targets.putIfAbsent(l.policy(), l.target());
        if (l.policy().enforces(Direction.INGRESS)) {
          enforcing.add(l);
        }
      }
      index = new SubjectIndex<>(enforcing, Lowered.Shape::policy);
    }

    /**
     * Whether another policy enforces ingress and may select some of the same pods as {@code p}.
     */
    boolean elsewhere(Policy p) {
      return answers.computeIfAbsent(p, this::find);
    }

    private boolean find(Policy p) {
      Object target = targets.get(p);
      for (Lowered.Shape other : index.candidates(p)) {
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
