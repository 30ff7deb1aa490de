package dev.cilia.eval;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What Cilium does with a flow or a DNS lookup, which side decided, the rules that decided it, and
 * a one-line reason.
 */
public record Verdict(Kind kind, List<Side> sides, List<RuleRef> rules, String reason) {

  /** The outcome. */
  public enum Kind {
    /** Forwarded, not through a proxy. */
    ALLOWED,
    /** Forwarded through the L7 proxy (DNS or HTTP visibility). */
    ALLOWED_VISIBLE,
    /** The DNS proxy answered REFUSED: no {@code dns} rule matches the name (L7 deny). */
    REFUSED,
    /** Dropped: the direction is enforced and no allow matches ({@code POLICY_DENIED}). */
    DENIED,
    /** Dropped by a deny rule ({@code POLICY_DENY}). */
    DENIED_BY_RULE,
    /** Cilium's behaviour here is not confirmed by CILIUM-POLICY.md; the reason says why. */
    UNKNOWN;

    public boolean passes() {
      return this == ALLOWED || this == ALLOWED_VISIBLE;
    }

    public boolean drops() {
      return this == DENIED || this == DENIED_BY_RULE;
    }
  }

  public Verdict {
    sides = List.copyOf(sides);
    rules = List.copyOf(rules);
  }

  public boolean passes() {
    return kind.passes();
  }

  public boolean visible() {
    return kind == Kind.ALLOWED_VISIBLE;
  }

  public boolean drops() {
    return kind.drops();
  }

  /** {@code DENIED egress [default/l7-visibility egress]: …}. */
  @Override
  public String toString() {
    String where = sides.stream().map(Side::word).collect(Collectors.joining("+"));
    return kind + (where.isEmpty() ? "" : " " + where) + " " + rules + ": " + reason;
  }
}
