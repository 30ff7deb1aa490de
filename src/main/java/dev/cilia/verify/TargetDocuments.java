package dev.cilia.verify;

import dev.cilia.cilium.Target;
import dev.cilia.cilium.model.CiliumPolicy;
import dev.cilia.emit.Emitted;
import dev.cilia.eval.Endpoint;
import dev.cilia.eval.Evaluator;
import dev.cilia.eval.RuleRef;
import dev.cilia.ir.Peer;
import dev.cilia.ir.Policy;
import dev.cilia.ir.Statement;
import dev.cilia.source.Span;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The documents of a run compiled for one target, read back from their YAML, with an evaluator per
 * resolver and the way back from an emitted rule to the statement that produced it.
 */
final class TargetDocuments {
  final Target target;
  final List<Emitted> documents;
  private final List<CiliumPolicy> policies = new ArrayList<>();
  private final Map<String, Emitted> byName = new HashMap<>();
  private final Map<Endpoint, Evaluator> evaluators = new HashMap<>();

  TargetDocuments(Target target, List<Emitted> documents) {
    this.target = target;
    this.documents = List.copyOf(documents);
    for (Emitted d : documents) {
      policies.add(d.model());
      byName.put(d.policy().qualifiedName(), d);
    }
  }

  /** The documents grouped by target, in order of first appearance. */
  static Map<Target, TargetDocuments> byTarget(List<Emitted> documents) {
    Map<Target, List<Emitted>> groups = new LinkedHashMap<>();
    for (Emitted d : documents) {
      groups.computeIfAbsent(d.target(), t -> new ArrayList<>()).add(d);
    }
    Map<Target, TargetDocuments> out = new LinkedHashMap<>();
    groups.forEach((t, docs) -> out.put(t, new TargetDocuments(t, docs)));
    return out;
  }

  /** An evaluator whose toFQDNs learn names through lookups to {@code resolver}. */
  Evaluator evaluator(Endpoint resolver) {
    return evaluators.computeIfAbsent(
        resolver, r -> new Evaluator(target, policies, r, Evaluator.DNS_PORT));
  }

  /** The evaluator with the resolver of the policies that select {@code pod} (§3.9). */
  Evaluator evaluatorFor(Endpoint.Pod pod) {
    Evaluator plain = evaluator(Evaluator.KUBE_DNS);
    for (String name : plain.selecting(pod)) {
      Optional<Emitted> d = policy(name);
      if (d.isPresent()) {
        Endpoint resolver = resolver(d.get().policy());
        if (!resolver.equals(Evaluator.KUBE_DNS)) {
          return evaluator(resolver);
        }
      }
    }
    return plain;
  }

  /** The search list of the first policy that selects {@code pod} (the default otherwise). */
  NameResolution.SearchList searchListFor(Endpoint.Pod pod) {
    Evaluator plain = evaluator(Evaluator.KUBE_DNS);
    for (String name : plain.selecting(pod)) {
      Optional<Emitted> d = policy(name);
      if (d.isPresent()) {
        return NameResolution.SearchList.of(d.get().policy());
      }
    }
    return NameResolution.SearchList.DEFAULT;
  }

  /** The endpoint that stands for a policy's resolver: its first alternative. */
  static Endpoint resolver(Policy policy) {
    for (Peer peer : policy.resolver()) {
      List<Endpoint> endpoints = Representatives.peer(peer);
      if (!endpoints.isEmpty()) {
        return endpoints.get(0);
      }
    }
    return Evaluator.KUBE_DNS;
  }

  /** The document of a policy named as {@link RuleRef#policy()} names it. */
  Optional<Emitted> policy(String qualifiedName) {
    return Optional.ofNullable(byName.get(qualifiedName));
  }

  /**
   * Where an emitted rule came from: the statement of its item ({@code egress[3].toPorts[0]} →
   * {@code egress[3]}), or the policy itself for a whole section such as {@code egress}.
   */
  Optional<Span> origin(RuleRef ref) {
    Optional<Emitted> d = policy(ref.policy());
    if (d.isEmpty()) {
      return Optional.empty();
    }
    // The longest recorded prefix: .cilia records items (egress[3]), YAML every rule path.
    String path = ref.path();
    while (!path.isEmpty()) {
      Span span = d.get().origins().get(path);
      if (span != null) {
        return Optional.of(span);
      }
      int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
      path = cut < 0 ? "" : path.substring(0, cut);
    }
    return Optional.of(d.get().policy().span());
  }

  /** The statement of the policy whose span is, or holds, {@code span}. */
  Optional<Statement> statement(RuleRef ref) {
    Optional<Emitted> d = policy(ref.policy());
    Optional<Span> span = origin(ref);
    if (d.isEmpty() || span.isEmpty()) {
      return Optional.empty();
    }
    for (Statement s : d.get().policy().statements()) {
      Span at = s.span();
      if (at.file().equals(span.get().file())
          && at.start() <= span.get().start()
          && span.get().end() <= at.end()) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
