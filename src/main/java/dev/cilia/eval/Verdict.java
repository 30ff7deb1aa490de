package dev.cilia.eval;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * What Cilium does with a flow or a DNS lookup, which side decided, the rules that decided it, and
 * a one-line reason.
 *
 * <p>The reason may be given as a {@link Supplier}: the proof asks millions of flows and reads the
 * reason of few, so the text (pod labels, rule paths) is made when first read, once. Two verdicts
 * are equal when their kind, sides, rules and reason text are.
 */
public final class Verdict {
  private final Kind kind;
  private final List<Side> sides;
  private final List<RuleRef> rules;
  private volatile String reason;
  private volatile Supplier<String> because;

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

  public Verdict(Kind kind, List<Side> sides, List<RuleRef> rules, String reason) {
    this.kind = Objects.requireNonNull(kind);
    this.sides = List.copyOf(sides);
    this.rules = List.copyOf(rules);
    this.reason = Objects.requireNonNull(reason);
  }

  private Verdict(Kind kind, List<Side> sides, List<RuleRef> rules, Supplier<String> because) {
    this.kind = Objects.requireNonNull(kind);
    this.sides = List.copyOf(sides);
    this.rules = List.copyOf(rules);
    this.because = Objects.requireNonNull(because);
  }

  /** A verdict whose reason is made by {@code because} when first read. */
  public static Verdict because(
      Kind kind, List<Side> sides, List<RuleRef> rules, Supplier<String> because) {
    return new Verdict(kind, sides, rules, because);
  }

  /** The same verdict, its reason led by {@code prefix} (made when the reason is read). */
  public Verdict prefixed(Supplier<String> prefix) {
    return new Verdict(kind, sides, rules, () -> prefix.get() + reason());
  }

  public Kind kind() {
    return kind;
  }

  public List<Side> sides() {
    return sides;
  }

  public List<RuleRef> rules() {
    return rules;
  }

  /** The one-line reason, made on the first call when it was given as a supplier. */
  public String reason() {
    String text = reason;
    if (text != null) {
      return text;
    }
    Supplier<String> make = because;
    if (make == null) {
      return reason; // another thread made it, and wrote it before it dropped the supplier
    }
    text = make.get();
    reason = text;
    because = null;
    return text;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Verdict v
        && kind == v.kind
        && sides.equals(v.sides)
        && rules.equals(v.rules)
        && reason().equals(v.reason());
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, sides, rules, reason());
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
    return kind + (where.isEmpty() ? "" : " " + where) + " " + rules + ": " + reason();
  }
}
