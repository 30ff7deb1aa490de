package dev.cilia.eval;

import java.util.List;

/**
 * One policy entry (§3.2): peers × protocol × port range, maybe a proxy redirect. L3-only entries
 * match every protocol and port, ICMP included; port entries never match ICMP.
 */
final class Entry {
  static final int ALL_PORT_PROTOCOLS =
      Protocol.TCP.bit() | Protocol.UDP.bit() | Protocol.SCTP.bit();

  final RuleRef ref;
  final Peers peers;
  final boolean l3Only;
  final int protocols;
  final int low;
  final int high;

  /** A port range from {@code endPort} (1.16+). */
  final boolean range;

  final L7 l7;

  /** Why this entry's effect is not known, or null. */
  final String uncertain;

  /** The allow-all that Cilium adds when no rule asks for default-deny (§3.1.3). */
  final boolean synthesized;

  Entry(
      RuleRef ref,
      Peers peers,
      boolean l3Only,
      int protocols,
      int low,
      int high,
      boolean range,
      L7 l7,
      String uncertain,
      boolean synthesized) {
    this.ref = ref;
    this.peers = peers;
    this.l3Only = l3Only;
    this.protocols = protocols;
    this.low = low;
    this.high = high;
    this.range = range;
    this.l7 = l7;
    this.uncertain = uncertain;
    this.synthesized = synthesized;
  }

  /** This entry with {@code reqs} ANDed into its peer selectors (to/fromRequires). */
  Entry requiring(List<Selector.Req> reqs) {
    Peers p = peers.requiring(reqs);
    if (p == peers) {
      return this;
    }
    return new Entry(ref, p, l3Only, protocols, low, high, range, l7, uncertain, synthesized);
  }

  boolean portMatches(Protocol protocol, int port) {
    return l3Only || ((protocols & protocol.bit()) != 0 && port >= low && port <= high);
  }

  Tri match(Identity x, Learner learner, StringBuilder why) {
    Tri t = peers.match(x, learner, why);
    if (t == Tri.NO) {
      return Tri.NO;
    }
    if (uncertain != null) {
      if (why != null) {
        if (why.length() > 0) {
          why.append("; ");
        }
        why.append(uncertain);
      }
      return Tri.MAYBE;
    }
    return t;
  }
}
