package dev.cilia.diag;

/**
 * Counts of the compiler's repeated steps on the current thread, so that a test can check that they
 * grow linearly with the input (docs/performance.md): a count, unlike a time, does not depend on
 * the machine. Every stage that compares policies with other policies counts the pairs it meets.
 */
public final class Work {
  /** The steps counted. */
  public enum Step {
    /** A rule's subject selector tested against a pod's identity. */
    SELECTOR_TEST,
    /** A pod built for a set of selector requirements (a representative). */
    POD_SPACE,
    /** A policy compared with a policy that has {@code deny} statements. */
    DENY_PAIR,
    /** A statement compared with a {@code deny} statement. */
    DENY_STATEMENT,
    /** A flow or DNS lookup asked of the evaluator. */
    VERDICT,
    /** A rule entry tested against a flow. */
    ENTRY_TEST,
    /** Lower: a policy compared with another that may select the same pods (CIL0303, CIL0314). */
    LOWER_PAIR,
    /** Prove: a policy compared with an enforcing policy for widening (CIL0313). */
    WIDENING_PAIR,
    /** Prove: a {@code deny} statement met by a statement before its ports are compared. */
    DENY_CANDIDATE
  }

  private static final ThreadLocal<long[]> COUNTS =
      ThreadLocal.withInitial(() -> new long[Step.values().length]);

  private Work() {}

  public static void add(Step step, long n) {
    COUNTS.get()[step.ordinal()] += n;
  }

  public static void add(Step step) {
    COUNTS.get()[step.ordinal()]++;
  }

  /** The count of {@code step} on this thread since the last {@link #reset()}. */
  public static long count(Step step) {
    return COUNTS.get()[step.ordinal()];
  }

  /** Sets every count of this thread to zero. */
  public static void reset() {
    java.util.Arrays.fill(COUNTS.get(), 0);
  }
}
