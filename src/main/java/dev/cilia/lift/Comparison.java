package dev.cilia.lift;

import dev.cilia.eval.Endpoint;
import dev.cilia.eval.Evaluator;
import dev.cilia.eval.Flow;
import dev.cilia.eval.Verdict;
import dev.cilia.verify.PolicySet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides every flow and lookup of a {@link FlowSet} under two policy sets and keeps those whose
 * outcome differs: allowed, visible (proxied), denied, refused by the DNS proxy, or unknown.
 */
public final class Comparison {
  private Comparison() {}

  /** A flow, or a DNS lookup, with its verdict on each side. */
  public record Change(
      Optional<Flow> flow, Optional<FlowSet.Lookup> lookup, Verdict before, Verdict after) {
    /** The pod whose policy decided: the source for egress and lookups, else the destination. */
    public Endpoint workload() {
      if (lookup.isPresent()) {
        return lookup.get().pod();
      }
      Flow f = flow.get();
      return f.source() instanceof Endpoint.Pod ? f.source() : f.destination();
    }

    /** The other end: a flow's peer, or the looked-up name. */
    public String peer() {
      if (lookup.isPresent()) {
        return "dns " + lookup.get().name();
      }
      Flow f = flow.get();
      Endpoint other = f.source() instanceof Endpoint.Pod ? f.destination() : f.source();
      return PolicySet.describe(other);
    }

    /** {@code egress}, {@code ingress} or {@code dns}. */
    public String direction() {
      if (lookup.isPresent()) {
        return "dns";
      }
      return flow.get().source() instanceof Endpoint.Pod ? "egress" : "ingress";
    }

    /** {@code tcp/443 from … to …}, or {@code dns lookup of NAME by POD}. */
    public String describe() {
      if (lookup.isPresent()) {
        return "dns lookup of "
            + lookup.get().name()
            + " by "
            + PolicySet.describe(lookup.get().pod());
      }
      return PolicySet.describe(flow.get());
    }
  }

  /** What a verdict means for traffic: allowed, visible, denied, refused or unknown. */
  public static String outcome(Verdict v) {
    return switch (v.kind()) {
      case ALLOWED -> "allowed";
      case ALLOWED_VISIBLE -> "visible";
      case DENIED, DENIED_BY_RULE -> "denied";
      case REFUSED -> "refused";
      case UNKNOWN -> "unknown";
    };
  }

  /**
   * Whether a change is Cilia's own DNS to the resolver: a policy that declares egress allows every
   * name through the DNS proxy (docs/language.md), where the YAML may allow fewer or none.
   */
  public static boolean isResolverDns(Change c) {
    String after = outcome(c.after());
    if (!after.equals("allowed") && !after.equals("visible")) {
      return false;
    }
    return c.lookup().isPresent()
        || c.flow().map(f -> f.port() == Evaluator.DNS_PORT).orElse(false);
  }

  /** The flows and lookups of {@code set} whose outcome differs between the two sides. */
  public static List<Change> compare(FlowSet set, PolicySet before, PolicySet after) {
    List<Change> out = new ArrayList<>();
    for (Flow f : set.flows()) {
      Verdict a = before.decide(f);
      Verdict b = after.decide(f);
      if (!outcome(a).equals(outcome(b))) {
        out.add(new Change(Optional.of(f), Optional.empty(), a, b));
      }
    }
    for (FlowSet.Lookup l : set.lookups()) {
      Verdict a = before.dnsLookup(l.pod(), l.name());
      Verdict b = after.dnsLookup(l.pod(), l.name());
      if (!outcome(a).equals(outcome(b))) {
        out.add(new Change(Optional.empty(), Optional.of(l), a, b));
      }
    }
    return out;
  }
}
