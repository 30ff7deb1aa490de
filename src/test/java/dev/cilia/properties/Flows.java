package dev.cilia.properties;

import dev.cilia.eval.Endpoint;
import dev.cilia.eval.Verdict;
import dev.cilia.ir.Direction;
import dev.cilia.properties.Model.ObserveHttp;
import dev.cilia.properties.Model.Peer;
import dev.cilia.properties.Model.Policy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Flows between a selected pod and another endpoint, asked of a compiled program's evaluator. */
final class Flows {
  private Flows() {}

  /** The flow a statement in {@code direction} describes: out of the pod, or into it. */
  static Verdict decide(
      Compiled compiled, Endpoint.Pod pod, Direction direction, Endpoint other, Intent.Port port) {
    return direction == Direction.EGRESS
        ? compiled.evaluator().decide(pod, other, port.protocol(), port.port())
        : compiled.evaluator().decide(other, pod, port.protocol(), port.port());
  }

  /**
   * Whether the verdict was decided at the other end only: the destination's ingress for an egress
   * flow, or the source's egress for an ingress flow (CILIUM-POLICY.md §3.7: both ends enforce).
   */
  static boolean droppedAtOtherEnd(Verdict verdict, Direction direction) {
    dev.cilia.eval.Side other =
        direction == Direction.EGRESS ? dev.cilia.eval.Side.INGRESS : dev.cilia.eval.Side.EGRESS;
    return verdict.drops() && verdict.sides().equals(List.of(other));
  }

  /**
   * For an FQDN destination, whether the lookup that teaches Cilium its addresses is dropped at the
   * resolver's ingress (a policy there, not the statement, decides).
   */
  static boolean lookupDroppedAtResolver(Compiled compiled, Endpoint.Pod pod, Endpoint other) {
    if (!(other instanceof Endpoint.Fqdn f)) {
      return false;
    }
    Verdict lookup = compiled.evaluator().dnsLookup(pod, f.name());
    return droppedAtOtherEnd(lookup, Direction.EGRESS);
  }

  /** The other ends an {@code observe http} names; no peer stands for any destination. */
  static List<Endpoint> others(ObserveHttp observe, Policy policy) {
    if (observe.peers().isEmpty()) {
      return List.of(Endpoint.ip(Intent.WORLD_ADDRESS), Intent.pod("shop", Map.of("role", "peer")));
    }
    return others(observe.peers().get().alternatives(), policy);
  }

  static List<Endpoint> others(List<Peer> peers, Policy policy) {
    List<Endpoint> out = new ArrayList<>();
    for (Peer peer : peers) {
      for (Endpoint e : Intent.representatives(peer, policy)) {
        if (!out.contains(e)) {
          out.add(e);
        }
      }
    }
    return out;
  }

  static String describe(Endpoint.Pod pod, Direction direction, Endpoint other, Intent.Port port) {
    return direction == Direction.EGRESS
        ? pod + " -> " + other + " " + port
        : other + " -> " + pod + " " + port;
  }
}
