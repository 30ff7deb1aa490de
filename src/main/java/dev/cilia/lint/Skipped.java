package dev.cilia.lint;

import dev.cilia.diag.Code;
import dev.cilia.diag.Diagnostic;
import dev.cilia.source.Span;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The documents of a run that lint does not read (a Deployment next to the policies, a bare
 * string), said once for the run (CIL0504, a note) at the first of them.
 */
final class Skipped {
  private final Map<String, Integer> counts = new LinkedHashMap<>();
  private Span first;
  private int total;

  /** One skipped document at {@code span}, described as {@code `ConfigMap`} or similar. */
  void add(Span span, String what) {
    if (first == null) {
      first = span;
    }
    total++;
    counts.merge(what, 1, Integer::sum);
  }

  /** The one note for the run, if any document was skipped. */
  Optional<Diagnostic> summary() {
    if (first == null) {
      return Optional.empty();
    }
    String kinds =
        counts.entrySet().stream()
            .map(e -> e.getValue() == 1 ? e.getKey() : e.getValue() + " × " + e.getKey())
            .collect(Collectors.joining(", "));
    return Optional.of(
        Diagnostic.of(
            Code.CIL0504,
            first,
            (total == 1
                    ? "skipped 1 document that is not a Cilium network policy"
                    : "skipped " + total + " documents that are not Cilium network policies")
                + " ("
                + kinds
                + "); the first is here",
            "lint reads CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy objects, and lists"
                + " of them; add `apiVersion: cilium.io/v2` and `kind` to a policy that lacks"
                + " them"));
  }
}
