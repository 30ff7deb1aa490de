package dev.cilia.verify;

import dev.cilia.diag.Work;
import dev.cilia.emit.Emitted;
import dev.cilia.eval.Endpoint;
import dev.cilia.eval.Evaluator;
import dev.cilia.eval.Side;
import dev.cilia.ir.Action;
import dev.cilia.ir.Policy;
import dev.cilia.ir.PortRange;
import dev.cilia.ir.Selector.Operator;
import dev.cilia.ir.Selector.Requirement;
import dev.cilia.ir.Service;
import dev.cilia.ir.Statement;
import dev.cilia.ir.SubjectIndex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code deny} statements of a run, for the proof, indexed so that a statement meets only the
 * denies that can cut into it (docs/performance.md): by direction, by port (a deny on tcp/22 never
 * meets an allow on tcp/443), and by the namespace of the pods their policies select. The pod that
 * a policy shares with the policies of a deny is computed once per pair of pod sets.
 */
final class DenyIndex {
  /** Port ranges wider than this are indexed as "every port". */
  private static final int WIDE = 1024;

  /** Above this many denies on the pods of a policy, they are narrowed by port first. */
  private static final int BY_PORT = 512;

  /** A {@code deny} statement and its policy. */
  record Deny(Policy policy, Statement.Rule rule) {}

  /** The deny statements that select {@code pod} together with the policy asked about. */
  record Shared(Endpoint.Pod pod, List<Deny> denies) {}

  /** The policies with deny statements that select the same pods; compared by identity. */
  private static final class Group {
    final Representatives.PodSpace subject;
    final String namespace;
    final Map<String, List<String>> in;

    Group(Representatives.PodSpace subject, String namespace) {
      this.subject = subject;
      this.namespace = namespace;
      this.in = in(subject);
    }
  }

  /** The {@code In} requirements on pod labels of a pod set: key to allowed values. */
  private static Map<String, List<String>> in(Representatives.PodSpace space) {
    Map<String, List<String>> out = new HashMap<>();
    for (Requirement r : space.pods()) {
      if (r.operator() == Operator.IN) {
        out.merge(r.key(), r.values(), (a, b) -> a.stream().filter(b::contains).toList());
      }
    }
    return out;
  }

