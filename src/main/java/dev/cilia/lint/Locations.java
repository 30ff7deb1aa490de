package dev.cilia.lint;

import dev.cilia.source.Span;
import java.util.HashMap;
import java.util.Map;

/**
 * Where the values of one YAML document are, by JSON pointer ({@code /spec/egress/0}). A member
 * that holds a mapping or a list is found at its key; a scalar or a list item at its value.
 */
final class Locations {
  private final Map<String, Span> spans = new HashMap<>();
  private final Span whole;

  Locations(Span whole) {
    this.whole = whole;
  }

  void put(String pointer, Span span) {
    spans.put(pointer, span);
  }

  /** The span of {@code pointer}, else of its nearest ancestor that the document has. */
  Span at(String pointer) {
    String p = pointer;
    while (true) {
      Span span = spans.get(p);
      if (span != null) {
        return span;
      }
      int slash = p.lastIndexOf('/');
      if (slash < 0) {
        return whole;
      }
      p = p.substring(0, slash);
    }
  }

  /** The span of the whole document. */
  Span whole() {
    return whole;
  }

  /** One reference token of a JSON pointer (RFC 6901). */
  static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }
}
