package dev.cilia.verify;

import dev.cilia.diag.Code;
import dev.cilia.diag.Diagnostic;
import dev.cilia.emit.Emitted;
import dev.cilia.eval.Endpoint;
import dev.cilia.eval.Evaluator;
import dev.cilia.ir.NamespaceMatch;
import dev.cilia.ir.Peer;
import dev.cilia.ir.Policy;
import dev.cilia.ir.Statement;
import dev.cilia.ir.TestCase;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Tests that would pass without checking anything: a test pod that no policy of the run selects,
 * and namespaces that no policy names (a typo such as {@code shpo}).
 */
final class TestWarnings {
  private final Set<String> namespaces = new TreeSet<>();
  private final List<Diagnostic> diagnostics = new ArrayList<>();

  TestWarnings(List<Emitted> documents) {
    for (Emitted d : documents) {
      Policy p = d.policy();
      if (!p.clusterwide()) {
        namespaces.add(p.namespace());
      }
      name(p.subjectNamespaces());
      p.resolver().forEach(this::name);
      for (Statement s : p.statements()) {
        if (s instanceof Statement.Rule r) {
          r.peers().forEach(this::name);
        } else if (s instanceof Statement.ObserveHttp h) {
          h.peers().forEach(this::name);
        }
      }
    }
  }

  private void name(Peer peer) {
    if (peer instanceof Peer.Pods p) {
      name(p.namespaces());
    }
  }

  private void name(NamespaceMatch match) {
    if (match instanceof NamespaceMatch.Named n) {
      namespaces.add(n.namespace());
    }
  }

  List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  /**
   * Warns about the test pod; true when no policy selects it (then its passing {@code expect allow}
   * lines say so).
   */
  boolean test(TestCase test, Evaluator evaluator, Endpoint.Pod pod, String target) {
    if (!known(test.namespace())) {
      diagnostics.add(unknown(test.namespace(), test.span(), "the test pod's"));
      return evaluator.selecting(pod).isEmpty();
    }
    if (evaluator.selecting(pod).isEmpty()) {
      diagnostics.add(
          Diagnostic.of(
              Code.CIL0311,
              test.span(),
              "no policy compiled for Cilium "
                  + target
                  + " selects the test pod "
                  + Wording.endpoint(pod)
                  + ": its expectations check no policy of its own",
              "compare the pod's labels and namespace with the policies' `select`"));
      return true;
    }
    return false;
  }

  private boolean known(String namespace) {
    return namespaces.contains(namespace);
  }

  private Diagnostic unknown(String namespace, dev.cilia.source.Span span, String whose) {
    String near = nearest(namespace);
    return Diagnostic.of(
        Code.CIL0312,
        span,
        whose + " namespace `" + namespace + "` occurs in no policy of the run",
        near != null
            ? "did you mean `" + near + "`?"
            : "check the namespace against the policies' `in namespace`");
  }

  private String nearest(String namespace) {
    String best = null;
    int bestDistance = 3;
    for (String n : namespaces) {
      int d = distance(namespace, n);
      if (d < bestDistance) {
        bestDistance = d;
        best = n;
      }
    }
    return best;
  }

  /** Optimal string alignment distance: a swap of two neighbours counts once ({@code shpo}). */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
