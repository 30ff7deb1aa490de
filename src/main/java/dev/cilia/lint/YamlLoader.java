package dev.cilia.lint;

import dev.cilia.diag.Code;
import dev.cilia.diag.Diagnostic;
import dev.cilia.diag.Related;
import dev.cilia.source.SourceFile;
import dev.cilia.source.Span;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.CoreSchema;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a {@code ---} separated YAML stream into JSON trees as {@code kubectl} would (YAML 1.2 core
 * schema, aliases and {@code <<} merge keys resolved), remembering where each value is. Built from
 * the parser's events with an explicit stack and bounded nesting and alias expansion, so no input
 * can exhaust the stack or the heap: problems are CIL0501–CIL0503.
 */
final class YamlLoader {
  /** Deeper nesting than this is refused; a policy needs about fifteen levels. */
  static final int MAX_DEPTH = 100;

  /** Values produced by expanding aliases, per file; beyond it the file is a YAML bomb. */
  static final int MAX_ALIAS_NODES = 100_000;

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final ScalarResolver RESOLVER = new CoreSchema().getScalarResolver();

  /** A document of the stream, with where its values are. */
  record Document(JsonNode root, Locations locations) {}

  /** The documents read before any problem, and the problems. */
  record Loaded(List<Document> documents, List<Diagnostic> diagnostics) {}

  private final SourceFile file;
  private final int[] supplementary;
  private final List<Diagnostic> diagnostics = new ArrayList<>();
  private int aliasNodes;

  private YamlLoader(SourceFile file) {
    this.file = file;
    this.supplementary = supplementaryIndexes(file.text());
  }

  static Loaded load(SourceFile file) {
    return new YamlLoader(file).run();
  }

  // ------------------------------------------------------------ nodes

  /** A composed node; aliases point at the node their anchor names. */
  private abstract static class Node {
    final int start;
    int end;

    Node(int start, int end) {
      this.start = start;
      this.end = end;
    }
  }

  private static final class Scalar extends Node {
    final String value;
    final Optional<String> tag;
    final boolean plain;

    Scalar(int start, int end, String value, Optional<String> tag, boolean plain) {
      super(start, end);
      this.value = value;
      this.tag = tag;
      this.plain = plain;
    }
  }

  private static final class Sequence extends Node {
    final List<Node> items = new ArrayList<>();

    Sequence(int start) {
      super(start, start);
    }
  }

  private static final class Mapping extends Node {
    final List<Node> keys = new ArrayList<>();
    final List<Node> values = new ArrayList<>();

    Mapping(int start) {
      super(start, start);
    }
  }

  private static final class Alias extends Node {
    final Node target;

    Alias(int start, int end, Node target) {
      super(start, end);
      this.target = target;
    }
  }

