package dev.cilia.verify;

import dev.cilia.eval.Endpoint;
import dev.cilia.eval.Flow;
import dev.cilia.source.Span;
import java.util.StringJoiner;
import java.util.TreeMap;

/** How endpoints, flows, statements and places read in messages and reports. */
final class Wording {
  private Wording() {}

  /** {@code payments/app=api,tier=web}, {@code a pod of namespace shop}, {@code ip 10.0.0.1}. */
  static String endpoint(Endpoint e) {
    if (e instanceof Endpoint.Pod p) {
      if (p.labels().isEmpty()) {
        return "a pod of namespace " + p.namespace();
      }
      StringJoiner out = new StringJoiner(",", p.namespace() + "/", "");
      new TreeMap<>(p.labels()).forEach((k, v) -> out.add(k + "=" + v));
      return out.toString();
    }
    return e.toString();
  }

  /** {@code tcp/443 from payments/app=api to ip 203.0.113.1}. */
  static String flow(Flow f) {
    return f.protocol().word()
        + "/"
        + f.port()
        + " from "
        + endpoint(f.source())
        + " to "
        + endpoint(f.destination());
  }

  /** The source text of a span on one line: {@code allow https to world}. */
  static String source(Span span) {
    return span.text().strip().replaceAll("\\s+", " ");
  }

  /** {@code samples/payments.cilia:21:3}. */
  static String place(Span span) {
    return span.location();
  }

  /**
   * The source line where a span starts, without indentation, and without a comment that follows
   * the span on that line.
   */
  static String line(Span span) {
    String text = span.file().lineText(span.line());
    if (span.endLine() == span.line()) {
      int end = span.endColumn() - 1;
      int cut = text.offsetByCodePoints(0, Math.min(end, text.codePointCount(0, text.length())));
      if (text.substring(cut).strip().startsWith("#") || text.substring(cut).isBlank()) {
        text = text.substring(0, cut);
      }
    }
    return text.strip();
  }
}
