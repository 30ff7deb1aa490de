package dev.cilia.eval;

import java.util.concurrent.ConcurrentHashMap;

/** A pod's identity and selected policy, computed once per distinct pod. */
final class PodState implements Learner {
  final Endpoint.Pod pod;
  final Identity identity;
  final DirectionPolicy egress;
  final DirectionPolicy ingress;
  private final Evaluator evaluator;

  /** The policies whose rules select the pod, as {@link Evaluator#selecting} names them. */
  final java.util.List<String> selecting;

  final java.util.Set<String> selectingSet;
  private final ConcurrentHashMap<String, Verdict> lookups = new ConcurrentHashMap<>();

  PodState(
      Endpoint.Pod pod,
      Identity identity,
      DirectionPolicy egress,
      DirectionPolicy ingress,
      Evaluator evaluator,
      java.util.List<String> selecting,
      java.util.Set<String> selectingSet) {
    this.pod = pod;
    this.selecting = selecting;
    this.selectingSet = selectingSet;
    this.identity = identity;
    this.egress = egress;
    this.ingress = ingress;
    this.evaluator = evaluator;
  }

  /**
   * The size of this state for the evaluator's cache: entries, selecting policies, a fixed part.
   */
  long weight() {
    return 16L
        + egress.allows.length
        + egress.denies.length
        + ingress.allows.length
        + ingress.denies.length
        + selecting.size();
  }

  /** §3.5: toFQDNs learns a name's addresses only from lookups the DNS proxy allowed. */
  @Override
  public Tri learned(String name, StringBuilder notes) {
    Verdict v = lookups.get(name);
    if (v == null) {
      v = evaluator.dnsLookup(pod, name);
      lookups.put(name, v);
    }
    if (v.kind() == Verdict.Kind.ALLOWED_VISIBLE) {
      return Tri.YES;
    }
    if (notes != null) {
      if (notes.length() > 0) {
        notes.append("; ");
      }
      notes.append("toFQDNs matches `").append(name).append("` but ");
      if (v.kind() == Verdict.Kind.UNKNOWN) {
        notes.append("whether its lookup is proxied is unknown (").append(v.reason()).append(")");
      } else {
        notes
            .append("no address is learned: its DNS lookup is ")
            .append(
                switch (v.kind()) {
                  case ALLOWED -> "not redirected to the DNS proxy";
                  case REFUSED -> "refused by the DNS proxy";
                  default -> "dropped";
                });
      }
    }
    return v.kind() == Verdict.Kind.UNKNOWN ? Tri.MAYBE : Tri.NO;
  }
}
