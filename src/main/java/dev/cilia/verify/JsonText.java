package dev.cilia.verify;

import dev.cilia.diag.JsonOutput;
import dev.cilia.eval.Verdict;
import dev.cilia.source.Span;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON reports of tests and explanations, printed as the diagnostics' JSON is: two-space indent,
 * {@code "key": value}, LF only, a final newline.
 */
final class JsonText {
  private JsonText() {}

  static ObjectNode object() {
    return JsonOutput.object();
  }

  static String write(JsonNode document) {
    return JsonOutput.write(document);
  }

  /** {@code {"file", "line", "column", "source"}}: a place in a {@code .cilia} file. */
  static ObjectNode place(Span span) {
    ObjectNode node = object();
    node.put("file", span.file().displayName());
    node.put("line", span.line());
    node.put("column", span.column());
    node.put("source", Wording.line(span));
    return node;
  }

  /** A verdict with its rules, each with the statement it came from. */
  static ObjectNode verdict(Verdict v, List<Trace> traces) {
    ObjectNode node = object();
    node.put("verdict", v.kind().name());
    ArrayNode sides = node.putArray("sides");
    v.sides().forEach(s -> sides.add(s.word()));
    node.put("reason", v.reason());
    ArrayNode rules = node.putArray("rules");
    for (Trace t : traces) {
      ObjectNode rule = rules.addObject();
      rule.put("rule", t.rule().toString());
      rule.put("policy", t.rule().policy());
      rule.put("path", t.rule().path());
      Optional<Span> origin = t.origin();
      if (origin.isPresent()) {
        rule.set("origin", place(origin.get()));
      } else {
        rule.putNull("origin");
      }
    }
    return node;
  }
}