  /** Whether two pod sets require different values of one label, so share no pod. */
  private static boolean disjoint(Map<String, List<String>> a, Map<String, List<String>> b) {
    Map<String, List<String>> small = a.size() <= b.size() ? a : b;
    Map<String, List<String>> large = small == a ? b : a;
    for (Map.Entry<String, List<String>> e : small.entrySet()) {
      List<String> other = large.get(e.getKey());
      if (other != null && e.getValue().stream().noneMatch(other::contains)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The deny statements of one direction, in input order, indexed by port and by the pods their
   * policies select.
   */
  private static final class Ports {
    final List<Deny> denies = new ArrayList<>();
    final List<Group> groups = new ArrayList<>();
    final BitSet everyPort = new BitSet();
    int[] lows = new int[0];
    int[] highs = new int[0];
    int[] ordinals = new int[0];
    int widest;

    /** Per deny, its port ranges that are not indexed as "every port": low, high, low, high… */
    final List<int[]> narrow = new ArrayList<>();

    SubjectIndex<Integer> subjects;

    void add(Deny deny, Group group) {
      denies.add(deny);
      groups.add(group);
    }

    void index() {
      List<int[]> ranges = new ArrayList<>();
      List<Integer> all = new ArrayList<>();
      for (int i = 0; i < denies.size(); i++) {
        all.add(i);
        Service service = denies.get(i).rule().service();
        List<Integer> own = new ArrayList<>();
        if (service.isAll()) {
          everyPort.set(i);
        } else {
          for (PortRange r : service.ports()) {
            if (r.high() - r.low() > WIDE) {
              everyPort.set(i);
            } else {
              ranges.add(new int[] {r.low(), r.high(), i});
              own.add(r.low());
              own.add(r.high());
              widest = Math.max(widest, r.high() - r.low());
            }
          }
        }
        narrow.add(own.stream().mapToInt(Integer::intValue).toArray());
      }
      ranges.sort((a, b) -> Integer.compare(a[0], b[0]));
      lows = new int[ranges.size()];
      highs = new int[ranges.size()];
      ordinals = new int[ranges.size()];
      for (int k = 0; k < ranges.size(); k++) {
        lows[k] = ranges.get(k)[0];
        highs[k] = ranges.get(k)[1];
        ordinals[k] = ranges.get(k)[2];
      }
      subjects = new SubjectIndex<>(all, i -> denies.get(i).policy());
    }

    /** The denies whose ports may overlap {@code [low, high]}, added to {@code out}. */
    void overlapping(int low, int high, BitSet out) {
      int from = Arrays.binarySearch(lows, low - widest);
      if (from < 0) {
        from = -from - 1;
      }
      while (from > 0 && lows[from - 1] >= low - widest) {
        from--;
      }
      for (int k = from; k < lows.length && lows[k] <= high; k++) {
        Work.add(Work.Step.DENY_CANDIDATE);
        if (highs[k] >= low) {
          out.set(ordinals[k]);
        }
      }
    }

    /**
     * Whether deny {@code i} may overlap the ports of a statement on {@code service} (null: none)
     * or a lookup on {@code lookupPort} (below 0: none), as {@link #overlapping} finds them.
     */
    boolean overlaps(int i, Service service, int lookupPort) {
      if (everyPort.get(i) || (service != null && service.isAll())) {
        return true;
      }
      int[] own = narrow.get(i);
      for (PortRange r : service == null ? List.<PortRange>of() : service.ports()) {
        if (r.high() - r.low() > WIDE) {
          return true;
        }
        for (int k = 0; k < own.length; k += 2) {
          if (own[k] <= r.high() && own[k + 1] >= r.low()) {
            return true;
          }
        }
      }
      for (int k = 0; lookupPort >= 0 && k < own.length; k += 2) {
        if (own[k] <= lookupPort && lookupPort <= own[k + 1]) {
          return true;
        }
      }
      return false;
    }
  }

  private final Ports egress = new Ports();
  private final Ports ingress = new Ports();
  private final Map<Object, Optional<Endpoint.Pod>> pods = new HashMap<>();

  DenyIndex(List<Emitted> documents) {
    Map<Representatives.PodSpace, Group> groups = new LinkedHashMap<>();
    for (Emitted d : documents) {
      Policy policy = d.policy();
      for (Statement s : policy.statements()) {
        if (s instanceof Statement.Rule r && r.action() == Action.DENY) {
          Group g =
              groups.computeIfAbsent(
                  Representatives.subject(policy), k -> new Group(k, namespace(policy)));
          ports(Prover.direction(r.direction())).add(new Deny(policy, r), g);
        }
      }
    }
    egress.index();
    ingress.index();
  }

  private Ports ports(Side direction) {
    return direction == Side.EGRESS ? egress : ingress;
  }

  /** The one namespace of the pods a policy selects, or null when it may select several. */
  private static String namespace(Policy policy) {
    return SubjectIndex.namespace(policy);
  }

  /** A pod of a pod set, computed once per set. */
  Optional<Endpoint.Pod> pod(Representatives.PodSpace space) {
    return pods.computeIfAbsent(space, s -> Representatives.pod(space));
  }

  /**
   * The deny statements of {@code direction} that may cut into a statement of {@code policy} on
   * {@code service} (null: none) and, with {@code lookupPort} at 0 or above, into a DNS lookup on
   * that port, grouped by a pod that {@code policy} and the deny's policy both select, in input
   * order.
   */
  List<Shared> shared(
      Evaluator evaluator, Policy policy, Side direction, Service service, int lookupPort) {
    Ports index = ports(direction);
    if (index.denies.isEmpty()) {
      return List.of();
    }
    // The denies of policies that may select the same pods, when they are few (thousands of
    // policies on different pods of one namespace); else those on overlapping ports.
    List<Integer> chosen = new ArrayList<>();
    if (index.subjects.count(policy) <= BY_PORT) {
      List<Integer> near = index.subjects.candidates(policy);
      Work.add(Work.Step.DENY_CANDIDATE, near.size());
      for (int i : near) {
        if (index.overlaps(i, service, lookupPort)) {
          chosen.add(i);
        }
      }
    } else {
      BitSet candidates = new BitSet();
      if (service != null && service.isAll()) {
        candidates.set(0, index.denies.size());
      } else {
        candidates.or(index.everyPort);
        for (PortRange r : service == null ? List.<PortRange>of() : service.ports()) {
          if (r.high() - r.low() > WIDE) {
            candidates.set(0, index.denies.size());
            break;
          }
          index.overlapping(r.low(), r.high(), candidates);
        }
        if (lookupPort >= 0) {
          index.overlapping(lookupPort, lookupPort, candidates);
        }
      }
      Work.add(Work.Step.DENY_CANDIDATE, candidates.cardinality());
      candidates.stream().forEach(chosen::add);
    }
    String namespace = namespace(policy);
    Representatives.PodSpace subject = Representatives.subject(policy);
    Map<String, List<String>> in = in(subject);
    Map<Group, List<Deny>> byGroup = new LinkedHashMap<>();
    for (int i : chosen) {
      Group g = index.groups.get(i);
      if (namespace != null && g.namespace != null && !namespace.equals(g.namespace)) {
        continue; // the two policies select pods of different namespaces
      }
      if (disjoint(in, g.in)) {
        continue; // they require different values of one pod label
      }
      Work.add(Work.Step.DENY_PAIR);
      byGroup.computeIfAbsent(g, k -> new ArrayList<>()).add(index.denies.get(i));
    }
    List<Shared> out = new ArrayList<>();
    for (Map.Entry<Group, List<Deny>> e : byGroup.entrySet()) {
      Group g = e.getKey();
      Optional<Endpoint.Pod> pod =
          pods.computeIfAbsent(
              List.of(subject, g), k -> Representatives.pod(subject.and(g.subject)));
      if (pod.isEmpty() || !evaluator.selects(pod.get(), policy.qualifiedName())) {
        continue;
      }
      List<Deny> selecting = new ArrayList<>();
      for (Deny deny : e.getValue()) {
        if (selects(evaluator, pod.get(), deny.policy())) {
          selecting.add(deny);
        }
      }
      if (!selecting.isEmpty()) {
        out.add(new Shared(pod.get(), selecting));
      }
    }
    return out;
  }

  private boolean selects(Evaluator evaluator, Endpoint.Pod pod, Policy policy) {
    return evaluator.selects(pod, policy.qualifiedName());
  }
}
