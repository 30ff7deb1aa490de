package dev.cilia.ir;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Items (policies, or things that belong to one) indexed by the pods their policy selects, so that
 * a cross-policy check meets only the policies that may select a pod in common with the one it asks
 * about, not every policy of the run (docs/performance.md).
 *
 * <p>An item is filed under the one namespace of its pods (a namespaced policy's, or a clusterwide
 * one's {@code select namespace NS}; else under every namespace), and under one {@code In}
 * requirement of its pod selector: the one whose values the fewest items require. A query meets the
 * items of its namespace and the items of every namespace; of those, the ones filed under a label
 * that the query requires another value of are left out. What remains is a superset of the items
 * that share pods with the query, in input order; callers keep their own exact test.
 */
public final class SubjectIndex<T> {
  private final List<T> items;
  private final Map<String, Bucket> byNamespace = new HashMap<>();
  private final Bucket everywhere = new Bucket();

  /** The items of one namespace (or of every namespace), by their filed requirement. */
  private static final class Bucket {
    /** Items with no {@code In} requirement on their pods. */
    final IntList free = new IntList();

    /** Label key to label value to the items filed under {@code key In (…value…)}. */
    final Map<String, Map<String, IntList>> filed = new HashMap<>();

    /** Label key to how many filings {@link #filed} holds under it. */
    final Map<String, Integer> sizes = new HashMap<>();
  }

  /** Indexes {@code items} by the subject of {@code policy.apply(item)}. */
  public SubjectIndex(List<T> items, Function<T, Policy> policy) {
    this.items = List.copyOf(items);
    Map<List<String>, Integer> required = new HashMap<>();
    for (T item : this.items) {
      Policy p = policy.apply(item);
      for (Selector.Requirement r : p.subjectPods().requirements()) {
        if (r.operator() == Selector.Operator.IN) {
          for (String v : r.values()) {
            required.merge(Arrays.asList(namespace(p), r.key(), v), 1, Integer::sum);
          }
        }
      }
    }
    for (int i = 0; i < this.items.size(); i++) {
      Policy p = policy.apply(this.items.get(i));
      String ns = namespace(p);
      Bucket bucket = ns == null ? everywhere : byNamespace.computeIfAbsent(ns, k -> new Bucket());
      Selector.Requirement best = null;
      long bestCount = Long.MAX_VALUE;
      for (Selector.Requirement r : p.subjectPods().requirements()) {
        if (r.operator() != Selector.Operator.IN) {
          continue;
        }
        long count = 0;
        for (String v : r.values()) {
          count += required.get(Arrays.asList(ns, r.key(), v));
        }
        if (count < bestCount) {
          best = r;
          bestCount = count;
        }
      }
      if (best == null) {
        bucket.free.add(i);
        continue;
      }
      Map<String, IntList> values = bucket.filed.computeIfAbsent(best.key(), k -> new HashMap<>());
      for (String v : best.values()) {
        values.computeIfAbsent(v, k -> new IntList()).add(i);
      }
      bucket.sizes.merge(best.key(), best.values().size(), Integer::sum);
    }
  }

  /**
   * The one namespace whose pods a policy selects: a namespaced policy's own, a clusterwide one's
   * {@code select namespace NS}; null when it may select pods of several.
   */
  public static String namespace(Policy policy) {
    if (!policy.clusterwide()) {
      return policy.namespace();
    }
    return policy.subjectNamespaces() instanceof NamespaceMatch.Named n ? n.namespace() : null;
  }

  /**
   * The items whose policy may select a pod that {@code query} selects, in input order (a superset:
   * items that share no pod with it may be among them).
   */
  public List<T> candidates(Policy query) {
    String ns = namespace(query);
    Map<String, List<String>> in = in(query);
    IntList found = new IntList();
    collect(everywhere, in, found);
    if (ns == null) {
      for (Bucket b : byNamespace.values()) {
        collect(b, in, found);
      }
    } else {
      Bucket b = byNamespace.get(ns);
      if (b != null) {
        collect(b, in, found);
      }
    }
    int[] ordinals = found.sortedDistinct();
    List<T> out = new ArrayList<>(ordinals.length);
    for (int i : ordinals) {
      out.add(items.get(i));
    }
    return out;
  }

  /**
   * How many items {@link #candidates} meets for {@code query}, counted without collecting them (an
   * item filed under several values may count more than once).
   */
  public int count(Policy query) {
    String ns = namespace(query);
    Map<String, List<String>> in = in(query);
    int n = count(everywhere, in);
    if (ns == null) {
      for (Bucket b : byNamespace.values()) {
        n += count(b, in);
      }
    } else if (byNamespace.containsKey(ns)) {
      n += count(byNamespace.get(ns), in);
    }
    return n;
  }

  private static int count(Bucket bucket, Map<String, List<String>> in) {
    int n = bucket.free.size;
    for (Map.Entry<String, Map<String, IntList>> e : bucket.filed.entrySet()) {
      List<String> wanted = in.get(e.getKey());
      if (wanted == null) {
        n += bucket.sizes.get(e.getKey());
        continue;
      }
      for (String v : wanted) {
        IntList filed = e.getValue().get(v);
        n += filed == null ? 0 : filed.size;
      }
    }
    return n;
  }

  /** The first {@code In} requirement of each label key of a policy's pod selector. */
  private static Map<String, List<String>> in(Policy query) {
    Map<String, List<String>> in = new HashMap<>();
    for (Selector.Requirement r : query.subjectPods().requirements()) {
      if (r.operator() == Selector.Operator.IN) {
        in.putIfAbsent(r.key(), r.values());
      }
    }
    return in;
  }

  private static void collect(Bucket bucket, Map<String, List<String>> in, IntList out) {
    out.addAll(bucket.free);
    for (Map.Entry<String, Map<String, IntList>> e : bucket.filed.entrySet()) {
      List<String> wanted = in.get(e.getKey());
      if (wanted == null) {
        e.getValue().values().forEach(out::addAll);
        continue;
      }
      for (String v : wanted) {
        IntList filed = e.getValue().get(v);
        if (filed != null) {
          out.addAll(filed);
        }
      }
    }
  }

  /** A growable list of {@code int}s. */
  private static final class IntList {
    private int[] values = new int[4];
    private int size;

    void add(int v) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = v;
    }

    void addAll(IntList other) {
      if (size + other.size > values.length) {
        values = Arrays.copyOf(values, Math.max(size + other.size, size * 2));
      }
      System.arraycopy(other.values, 0, values, size, other.size);
      size += other.size;
    }

    int[] sortedDistinct() {
      int[] sorted = Arrays.copyOf(values, size);
      Arrays.sort(sorted);
      int n = 0;
      for (int i = 0; i < sorted.length; i++) {
        if (n == 0 || sorted[n - 1] != sorted[i]) {
          sorted[n++] = sorted[i];
        }
      }
      return Arrays.copyOf(sorted, n);
    }
  }
}
