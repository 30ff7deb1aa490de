package dev.cilia.verify;

import dev.cilia.cilium.Target;
import dev.cilia.emit.Emitted;
import dev.cilia.eval.Endpoint;
import dev.cilia.eval.Evaluator;
import dev.cilia.eval.Flow;
import dev.cilia.eval.RuleRef;
import dev.cilia.eval.Verdict;
import dev.cilia.source.Span;
import java.util.List;
import java.util.Optional;

/**
 * A set of documents of one target, compiled once, for callers that decide many flows and name
 * where the deciding rules came from ({@code import}'s self-check, {@code diff}).
 */
public final class PolicySet {
  private final TargetDocuments documents;

  private PolicySet(TargetDocuments documents) {
    this.documents = documents;
  }

  /** Every document, evaluated as if for {@code target} (their own targets are not consulted). */
  public static PolicySet of(Target target, List<Emitted> documents) {
    return new PolicySet(new TargetDocuments(target, documents));
  }

  public Target target() {
    return documents.target;
  }

  /** The verdict of a flow, with the resolver of the policies that select a pod source. */
  public Verdict decide(Flow flow) {
    Evaluator e =
        flow.source() instanceof Endpoint.Pod p
            ? documents.evaluatorFor(p)
            : documents.evaluator(Evaluator.KUBE_DNS);
    return e.decide(flow);
  }

  /** The verdict of a DNS lookup of {@code name} by {@code pod}. */
  public Verdict dnsLookup(Endpoint.Pod pod, String name) {
    return documents.evaluatorFor(pod).dnsLookup(pod, name);
  }

  /** The policies that select {@code pod}. */
  public List<String> selecting(Endpoint.Pod pod) {
    return documents.evaluator(Evaluator.KUBE_DNS).selecting(pod);
  }

  /** Where a deciding rule came from: its {@code .cilia} statement or YAML line. */
  public Optional<Span> origin(RuleRef rule) {
    return documents.origin(rule);
  }

  /** {@code tcp/443 from payments/app=api to ip 203.0.113.1}, as explain words it. */
  public static String describe(Flow flow) {
    return Wording.flow(flow);
  }

  /** {@code payments/app=api}, {@code ip 10.0.0.1}, {@code world}. */
  public static String describe(Endpoint endpoint) {
    return Wording.endpoint(endpoint);
  }

  /** The source line where a span starts, stripped. */
  public static String line(Span span) {
    return Wording.line(span);
  }
}
