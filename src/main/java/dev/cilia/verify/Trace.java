package dev.cilia.verify;

import dev.cilia.eval.RuleRef;
import dev.cilia.eval.Verdict;
import dev.cilia.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** An emitted rule that decided a verdict, and the {@code .cilia} statement it came from. */
public record Trace(RuleRef rule, Optional<Span> origin) {
  static List<Trace> of(Verdict v, TargetDocuments documents) {
    List<Trace> out = new ArrayList<>();
    for (RuleRef r : v.rules()) {
      out.add(new Trace(r, documents.origin(r)));
    }
    return out;
  }

  /**
   * Two lines each: {@code rule: payments/payments-api egress[3].toPorts[0]} and {@code from:
   * file:line:column source line}; labels are padded to {@code width}.
   */
  static void text(List<Trace> traces, String indent, int width, StringBuilder out) {
    for (Trace t : traces) {
      out.append(indent).append(pad("rule:", width)).append(t.rule()).append('\n');
      t.origin()
          .ifPresent(
              s ->
                  out.append(indent)
                      .append(pad("from:", width))
                      .append(Wording.place(s))
                      .append("  ")
                      .append(Wording.line(s))
                      .append('\n'));
    }
  }

  private static String pad(String label, int width) {
    return label + " ".repeat(Math.max(1, width - label.length()));
  }
}
