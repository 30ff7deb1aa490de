package dev.cilia.eval;

/**
 * The entries of one pod's direction that can match a port: single-port entries by their port, the
 * others (L3-only, ranges) always. Many policies on the same pods give long entry lists; a flow
 * then meets only the entries of its port (docs/performance.md). Short lists are not indexed.
 */
final class EntryIndex {
  /** Below this many entries, a scan is cheaper than the index. */
  static final int MIN_ENTRIES = 32;

  private final Entry[] entries;
  private final int[] always;

  /** The single-port entries, sorted by port and then by position: ports and positions. */
  private final int[] ports;

  private final int[] positions;

  private EntryIndex(Entry[] entries) {
    this.entries = entries;
    int singles = 0;
    for (Entry e : entries) {
      if (!e.l3Only && e.low == e.high) {
        singles++;
      }
    }
    long[] keyed = new long[singles];
    always = new int[entries.length - singles];
    int s = 0;
    int a = 0;
    for (int i = 0; i < entries.length; i++) {
      Entry e = entries[i];
      if (!e.l3Only && e.low == e.high) {
        keyed[s++] = ((long) e.low << 32) | i;
      } else {
        always[a++] = i;
      }
    }
    java.util.Arrays.sort(keyed);
    ports = new int[singles];
    positions = new int[singles];
    for (int k = 0; k < singles; k++) {
      ports[k] = (int) (keyed[k] >>> 32);
      positions[k] = (int) keyed[k];
    }
  }

  /** The entries to test for a port, in their order; the array itself when it is short. */
  static Entry[] at(EntryIndex index, Entry[] entries, int port) {
    return index == null ? entries : index.at(port);
  }

  static EntryIndex of(Entry[] entries) {
    return entries.length < MIN_ENTRIES ? null : new EntryIndex(entries);
  }

  private Entry[] at(int port) {
    int from = java.util.Arrays.binarySearch(ports, port);
    int to = from;
    if (from < 0) {
      from = to = 0;
    } else {
      while (from > 0 && ports[from - 1] == port) {
        from--;
      }
      while (to < ports.length && ports[to] == port) {
        to++;
      }
    }
    Entry[] out = new Entry[always.length + to - from];
    int a = 0;
    int b = from;
    int k = 0;
    while (a < always.length || b < to) {
      if (b == to || (a < always.length && always[a] < positions[b])) {
        out[k++] = entries[always[a++]];
      } else {
        out[k++] = entries[positions[b++]];
      }
    }
    return out;
  }
}
