package dev.cilia.verify;

import dev.cilia.ir.Action;
import dev.cilia.ir.NamespaceMatch;
import dev.cilia.ir.Policy;
import dev.cilia.ir.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code deny} statements of a run, for the proof: grouped by the pods their policies select,
 * indexed by namespace, and with the pod each group shares with another policy computed once per
 * pair of pod sets. A policy is compared only with deny policies that can select pods in its
 * namespace, and policies that select the same pods share one comparison (docs/performance.md).
 */
final class DenyIndex {
  /** Deny statements of one direction of the policies that select the same pods. */
  private record Group(
      int order, Representatives.PodSpace subject, List<Deny> egress, List<Deny> ingress) {
    List<Deny> of(Direction direction) {
      return direction == Direction.EGRESS ? egress : ingress;
    }
  }

  /** A {@code deny} statement and its policy. */
  record Deny(Policy policy, Statement.Rule rule) {}

  /** The deny statements of one direction whose policies select {@code pod} with another policy. */
  record Shared(Endpoint.Pod pod, List<Deny> denies) {}

  private final List<Group> all = new ArrayList<>();
  private final List<Group> anywhere = new ArrayList<>();
  private final Map<String, List<Group>> byNamespace = new HashMap<>();
  private final Map<Object, Optional<Endpoint.Pod>> pods = new HashMap<>();
  private final Map<List<Object>, List<Deny>> groupSelecting = new HashMap<>();

  DenyIndex(List<EmittedPolicy> documents) {
    Map<Representatives.PodSpace, Group> groups = new LinkedHashMap<>();
    for (EmittedPolicy d : documents) {
      Policy policy = d.policy();
      for (Statement s : policy.statements()) {
        if (s instanceof Statement.Rule r && r.action() == Action.DENY) {
          Representatives.PodSpace subject = Representatives.subject(policy);
          Group g = groups.get(subject);
          if (g == null) {
            g = new Group(groups.size(), subject, new ArrayList<>(), new ArrayList<>());
            groups.put(subject, g);
            all.add(g);
            String namespace = namespace(policy);
            if (namespace == null) {
              anywhere.add(g);
            } else {
              byNamespace.computeIfAbsent(namespace, k -> new ArrayList<>()).add(g);
            }
          }
          g.of(Prover.direction(r.direction())).add(new Deny(policy, r));
        }
      }
    }
  }

  /** The one namespace of the pods a policy selects, or null when it may select several. */
  private static String namespace(Policy policy) {
    if (!policy.clusterwide()) {
      return policy.namespace();
    }
    return policy.subjectNamespaces() instanceof NamespaceMatch.Named n ? n.namespace() : null;
  }

  /** A pod of a pod set, computed once per set. */
  Optional<Endpoint.Pod> pod(Representatives.PodSpace space) {
    return pods.computeIfAbsent(space, s -> Representatives.pod(space));
  }

  /**
   * For each group of deny statements in {@code direction}, in input order: a pod that both {@code
   * policy} and the group's policies select, when there is one.
   */
  List<Shared> shared(Evaluator evaluator, Policy policy, Direction direction) {
    if (all.isEmpty()) {
      return List.of();
    }
    String namespace = namespace(policy);
    List<Group> candidates;
    if (namespace == null) {
      candidates = all;
    } else {
      candidates = new ArrayList<>(byNamespace.getOrDefault(namespace, List.of()));
      if (!anywhere.isEmpty()) {
        candidates.addAll(anywhere);
        candidates.sort((a, b) -> Integer.compare(a.order(), b.order()));
      }
    }
    Representatives.PodSpace subject = Representatives.subject(policy);
    List<Shared> out = new ArrayList<>();
    for (Group g : candidates) {
      List<Deny> denies = g.of(direction);
      if (denies.isEmpty()) {
        continue;
      }
      Work.add(Work.Step.DENY_PAIR);
      Optional<Endpoint.Pod> pod =
          pods.computeIfAbsent(
              List.of(subject, g.subject()), k -> Representatives.pod(subject.and(g.subject())));
      if (pod.isEmpty() || !evaluator.selects(pod.get(), policy.qualifiedName())) {
        continue;
      }
      List<Deny> selecting =
          groupSelecting.computeIfAbsent(
              List.of(evaluator, pod.get(), g, direction),
              k -> {
                List<Deny> in = new ArrayList<>();
                for (Deny deny : denies) {
                  if (evaluator.selects(pod.get(), deny.policy().qualifiedName())) {
                    in.add(deny);
                  }
                }
                return in;
              });
      if (!selecting.isEmpty()) {
        out.add(new Shared(pod.get(), selecting));
      }
    }
    return out;
  }
}
