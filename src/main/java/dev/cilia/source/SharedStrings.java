package dev.cilia.source;

/**
 * One instance for the short strings that every policy repeats ({@code TCP}, {@code 8080}, {@code
 * k8s:io.kubernetes.pod.namespace}, {@code egress[0]}). Reading 10,000 documents back makes
 * hundreds of thousands of equal strings; keeping one of each keeps a large compile's live heap,
 * and the collector's work on it, near the size of its distinct text.
 *
 * <p>A fixed table of 16,384 slots, indexed by hash: a string takes the slot of its hash, an equal
 * string found there is returned instead. The table never grows and holds at most 16,384 strings of
 * at most 64 characters (about 2 MB). Threads may race on a slot: each then keeps its own instance,
 * which is equal, so the result is only shared less.
 */
public final class SharedStrings {
  private static final int SLOTS = 1 << 14;
  private static final int MAX_LENGTH = 64;
  private static final String[] TABLE = new String[SLOTS];

  private SharedStrings() {}

  /** {@code text}, or an equal string met before; {@code null} stays {@code null}. */
  public static String of(String text) {
    if (text == null || text.length() > MAX_LENGTH) {
      return text;
    }
    int hash = text.hashCode();
    int slot = (hash ^ (hash >>> 14)) & (SLOTS - 1);
    String known = TABLE[slot];
    if (known != null && known.hashCode() == hash && known.equals(text)) {
      return known;
    }
    TABLE[slot] = text;
    return text;
  }
}
