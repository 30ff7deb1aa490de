package dev.cilia.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
  private final Map<Integer, int[]> byPort;

  private EntryIndex(Entry[] entries) {
    this.entries = entries;
    Map<Integer, List<Integer>> ports = new HashMap<>();
    List<Integer> rest = new ArrayList<>();
    for (int i = 0; i < entries.length; i++) {
      Entry e = entries[i];
      if (!e.l3Only && e.low == e.high) {
        ports.computeIfAbsent(e.low, k -> new ArrayList<>()).add(i);
      } else {
        rest.add(i);
      }
    }
    always = rest.stream().mapToInt(Integer::intValue).toArray();
    byPort = new HashMap<>();
    ports.forEach((p, list) -> byPort.put(p, list.stream().mapToInt(Integer::intValue).toArray()));
  }

  /** The entries to test for a port, in their order; the array itself when it is short. */
  static Entry[] at(EntryIndex index, Entry[] entries, int port) {
    return index == null ? entries : index.at(port);
  }

  static EntryIndex of(Entry[] entries) {
    return entries.length < MIN_ENTRIES ? null : new EntryIndex(entries);
  }

  private Entry[] at(int port) {
    int[] bucket = byPort.getOrDefault(port, new int[0]);
    Entry[] out = new Entry[always.length + bucket.length];
    int a = 0;
    int b = 0;
    int k = 0;
    while (a < always.length || b < bucket.length) {
      if (b == bucket.length || (a < always.length && always[a] < bucket[b])) {
        out[k++] = entries[always[a++]];
      } else {
        out[k++] = entries[bucket[b++]];
      }
    }
    return out;
  }
}
