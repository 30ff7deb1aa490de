package dev.cilia.eval;

import java.util.List;

/**
 * The L3 peers of one rule item, compiled: the union of its selectors, entities, CIDRs and FQDNs
 * (CILIUM-POLICY.md §1.3). An item with no peer field is a wildcard (§3.1.5); an explicitly empty
 * list selects nothing (§3.1.4).
 */
final class Peers {
  static final Peers ALL =
      new Peers(
          true, List.of(), 0, false, false, false, false, null, List.of(), List.of(), null, null,
          null);

  /** One {@code toCIDR} / {@code toCIDRSet} entry with its exceptions. */
  record Cidr(Addresses.Prefix prefix, List<Addresses.Prefix> except) {
    Tri match(Identity x) {
      if (x.address == null) {
        // A world endpoint without a known address: only a /0 surely covers it (§1.6).
        if (prefix.bits() != 0) {
          return Tri.NO;
        }
        return except.isEmpty() ? Tri.YES : Tri.MAYBE;
      }
      if (!prefix.contains(x.address)) {
        return Tri.NO;
      }
      for (Addresses.Prefix e : except) {
        if (e.contains(x.address)) {
          return Tri.NO;
        }
      }
      return Tri.YES;
    }
  }

  final boolean wildcard;
  private final Selector[] selectors;
  private final int entityKinds;
  private final boolean entityAll;
  private final boolean entityCluster;
  private final boolean world4;
  private final boolean world6;
  private final String unknownEntity;
  private final Cidr[] cidrs;
  private final DnsNames[] fqdns;

  // Peers whose members depend on live objects, by what they may select; null when absent.
  private final String maybeAny;
  private final String maybeWorld;
  private final String maybeNodes;

  Peers(
      boolean wildcard,
      List<Selector> selectors,
      int entityKinds,
      boolean entityAll,
      boolean entityCluster,
      boolean world4,
      boolean world6,
      String unknownEntity,
      List<Cidr> cidrs,
      List<DnsNames> fqdns,
      String maybeAny,
      String maybeWorld,
      String maybeNodes) {
    this.wildcard = wildcard;
    this.selectors = selectors.toArray(Selector[]::new);
    this.entityKinds = entityKinds;
    this.entityAll = entityAll;
    this.entityCluster = entityCluster;
    this.world4 = world4;
    this.world6 = world6;
    this.unknownEntity = unknownEntity;
    this.cidrs = cidrs.toArray(Cidr[]::new);
    this.fqdns = fqdns.toArray(DnsNames[]::new);
    this.maybeAny = maybeAny;
    this.maybeWorld = maybeWorld;
    this.maybeNodes = maybeNodes;
  }

  /**
   * These peers with {@code reqs} added to every endpoint selector; entities, CIDRs, FQDNs and a
   * wildcard stay as they are (upstream {@code GetSourceEndpointSelectorsWithRequirements}).
   */
  Peers requiring(List<Selector.Req> reqs) {
    if (selectors.length == 0) {
      return this;
    }
    List<Selector> constrained = new java.util.ArrayList<>(selectors.length);
    for (Selector s : selectors) {
      List<Selector.Req> all = new java.util.ArrayList<>(List.of(s.reqs()));
      all.addAll(reqs);
      constrained.add(Selector.of(all));
    }
    return new Peers(
        wildcard,
        constrained,
        entityKinds,
        entityAll,
        entityCluster,
        world4,
        world6,
        unknownEntity,
        List.of(cidrs),
        List.of(fqdns),
        maybeAny,
        maybeWorld,
        maybeNodes);
  }

  boolean hasFqdns() {
    return fqdns.length > 0;
  }

  /** Whether {@code x} is one of these peers; {@code why}, when not null, collects reasons. */
  Tri match(Identity x, Learner learner, StringBuilder why) {
    if (wildcard || entityAll) {
      return Tri.YES;
    }
    for (Selector s : selectors) {
      if (s.matches(x)) {
        return Tri.YES;
      }
    }
    if ((x.kinds & entityKinds) != 0 || (entityCluster && x.is(Identity.CLUSTER))) {
      return Tri.YES;
    }
    Tri result = Tri.NO;
    if (x.is(Identity.WORLD)) {
      if (world4 || world6) {
        if (x.address != null) {
          if ((x.address.length == 4 && world4) || (x.address.length == 16 && world6)) {
            return Tri.YES;
          }
        } else {
          result = maybe(why, "world-ipv4/world-ipv6 depend on the address family of " + x);
        }
      }
      for (Cidr c : cidrs) {
        Tri t = c.match(x);
        if (t == Tri.YES) {
          return Tri.YES;
        }
        if (t == Tri.MAYBE) {
          result =
              maybe(
                  why,
                  "a /0 CIDR with exceptions may or may not cover "
                      + x
                      + " (its address is not known)");
        }
      }
      if (x.name != null && learner != null) {
        for (DnsNames f : fqdns) {
          if (f.matches(x.name)) {
            Tri t = learner.learned(x.name, why);
            if (t == Tri.YES) {
              return Tri.YES;
            }
            if (t == Tri.MAYBE) {
              result = Tri.MAYBE;
            }
          }
        }
      }
      if (maybeWorld != null) {
        result = maybe(why, maybeWorld);
      }
    }
    if (maybeNodes != null && x.is(Identity.HOST | Identity.REMOTE_NODE)) {
      result = maybe(why, maybeNodes);
    }
    if (maybeAny != null) {
      result = maybe(why, maybeAny);
    }
    if (unknownEntity != null) {
      result = maybe(why, "entity `" + unknownEntity + "` is not modelled");
    }
    return result;
  }

  private static Tri maybe(StringBuilder why, String reason) {
    if (why != null) {
      if (why.length() > 0) {
        why.append("; ");
      }
      why.append(reason);
    }
    return Tri.MAYBE;
  }
}