  /** Stops reading the file; the diagnostic is already recorded. */
  private static final class Stop extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Stop() {
      super(null, null, false, false);
    }
  }

  // ------------------------------------------------------------ composing

  private Loaded run() {
    List<Document> documents = new ArrayList<>();
    LoadSettings settings =
        LoadSettings.builder()
            .setLabel(file.displayName())
            .setUseMarks(true)
            .setCodePointLimit(Integer.MAX_VALUE)
            // The whole file in one window: the scanner re-copies its window each time a token
            // outgrows it, which made one long scalar quadratic.
            .setBufferSize(Math.max(1024, file.text().length() + 1))
            .build();
    Deque<Node> stack = new ArrayDeque<>();
    Deque<Optional<String>> pendingAnchors = new ArrayDeque<>();
    Map<String, Node> anchors = new HashMap<>();
    Node root = null;
    try {
      for (Event event : new Parse(settings).parseString(file.text())) {
        switch (event.getEventId()) {
          case DocumentStart -> {
            anchors.clear();
            root = null;
          }
          case DocumentEnd -> {
            if (root != null && !isEmptyScalar(root)) {
              Locations locations = new Locations(firstLine(root));
              JsonNode tree = convert(root, "", 0, locations, null);
              documents.add(new Document(tree, locations));
            }
            root = null;
          }
          case Scalar -> {
            ScalarEvent e = (ScalarEvent) event;
            Node node =
                new Scalar(
                    offset(e.getStartMark()),
                    offset(e.getEndMark()),
                    e.getValue(),
                    e.getTag(),
                    e.isPlain());
            root = attach(stack, node, root);
            anchor(e, node, anchors);
          }
          case Alias -> {
            AliasEvent e = (AliasEvent) event;
            String name = e.getAlias().getValue();
            Node target = anchors.get(name);
            int start = offset(e.getStartMark());
            int end = offset(e.getEndMark());
            if (target == null) {
              fail(
                  Code.CIL0501,
                  new Span(file, start, end),
                  "alias `*" + name + "` names no anchor defined before it",
                  "define `&" + name + "` on a value before this alias, outside that value");
            }
            root = attach(stack, new Alias(start, end, target), root);
          }
          case SequenceStart, MappingStart -> {
            CollectionStartEvent e = (CollectionStartEvent) event;
            int start = offset(e.getStartMark());
            if (stack.size() >= MAX_DEPTH) {
              fail(
                  Code.CIL0501,
                  new Span(file, start, start + 1),
                  "YAML nested deeper than " + MAX_DEPTH + " levels",
                  "a policy needs far fewer; check the file is what you meant to lint");
            }
            Node node =
                event.getEventId() == Event.ID.SequenceStart
                    ? new Sequence(start)
                    : new Mapping(start);
            root = attach(stack, node, root);
            stack.push(node);
            pendingAnchors.push(e.getAnchor().map(a -> a.getValue()));
          }
          case SequenceEnd, MappingEnd -> {
            Node node = stack.pop();
            node.end = Math.max(node.start, offset(event.getEndMark()));
            // Registered only now: an alias inside its own anchor's value is refused as unknown.
            pendingAnchors.pop().ifPresent(a -> anchors.put(a, node));
          }
          default -> {}
        }
      }
    } catch (Stop stop) {
      // Recorded; the documents read so far are kept.
    } catch (MarkedYamlEngineException e) {
      int at = e.getProblemMark().map(this::offset).orElse(0);
      String context = e.getContext() == null ? "" : e.getContext() + ": ";
      diagnostics.add(
          Diagnostic.of(
              Code.CIL0501,
              new Span(file, at, at),
              "invalid YAML: " + context + lowerFirst(e.getProblem()),
              "kubectl would refuse this file too"));
    } catch (ReaderException e) {
      int at = charOffset(e.getPosition());
      diagnostics.add(
          Diagnostic.of(
              Code.CIL0501,
              new Span(file, at, at),
              String.format(
                  Locale.ROOT,
                  "invalid YAML: character U+%04X is not allowed in a YAML file",
                  e.getCodePoint()),
              "is this a text file? YAML allows printable characters, tab and line breaks"));
    } catch (RuntimeException e) {
      diagnostics.add(
          Diagnostic.of(
              Code.CIL0501,
              Span.startOf(file),
              "invalid YAML: "
                  + (e.getMessage() == null
                      ? e.getClass().getSimpleName()
                      : firstLine(e.getMessage()))));
    }
    return new Loaded(documents, diagnostics);
  }

  private static Node attach(Deque<Node> stack, Node node, Node root) {
    Node parent = stack.peek();
    if (parent == null) {
      return node;
    }
    if (parent instanceof Sequence s) {
      s.items.add(node);
    } else {
      Mapping m = (Mapping) parent;
      if (m.keys.size() == m.values.size()) {
        m.keys.add(node);
      } else {
        m.values.add(node);
      }
    }
    return root;
  }

  private static void anchor(NodeEvent event, Node node, Map<String, Node> anchors) {
    event.getAnchor().ifPresent(a -> anchors.put(a.getValue(), node));
  }

  private static boolean isEmptyScalar(Node node) {
    return node instanceof Scalar s && s.plain && s.value.isEmpty();
  }

  // ------------------------------------------------------------ to JSON

  /**
   * The JSON value of {@code node} at {@code pointer}. {@code alias} is the outermost alias being
   * expanded, if any: its values count against {@link #MAX_ALIAS_NODES}.
   */
  private JsonNode convert(Node node, String pointer, int depth, Locations locations, Alias alias) {
    if (depth > 2 * MAX_DEPTH) {
      fail(
          Code.CIL0503,
          span(alias == null ? node : alias),
          "aliases nest values deeper than " + (2 * MAX_DEPTH) + " levels",
          "write the values out instead of nesting aliases");
    }
    if (alias != null && ++aliasNodes > MAX_ALIAS_NODES) {
      fail(
          Code.CIL0503,
          span(alias),
          "aliases expand to more than " + MAX_ALIAS_NODES + " values (a YAML bomb?)",
          "write the values out; a policy needs few aliases, if any");
    }
    if (node instanceof Alias a) {
      return convert(a.target, pointer, depth, locations, alias == null ? a : alias);
    }
    if (node instanceof Scalar s) {
      return scalar(s);
    }
    if (node instanceof Sequence seq) {
      ArrayNode array = JSON.arrayNode();
      for (int i = 0; i < seq.items.size(); i++) {
        String child = pointer + "/" + i;
        Node item = seq.items.get(i);
        locations.put(child, span(alias == null ? item : alias));
        array.add(convert(item, child, depth + 1, locations, alias));
      }
      return array;
    }
    Mapping map = (Mapping) node;
    ObjectNode object = JSON.objectNode();
    Map<String, Node> seen = new LinkedHashMap<>();
    List<Node> merges = new ArrayList<>();
    for (int i = 0; i < map.keys.size(); i++) {
      Node key = map.keys.get(i);
      if (key instanceof Scalar k && k.plain && k.value.equals("<<") && k.tag.isEmpty()) {
        merges.add(map.values.get(i));
      }
    }
    // Merged keys first, so that the mapping's own keys override them (YAML merge key type).
    for (Node merge : merges) {
      mergeInto(object, merge, pointer, depth, locations, alias);
    }
    for (int i = 0; i < map.keys.size(); i++) {
      Node keyNode = map.keys.get(i);
      if (keyNode instanceof Scalar k && k.plain && k.value.equals("<<") && k.tag.isEmpty()) {
        continue;
      }
      String key = key(keyNode);
      Node first = seen.putIfAbsent(key, keyNode);
      if (first != null) {
        if (alias == null) {
          diagnostics.add(
              Diagnostic.of(
                      Code.CIL0502,
                      span(keyNode),
                      "duplicate key `" + key + "` in this mapping",
                      "remove one of them; kubectl refuses a mapping with a key given twice")
                  .withRelated(new Related(span(first), "first given here")));
        }
        continue;
      }
      Node value = map.values.get(i);
      String child = pointer + "/" + Locations.escape(key);
      boolean container = target(value) instanceof Sequence || target(value) instanceof Mapping;
      locations.put(child, span(alias != null ? alias : container ? keyNode : value));
      object.set(key, convert(value, child, depth + 1, locations, alias));
    }
    return object;
  }

  private void mergeInto(
      ObjectNode object, Node merge, String pointer, int depth, Locations locations, Alias alias) {
    Node resolved = target(merge);
    List<Node> sources = new ArrayList<>();
    if (resolved instanceof Mapping) {
      sources.add(merge);
    } else if (resolved instanceof Sequence seq) {
      sources.addAll(seq.items);
    }
    if (sources.isEmpty() || !sources.stream().allMatch(s -> target(s) instanceof Mapping)) {
      fail(
          Code.CIL0501,
          span(merge),
          "a merge key `<<` needs a mapping or a list of mappings",
          "write `<<: *anchor` with an anchor on a mapping");
    }
    for (Node source : sources) {
      // Later sources do not override earlier ones; the mapping's own keys override all.
      Alias via = alias != null ? alias : source instanceof Alias a ? a : null;
      JsonNode merged = convert(source, pointer, depth + 1, locations, via);
      for (var field : merged.properties()) {
        if (!object.has(field.getKey())) {
          object.set(field.getKey(), field.getValue());
        }
      }
    }
  }

  private static Node target(Node node) {
    Node n = node;
    while (n instanceof Alias a) {
      n = a.target;
    }
    return n;
  }

  /** A key as Kubernetes' YAML-to-JSON conversion spells it: the scalar's text. */
  private String key(Node node) {
    Node n = target(node);
    if (n instanceof Scalar s) {
      return s.value;
    }
    fail(
        Code.CIL0501,
        span(node),
        "a mapping key must be a scalar, found a " + (n instanceof Sequence ? "list" : "mapping"),
        "JSON, and so Kubernetes, has only string keys");
    throw new AssertionError();
  }

  /** A scalar under the YAML 1.2 core schema, as Kubernetes reads it. */
  private JsonNode scalar(Scalar s) {
    String tag;
    if (s.tag.isPresent() && !s.tag.get().equals("!")) {
      tag = s.tag.get();
    } else if (s.plain && s.tag.isEmpty()) {
      tag = plainIsText(s.value) ? Tag.STR.getValue() : RESOLVER.resolve(s.value, true).getValue();
    } else {
      tag = Tag.STR.getValue();
    }
    if (tag.equals(Tag.NULL.getValue())) {
      return JSON.nullNode();
    }
    if (tag.equals(Tag.BOOL.getValue())) {
      return JSON.booleanNode(s.value.equalsIgnoreCase("true"));
    }
    if (tag.equals(Tag.INT.getValue())) {
      Optional<BigInteger> value = integer(s.value);
      if (value.isPresent()) {
        BigInteger v = value.get();
        return v.bitLength() < 64 ? JSON.numberNode(v.longValue()) : JSON.numberNode(v);
      }
      return JSON.stringNode(s.value);
    }
    if (tag.equals(Tag.FLOAT.getValue())) {
      String v = s.value.toLowerCase(Locale.ROOT);
      if (v.contains("inf") || v.contains("nan")) {
        fail(
            Code.CIL0501,
            span(s),
            "`" + s.value + "` is not a number JSON can hold",
            "quote it if it is meant as text");
      }
      try {
        return JSON.numberNode(Double.parseDouble(s.value));
      } catch (NumberFormatException e) {
        return JSON.stringNode(s.value);
      }
    }
    return JSON.stringNode(s.value);
  }

  /**
   * Whether a plain scalar is surely a string under the core schema, without the resolver's regular
   * expressions: it starts with a letter and is none of the null and boolean words.
   */
  private static boolean plainIsText(String value) {
    if (value.isEmpty() || !Character.isLetter(value.charAt(0))) {
      return false;
    }
    return switch (value) {
      case "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE" -> false;
      default -> true;
    };
  }

  private static Optional<BigInteger> integer(String text) {
    String t = text;
    boolean negative = false;
    if (t.startsWith("-") || t.startsWith("+")) {
      negative = t.startsWith("-");
      t = t.substring(1);
    }
    try {
      BigInteger v;
      if (t.startsWith("0x")) {
        v = new BigInteger(t.substring(2), 16);
      } else if (t.startsWith("0o")) {
        v = new BigInteger(t.substring(2), 8);
      } else {
        v = new BigInteger(t);
      }
      return Optional.of(negative ? v.negate() : v);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  // ------------------------------------------------------------ positions

  /** Records the diagnostic and stops reading the file. */
  private void fail(Code code, Span span, String message, String hint) {
    diagnostics.add(Diagnostic.of(code, span, message, hint));
    throw new Stop();
  }

  private Span span(Node node) {
    return new Span(file, node.start, Math.max(node.start, node.end));
  }

  /** The node's span cut at the end of its first line, for whole-document problems. */
  private Span firstLine(Node node) {
    int end = Math.min(Math.max(node.start, node.end), file.lineEnd(file.line(node.start)));
    return new Span(file, node.start, Math.max(node.start, end));
  }

  private int offset(Optional<Mark> mark) {
    return mark.map(this::offset).orElse(0);
  }

  private int offset(Mark mark) {
    return charOffset(mark.getIndex());
  }

  /** The char offset of a code-point index: marks count code points, strings count chars. */
  private int charOffset(int codePointIndex) {
    int before = Arrays.binarySearch(supplementary, codePointIndex);
    int count = before >= 0 ? before : -before - 1;
    return Math.min(file.text().length(), Math.max(0, codePointIndex + count));
  }

  /** Code-point indexes of the characters outside the BMP (two chars each), ascending. */
  private static int[] supplementaryIndexes(String text) {
    int[] found = new int[0];
    int n = 0;
    int cp = 0;
    for (int i = 0; i < text.length(); cp++) {
      int c = text.codePointAt(i);
      if (Character.charCount(c) == 2) {
        if (n == found.length) {
          found = Arrays.copyOf(found, Math.max(8, n * 2));
        }
        found[n++] = cp;
      }
      i += Character.charCount(c);
    }
    return Arrays.copyOf(found, n);
  }

  private static String lowerFirst(String text) {
    if (text == null || text.isEmpty()) {
      return "unreadable input";
    }
    String line = firstLine(text);
    return Character.toLowerCase(line.charAt(0)) + line.substring(1);
  }

  private static String firstLine(String text) {
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
