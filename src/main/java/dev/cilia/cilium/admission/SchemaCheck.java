package dev.cilia.cilium.admission;

import com.networknt.schema.regex.RegularExpressions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Whether a document is valid under one of Cilia's JSON Schemas, answered by plain code: the
 * keywords that {@code schemas/} uses (draft 2020-12: {@code type}, {@code $ref} into the same
 * file, {@code properties}, {@code additionalProperties}, {@code required}, {@code
 * dependentRequired}, {@code propertyNames}, {@code items}, {@code minItems}, {@code maxItems},
 * {@code uniqueItems}, {@code pattern}, {@code minLength}, {@code maxLength}, {@code enum} and
 * {@code const} of strings, {@code minimum}, {@code maximum}, {@code oneOf}, {@code anyOf}), with
 * the schema library's semantics (patterns as its JDK engine reads them, lengths in code points).
 * It only answers valid or invalid; {@link SchemaValidator} asks the library for the messages of an
 * invalid document. Building the library's validators costs a one-file {@code check} about 70 ms
 * (docs/performance.md); this check, compiled and run once, takes a few milliseconds.
 *
 * <p>A schema with a keyword not listed gives no check ({@link #compile} is empty), and a document
 * with a value it cannot judge exactly (a fractional number, a node kind the YAML reader does not
 * make) gives no answer ({@link #valid} is empty): then the library decides. {@code
 * SchemaCheckProperties} compares both answers on golden, generated and mutated documents.
 */
final class SchemaCheck {
  /** Keywords that only annotate. */
  private static final Set<String> ANNOTATIONS =
      Set.of("$schema", "$id", "$comment", "$defs", "title", "description", "default", "examples");

  private static final int OBJECT = 1;
  private static final int ARRAY = 2;
  private static final int STRING = 4;
  private static final int INTEGER = 8;
  private static final int NUMBER = 16;
  private static final int BOOLEAN = 32;
  private static final int NULL = 64;
  private static final Map<String, Integer> TYPES =
      Map.of(
          "object", OBJECT,
          "array", ARRAY,
          "string", STRING,
          "integer", INTEGER,
          "number", NUMBER | INTEGER,
          "boolean", BOOLEAN,
          "null", NULL);

  /** Thrown where the check cannot answer exactly; never leaves this class. */
  private static final class Unknown extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unknown() {
      super(null, null, false, false);
    }
  }

  private static final Unknown UNKNOWN = new Unknown();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** One schema object (or {@code true}/{@code false}), compiled. */
  private static final class Node {
    boolean never;
    int types = -1;
    Node ref;
    Map<String, Node> properties;
    boolean closed;
    Node additional;
    List<String> required;
    Map<String, List<String>> dependentRequired;
    Node propertyNames;
    Node items;
    int minItems = -1;
    int maxItems = -1;
    boolean uniqueItems;
    Pattern pattern;
    int minLength = -1;
    int maxLength = -1;
    Set<String> enumValues;
    String constValue;
    Long minimum;
    Long maximum;
    List<Node> oneOf;
    List<Node> anyOf;
  }

  private final Node root;

  private SchemaCheck(Node root) {
    this.root = root;
  }

  /** The check of {@code schema}, or empty when it uses a keyword this check does not know. */
  static Optional<SchemaCheck> compile(JsonNode schema) {
    try {
      return Optional.of(new SchemaCheck(new Compiler(schema).node(schema)));
    } catch (Unknown e) {
      return Optional.empty();
    }
  }

  /** Whether {@code document} is valid, or empty when the schema library must decide. */
  Optional<Boolean> valid(JsonNode document) {
    try {
      return Optional.of(valid(root, document));
    } catch (Unknown e) {
      return Optional.empty();
    }
  }

  private static boolean valid(Node s, JsonNode v) {
    if (s.never) {
      return false;
    }
    if (s.ref != null && !valid(s.ref, v)) {
      return false;
    }
    if (s.types != -1 && (s.types & type(v)) == 0) {
      return false;
    }
    if (v.isObject() && !validObject(s, v)) {
      return false;
    }
    if (v.isArray() && !validArray(s, v)) {
      return false;
    }
    if (v.isString() && !validString(s, v.stringValue())) {
      return false;
    }
    if (v.isNumber() && (s.minimum != null || s.maximum != null)) {
      if (!v.isInt() && !v.isLong()) {
        throw UNKNOWN;
      }
      long n = v.longValue();
      if ((s.minimum != null && n < s.minimum) || (s.maximum != null && n > s.maximum)) {
        return false;
      }
    }
    if (s.enumValues != null && !(v.isString() && s.enumValues.contains(v.stringValue()))) {
      return false;
    }
    if (s.constValue != null && !(v.isString() && s.constValue.equals(v.stringValue()))) {
      return false;
    }
    if (s.anyOf != null && s.anyOf.stream().noneMatch(branch -> valid(branch, v))) {
      return false;
    }
    if (s.oneOf != null) {
      int passing = 0;
      for (Node branch : s.oneOf) {
        if (valid(branch, v)) {
          passing++;
        }
      }
      if (passing != 1) {
        return false;
      }
    }
    return true;
  }

  /** The type bits of a node; {@link Unknown} for one the check cannot judge exactly. */
  private static int type(JsonNode v) {
    if (v.isObject()) {
      return OBJECT;
    }
    if (v.isArray()) {
      return ARRAY;
    }
    if (v.isString()) {
      return STRING;
    }
    if (v.isBoolean()) {
      return BOOLEAN;
    }
    if (v.isNull()) {
      return NULL;
    }
    if (v.isInt() || v.isLong()) {
      return INTEGER;
    }
    throw UNKNOWN;
  }

  private static boolean validObject(Node s, JsonNode v) {
    if (s.required != null) {
      for (String name : s.required) {
        if (!v.has(name)) {
          return false;
        }
      }
    }
    if (s.dependentRequired != null) {
      for (Map.Entry<String, List<String>> e : s.dependentRequired.entrySet()) {
        if (v.has(e.getKey())) {
          for (String name : e.getValue()) {
            if (!v.has(name)) {
              return false;
            }
          }
        }
      }
    }
    for (Map.Entry<String, JsonNode> field : v.properties()) {
      String name = field.getKey();
      if (s.propertyNames != null && !valid(s.propertyNames, NODES.stringNode(name))) {
        return false;
      }
      Node property = s.properties == null ? null : s.properties.get(name);
      if (property != null) {
        if (!valid(property, field.getValue())) {
          return false;
        }
      } else if (s.closed) {
        return false;
      } else if (s.additional != null && !valid(s.additional, field.getValue())) {
        return false;
      }
    }
    return true;
  }

  /** The string keywords of one schema object: lengths in code points, the pattern found. */
  private static boolean validString(Node s, String value) {
    if (s.minLength >= 0 || s.maxLength >= 0) {
      int length = value.codePointCount(0, value.length());
      if ((s.minLength >= 0 && length < s.minLength)
          || (s.maxLength >= 0 && length > s.maxLength)) {
        return false;
      }
    }
    return s.pattern == null || s.pattern.matcher(value).find();
  }

  private static boolean validArray(Node s, JsonNode v) {
    int size = v.size();
    if ((s.minItems >= 0 && size < s.minItems) || (s.maxItems >= 0 && size > s.maxItems)) {
      return false;
    }
    if (s.items != null) {
      for (JsonNode item : v) {
        if (!valid(s.items, item)) {
          return false;
        }
      }
    }
    if (s.uniqueItems) {
      Set<JsonNode> seen = new HashSet<>();
      for (JsonNode item : v) {
        if (!item.isString() && !item.isObject()) {
          throw UNKNOWN;
        }
        if (!seen.add(item)) {
          return false;
        }
      }
    }
    return true;
  }

  /** Compiles schema objects once each, {@code $ref} targets included (cycles allowed). */
  private static final class Compiler {
    private final JsonNode document;
    private final Map<JsonNode, Node> compiled = new IdentityHashMap<>();
    private final Map<String, Pattern> patterns = new HashMap<>();

    Compiler(JsonNode document) {
      this.document = document;
    }

    Node node(JsonNode schema) {
      Node known = compiled.get(schema);
      if (known != null) {
        return known;
      }
      Node s = new Node();
      compiled.put(schema, s);
      if (schema.isBoolean()) {
        s.never = !schema.booleanValue();
        return s;
      }
      if (!schema.isObject()) {
        throw UNKNOWN;
      }
      for (Map.Entry<String, JsonNode> e : schema.properties()) {
        keyword(s, e.getKey(), e.getValue());
      }
      return s;
    }

    private void keyword(Node s, String keyword, JsonNode value) {
      switch (keyword) {
        case "type" -> s.types = types(value);
        case "$ref" -> s.ref = node(target(value));
        case "properties" -> {
          s.properties = new LinkedHashMap<>();
          for (Map.Entry<String, JsonNode> p : fields(value)) {
            s.properties.put(p.getKey(), node(p.getValue()));
          }
        }
        case "additionalProperties" -> {
          if (value.isBoolean()) {
            s.closed = !value.booleanValue();
          } else {
            s.additional = node(value);
          }
        }
        case "required" -> s.required = strings(value);
        case "dependentRequired" -> {
          s.dependentRequired = new LinkedHashMap<>();
          for (Map.Entry<String, JsonNode> p : fields(value)) {
            s.dependentRequired.put(p.getKey(), strings(p.getValue()));
          }
        }
        case "propertyNames" -> s.propertyNames = node(value);
        case "items" -> s.items = node(value);
        case "minItems" -> s.minItems = count(value);
        case "maxItems" -> s.maxItems = count(value);
        case "uniqueItems" -> s.uniqueItems = bool(value);
        case "pattern" -> s.pattern = pattern(value);
        case "minLength" -> s.minLength = count(value);
        case "maxLength" -> s.maxLength = count(value);
        case "enum" -> s.enumValues = Set.copyOf(strings(value));
        case "const" -> s.constValue = string(value);
        case "minimum" -> s.minimum = integer(value);
        case "maximum" -> s.maximum = integer(value);
        case "oneOf" -> s.oneOf = nodes(value);
        case "anyOf" -> s.anyOf = nodes(value);
        default -> {
          if (!ANNOTATIONS.contains(keyword)) {
            throw UNKNOWN;
          }
        }
      }
    }

    /** The node a {@code $ref} names: a JSON pointer into the same document. */
    private JsonNode target(JsonNode ref) {
      String text = string(ref);
      if (!text.startsWith("#/")) {
        throw UNKNOWN;
      }
      JsonNode target = document.at(text.substring(1));
      if (target.isMissingNode()) {
        throw UNKNOWN;
      }
      return target;
    }

    private static int types(JsonNode value) {
      int bits = 0;
      for (String name : value.isArray() ? strings(value) : List.of(string(value))) {
        Integer type = TYPES.get(name);
        if (type == null) {
          throw UNKNOWN;
        }
        bits |= type;
      }
      return bits;
    }

    private Pattern pattern(JsonNode value) {
      String regex = string(value);
      return patterns.computeIfAbsent(
          regex,
          r ->
              Pattern.compile(
                  RegularExpressions.replaceLongformCharacterProperties(
                      RegularExpressions.replaceDollarAnchors(r))));
    }

    private List<Node> nodes(JsonNode value) {
      if (!value.isArray() || value.isEmpty()) {
        throw UNKNOWN;
      }
      List<Node> nodes = new ArrayList<>();
      for (JsonNode each : value) {
        nodes.add(node(each));
      }
      return List.copyOf(nodes);
    }

    private static Iterable<Map.Entry<String, JsonNode>> fields(JsonNode value) {
      if (!value.isObject()) {
        throw UNKNOWN;
      }
      return value.properties();
    }

    private static List<String> strings(JsonNode value) {
      if (!value.isArray()) {
        throw UNKNOWN;
      }
      List<String> items = new ArrayList<>();
      for (JsonNode each : value) {
        items.add(string(each));
      }
      return List.copyOf(items);
    }

    private static String string(JsonNode value) {
      if (!value.isString()) {
        throw UNKNOWN;
      }
      return value.stringValue();
    }

    private static boolean bool(JsonNode value) {
      if (!value.isBoolean()) {
        throw UNKNOWN;
      }
      return value.booleanValue();
    }

    private static int count(JsonNode value) {
      if (!value.isInt() || value.intValue() < 0) {
        throw UNKNOWN;
      }
      return value.intValue();
    }

    private static long integer(JsonNode value) {
      if (!value.isInt() && !value.isLong()) {
        throw UNKNOWN;
      }
      return value.longValue();
    }
  }
}
