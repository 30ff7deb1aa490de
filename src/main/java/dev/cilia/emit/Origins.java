package dev.cilia.emit;

import dev.cilia.source.Span;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The rule item paths of one document and the statements that produced them, in the document's
 * order: an immutable map held by every emitted document until the run ends, so it keeps only two
 * arrays and a compact index (docs/performance.md).
 */
final class Origins extends AbstractMap<String, Span> {
  private final String[] paths;
  private final Span[] spans;
  private final Map<String, Integer> index;

  private Origins(Map<String, Span> origins) {
    paths = new String[origins.size()];
    spans = new Span[origins.size()];
    int i = 0;
    for (Map.Entry<String, Span> e : origins.entrySet()) {
      paths[i] = e.getKey();
      spans[i] = e.getValue();
      i++;
    }
    index = indexOf(paths);
  }

  private static Map<String, Integer> indexOf(String[] paths) {
    @SuppressWarnings("unchecked")
    Map.Entry<String, Integer>[] entries = new Map.Entry[paths.length];
    for (int i = 0; i < paths.length; i++) {
      entries[i] = Map.entry(paths[i], i);
    }
    return Map.ofEntries(entries);
  }

  /** {@code origins} as an immutable map in its iteration order. */
  static Map<String, Span> of(Map<String, Span> origins) {
    return origins instanceof Origins o ? o : new Origins(origins);
  }

  @Override
  public Span get(Object path) {
    Integer i = index.get(path);
    return i == null ? null : spans[i];
  }

  @Override
  public boolean containsKey(Object path) {
    return index.containsKey(path);
  }

  @Override
  public int size() {
    return paths.length;
  }

  @Override
  public Set<Map.Entry<String, Span>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Map.Entry<String, Span>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < paths.length;
          }

          @Override
          public Map.Entry<String, Span> next() {
            if (next >= paths.length) {
              throw new NoSuchElementException();
            }
            int i = next++;
            return Map.entry(paths[i], spans[i]);
          }
        };
      }

      @Override
      public int size() {
        return paths.length;
      }
    };
  }
}
