package dev.cilia.diag;

import dev.cilia.source.Span;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders diagnostics as one JSON document for scripts; {@code docs/diagnostics-format.md} lists
 * its keys. Every diagnostic has every key, in the same order; an absent hint is {@code null}.
 */
public final class JsonRenderer implements Renderer {

  @Override
  public String render(List<Diagnostic> diagnostics) {
    ObjectNode document = JsonOutput.object();
    ArrayNode all = document.putArray("diagnostics");
    long errors = 0;
    long warnings = 0;
    for (Diagnostic diagnostic : diagnostics) {
      all.add(diagnostic(diagnostic));
      if (diagnostic.severity() == Severity.ERROR) {
        errors++;
      } else if (diagnostic.severity() == Severity.WARNING) {
        warnings++;
      }
    }
    document.put("errors", errors);
    document.put("warnings", warnings);
    return JsonOutput.write(document);
  }

  /** One diagnostic as the {@code diagnostics} array holds it (also in {@code ciliac test}'s). */
  public static ObjectNode diagnostic(Diagnostic diagnostic) {
    Span span = diagnostic.span();
    ObjectNode node = JsonOutput.object();
    node.put("code", diagnostic.code().name());
    node.put("severity", diagnostic.severity().label());
    node.put("file", span.file().displayName());
    node.put("line", span.line());
    node.put("column", span.column());
    node.put("endLine", span.endLine());
    node.put("endColumn", span.endColumn());
    node.put("length", span.length());
    node.put("message", diagnostic.message());
    node.put("hint", diagnostic.hint().orElse(null));
    ArrayNode related = node.putArray("related");
    for (Related r : diagnostic.related()) {
      ObjectNode place = related.addObject();
      place.put("file", r.span().file().displayName());
      place.put("line", r.span().line());
      place.put("column", r.span().column());
      place.put("message", r.message());
    }
    return node;
  }
}
