package dev.cilia.verify;

import dev.cilia.cilium.Target;
import dev.cilia.emit.Emitted;
import dev.cilia.eval.Endpoint;
import dev.cilia.eval.Evaluator;
import dev.cilia.eval.Flow;
import dev.cilia.eval.Protocol;
import dev.cilia.eval.RuleRef;
import dev.cilia.eval.Side;
import dev.cilia.eval.Verdict;
import dev.cilia.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Verdicts for many flows over the documents of one run, each with the emitted rules and the {@code
 * .cilia} statements that decided: what {@code ciliac replay} asks of observed traffic. A pod
 * source's toFQDNs learn names through the resolver of the policies that select it.
 */
public final class FlowVerdicts {
  /** A verdict and its rules, each with the statement it came from. */
  public record Decision(Verdict verdict, List<Trace> traces) {
    public Decision {
      traces = List.copyOf(traces);
    }
  }

  private final TargetDocuments docs;

  private FlowVerdicts(TargetDocuments docs) {
    this.docs = docs;
  }

  /**
   * The verdicts over {@code documents}; {@code fallback} is the target when there are none.
   *
   * @throws IllegalArgumentException when the documents target several Cilium versions
   */
  public static FlowVerdicts of(List<Emitted> documents, Target fallback) {
    Map<Target, TargetDocuments> groups = TargetDocuments.byTarget(documents);
    if (groups.size() > 1) {
      List<String> versions = new ArrayList<>();
      groups.keySet().stream().sorted().forEach(t -> versions.add(t.toString()));
      throw new IllegalArgumentException(
          "the files target several Cilium versions ("
              + String.join(", ", versions)
              + "); choose one with --cilium");
    }
    return new FlowVerdicts(
        groups.isEmpty()
            ? new TargetDocuments(fallback, List.of())
            : groups.values().iterator().next());
  }

  public Target target() {
    return docs.target;
  }

  /** The verdict for a new connection from {@code source} (both ends enforce, §3.7). */
  public Decision decide(Endpoint source, Endpoint destination, Protocol protocol, int port) {
    Evaluator e = evaluator(source);
    Verdict v = e.decide(new Flow(source, destination, protocol, port));
    return new Decision(v, Trace.of(v, docs));
  }

  /** A DNS lookup of {@code name} from {@code source} through its resolver. */
  public Decision dnsLookup(Endpoint.Pod source, String name) {
    Verdict v = evaluator(source).dnsLookup(source, name);
    return new Decision(v, Trace.of(v, docs));
  }

  /** Where the policy a rule belongs to is declared ({@code policy NAME in namespace NS {…}}). */
  public Optional<Span> declaration(RuleRef rule) {
    return docs.policy(rule.policy()).map(d -> d.policy().span());
  }

  /**
   * Whether that policy enforces the rule's direction ({@code enforce egress} / {@code ingress}).
   */
  public boolean enforces(RuleRef rule) {
    return docs.policy(rule.policy())
        .map(
            d ->
                d.policy()
                    .enforces(
                        rule.direction() == Side.EGRESS
                            ? dev.cilia.ir.Direction.EGRESS
                            : dev.cilia.ir.Direction.INGRESS))
        .orElse(false);
  }

  /** The decision as {@code ciliac explain --format json} writes a verdict. */
  public static tools.jackson.databind.node.ObjectNode json(Decision d) {
    return JsonText.verdict(d.verdict(), d.traces());
  }

  /** The rules of a decision as {@code rule:} and {@code from:} lines, each line indented. */
  public static String rules(Decision d, String indent) {
    StringBuilder out = new StringBuilder();
    Trace.text(d.traces(), indent, 6, out);
    return out.toString();
  }

  /** {@code samples/payments.cilia:21:3}. */
  public static String place(Span span) {
    return Wording.place(span);
  }

  private Evaluator evaluator(Endpoint source) {
    return source instanceof Endpoint.Pod p
        ? docs.evaluatorFor(p)
        : docs.evaluator(Evaluator.KUBE_DNS);
  }
}
