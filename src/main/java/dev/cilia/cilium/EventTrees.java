package dev.cilia.cilium;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The trees of a YAML stream built straight from the YAML parser's events, for the read-back of
 * what {@link YamlWriter} and the Jackson mapper write: the same trees as Jackson's YAML parser
 * gives, without its token layer and without line and column marks. It knows mappings with plain
 * keys, sequences, quoted scalars, and plain scalars that are strings, booleans and integers of up
 * to nine digits. Anything else (tags, anchors and aliases, complex or repeated keys, empty plain
 * scalars, {@code null}, floats, large integers, a plain scalar that starts with {@code $} or
 * {@code +}, nesting deeper than 64, text the parser rejects) gives empty, and {@link PolicyYaml}
 * reads the text with Jackson instead, so its trees and errors stay Jackson's.
 */
final class EventTrees {
  private static final LoadSettings SETTINGS = LoadSettings.builder().setUseMarks(false).build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final int MAX_DEPTH = 64;

  /** Thrown for what only Jackson reads; never leaves this class. */
  private static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Refused() {
      super(null, null, false, false);
    }
  }

  private static final Refused REFUSED = new Refused();

  private final ParserImpl parser;

  private EventTrees(String yaml) {
    parser = new ParserImpl(SETTINGS, new StreamReader(SETTINGS, yaml));
  }

  /** Every document of {@code yaml} as a tree, or empty when Jackson must read it. */
  static Optional<List<JsonNode>> read(String yaml) {
    try {
      return Optional.of(new EventTrees(yaml).documents());
    } catch (Refused | YamlEngineException e) {
      return Optional.empty();
    }
  }

  private List<JsonNode> documents() {
    List<JsonNode> docs = new ArrayList<>();
    expect(Event.ID.StreamStart);
    while (true) {
      Event e = parser.next();
      if (e.getEventId() == Event.ID.StreamEnd) {
        return docs;
      }
      if (e.getEventId() != Event.ID.DocumentStart) {
        throw REFUSED;
      }
      docs.add(node(parser.next(), 0));
      expect(Event.ID.DocumentEnd);
    }
  }

  private void expect(Event.ID id) {
    if (parser.next().getEventId() != id) {
      throw REFUSED;
    }
  }

  private JsonNode node(Event e, int depth) {
    if (depth > MAX_DEPTH) {
      throw REFUSED;
    }
    switch (e.getEventId()) {
      case Scalar:
        return scalar((ScalarEvent) e);
      case MappingStart:
        plainCollection((CollectionStartEvent) e);
        ObjectNode object = NODES.objectNode();
        while (true) {
          Event k = parser.next();
          if (k.getEventId() == Event.ID.MappingEnd) {
            return object;
          }
          if (k.getEventId() != Event.ID.Scalar) {
            throw REFUSED;
          }
          ScalarEvent key = untagged((ScalarEvent) k);
          String name = key.getValue();
          if (key.isPlain() && !isPlainString(name)) {
            throw REFUSED;
          }
          if (object.has(name)) {
            throw REFUSED;
          }
          object.set(name, node(parser.next(), depth + 1));
        }
      case SequenceStart:
        plainCollection((CollectionStartEvent) e);
        ArrayNode array = NODES.arrayNode();
        while (true) {
          Event item = parser.next();
          if (item.getEventId() == Event.ID.SequenceEnd) {
            return array;
          }
          array.add(node(item, depth + 1));
        }
      default:
        throw REFUSED;
    }
  }

  private static void plainCollection(CollectionStartEvent e) {
    if (e.getTag().isPresent() || e.getAnchor().isPresent()) {
      throw REFUSED;
    }
  }

  /** {@code e}, refused when it has a tag or an anchor. */
  private static ScalarEvent untagged(ScalarEvent e) {
    if (e.getTag().isPresent() || e.getAnchor().isPresent()) {
      throw REFUSED;
    }
    return e;
  }

  private static JsonNode scalar(ScalarEvent e) {
    untagged(e);
    String value = e.getValue();
    if (!e.isPlain()) {
      return NODES.stringNode(value);
    }
    if (value.equals("true")) {
      return NODES.booleanNode(true);
    }
    if (value.equals("false")) {
      return NODES.booleanNode(false);
    }
    if (isSmallInt(value)) {
      return NODES.numberNode(Integer.parseInt(value));
    }
    if (!isPlainString(value)) {
      throw REFUSED;
    }
    return NODES.stringNode(value);
  }

  /**
   * A plain scalar that the JSON schema's resolver (the one Jackson's YAML parser uses) takes for a
   * string whatever follows its first character: not empty, not {@code null}, {@code true} or
   * {@code false}, and not starting with a character that a number or {@code ${…}} starts with.
   */
  private static boolean isPlainString(String value) {
    if (value.isEmpty()) {
      return false;
    }
    char first = value.charAt(0);
    if ((first >= '0' && first <= '9') || first == '-' || first == '.') {
      return !isNumber(value);
    }
    if (first == '$' || first == '+') {
      return false;
    }
    return !value.equals("null") && !value.equals("true") && !value.equals("false");
  }

  /**
   * Whether the JSON schema's resolver reads {@code value} as a number: {@code
   * -?(0|[1-9][0-9]*)(\\.[0-9]*)?([eE][-+]?[0-9]+)?}, {@code -?.inf} or {@code .nan}, matched
   * whole.
   */
  static boolean isNumber(String value) {
    if (value.equals(".nan") || value.equals(".inf") || value.equals("-.inf")) {
      return true;
    }
    int i = value.startsWith("-") ? 1 : 0;
    int n = value.length();
    if (i >= n) {
      return false;
    }
    if (value.charAt(i) == '0') {
      i++;
    } else if (value.charAt(i) >= '1' && value.charAt(i) <= '9') {
      while (i < n && value.charAt(i) >= '0' && value.charAt(i) <= '9') {
        i++;
      }
    } else {
      return false;
    }
    if (i < n && value.charAt(i) == '.') {
      i++;
      while (i < n && value.charAt(i) >= '0' && value.charAt(i) <= '9') {
        i++;
      }
    }
    if (i < n && (value.charAt(i) == 'e' || value.charAt(i) == 'E')) {
      i++;
      if (i < n && (value.charAt(i) == '+' || value.charAt(i) == '-')) {
        i++;
      }
      int digits = i;
      while (i < n && value.charAt(i) >= '0' && value.charAt(i) <= '9') {
        i++;
      }
      if (i == digits) {
        return false;
      }
    }
    return i == n;
  }

  /** {@code -?(0|[1-9][0-9]*)} with at most nine digits. */
  private static boolean isSmallInt(String value) {
    int start = value.startsWith("-") ? 1 : 0;
    int digits = value.length() - start;
    if (digits < 1 || digits > 9) {
      return false;
    }
    if (value.charAt(start) == '0' && digits > 1) {
      return false;
    }
    for (int i = start; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
