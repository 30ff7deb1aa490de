package dev.cilia.cilium.admission;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import com.networknt.schema.path.PathType;
import dev.cilia.cilium.PolicyYaml;
import dev.cilia.cilium.Target;
import dev.cilia.cilium.model.CiliumPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks a CNP or CCNP document against Cilia's schema for a target ({@code schemas/}, see
 * docs/schemas.md). Each schema is compiled once and shared; safe to call from many threads. A
 * valid document is recognised by {@link SchemaCheck}; the schema library gives the messages of an
 * invalid one.
 */
public final class SchemaValidator {
  private static final Map<String, String> FILES =
      Map.of(
          CiliumPolicy.KIND_NAMESPACED, "ciliumnetworkpolicy.json",
          CiliumPolicy.KIND_CLUSTERWIDE, "ciliumclusterwidenetworkpolicy.json");
  private static final ConcurrentMap<String, Compiled> CACHE = new ConcurrentHashMap<>();

  /**
   * The schema library, built on first use: for the messages of an invalid document, and for a
   * document or schema that {@link SchemaCheck} cannot judge. A valid document never builds it.
   */
  private static final class Library {
    private Library() {}

    static final SchemaRegistry REGISTRY =
        SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder ->
                builder.schemaRegistryConfig(
                    SchemaRegistryConfig.builder()
                        .pathType(PathType.JSON_POINTER)
                        .locale(Locale.ROOT)
                        .build()));
  }

  private SchemaValidator() {}

  /**
   * A schema's source tree, which holds the descriptions used in messages, its plain check, and the
   * library's validators once they are needed.
   */
  private static final class Compiled {
    final JsonNode tree;
    final Optional<SchemaCheck> check;
    private volatile Schema schema;

    Compiled(JsonNode tree) {
      this.tree = tree;
      this.check = SchemaCheck.compile(tree);
    }

    /** Whether {@code document} is valid, decided without the library. */
    boolean surelyValid(JsonNode document) {
      return check.flatMap(c -> c.valid(document)).orElse(false);
    }

    Schema schema() {
      Schema s = schema;
      if (s == null) {
        synchronized (this) {
          s = schema;
          if (s == null) {
            s = Library.REGISTRY.getSchema(tree);
            // Build every validator now so later concurrent calls only read.
            s.initializeValidators();
            schema = s;
          }
        }
      }
      return s;
    }

    JsonNode tree() {
      return tree;
    }
  }

  /** {@link #validate(Target, JsonNode)} on the tree of {@code policy} as it would be written. */
  public static List<String> validate(Target target, CiliumPolicy policy) {
    return validate(target, PolicyYaml.toTree(policy));
  }

  /**
   * Problems of {@code document} under the schema of its {@code kind} for {@code target}, each
   * "JSON pointer: message", in a stable order; empty when the document is valid.
   */
  public static List<String> validate(Target target, JsonNode document) {
    return violations(target, document).stream()
        .map(v -> v.pointer() + ": " + v.message())
        .toList();
  }

  /**
   * Problems of {@code document} under the schema of its {@code kind} for {@code target}, typed
   * ({@link Violation.Check#SCHEMA}, the JSON Schema keyword as code), in a stable order; empty
   * when the document is valid.
   */
  static List<Violation> violations(Target target, JsonNode document) {
    return violations(target, document, true);
  }

  /**
   * {@link #violations(Target, JsonNode)}, with {@code plain} false asking the schema library even
   * when {@link SchemaCheck} can answer: the reference for that check.
   */
  static List<Violation> violations(Target target, JsonNode document, boolean plain) {
    if (!document.isObject()) {
      return List.of(
          Violation.schema("type", "", "expected a policy object, found " + found(document)));
    }
    JsonNode kindNode = document.get("kind");
    String file =
        kindNode != null && kindNode.isString() ? FILES.get(kindNode.stringValue()) : null;
    if (file == null) {
      return List.of(
          Violation.schema(
              "kind",
              "/kind",
              "expected "
                  + CiliumPolicy.KIND_NAMESPACED
                  + " or "
                  + CiliumPolicy.KIND_CLUSTERWIDE
                  + ", found "
                  + (kindNode == null ? "none" : found(kindNode))));
    }
    String kind = kindNode.stringValue();
    Compiled compiled =
        CACHE.computeIfAbsent(target.version() + "/" + file, SchemaValidator::compile);
    if (plain && compiled.surelyValid(document)) {
      return List.of();
    }
    // Keyed by what is printed: two keywords may say the same thing at the same place.
    Map<String, Violation> violations = new LinkedHashMap<>();
    for (Error error : compiled.schema().validate(document)) {
      NodePath location = error.getSchemaLocation().getFragment();
      int branch = branchKeyword(location);
      if (branch < 0) {
        add(violations, message(error, compiled.tree(), kind, target));
      } else if ("anyOf".equals(location.getElement(branch))) {
        // The library reports a failed anyOf only through its branches: one message for all.
        JsonNode branches = node(compiled.tree(), location, branch + 1);
        add(
            violations,
            Violation.schema(
                "anyOf",
                path(pointer(error.getInstanceLocation())),
                "must have at least one of " + quoted(branchFields(branches))));
      }
    }
    return List.copyOf(violations.values());
  }

  private static void add(Map<String, Violation> violations, Violation v) {
    violations.putIfAbsent(v.pointer() + ": " + v.message(), v);
  }

  /** A schema violation of {@code error}'s keyword at the pointer {@code at}. */
  private static Violation problem(Error error, String at, String message) {
    return Violation.schema(error.getKeyword(), path(at), message);
  }

  /** The violation path of a pointer: {@code ""} for the whole document. */
  private static String path(String pointer) {
    return pointer.equals("/") ? "" : pointer;
  }

  /** The plain check of the schema for {@code kind} and {@code target}, when it has one. */
  static Optional<SchemaCheck> check(Target target, String kind) {
    return CACHE.computeIfAbsent(target.version() + "/" + FILES.get(kind), SchemaValidator::compile)
        .check;
  }

  private static Compiled compile(String relativePath) {
    String resource = "/dev/cilia/schemas/" + relativePath;
    try (InputStream in = SchemaValidator.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("schema resource missing: " + resource);
      }
      return new Compiled(readJson(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A JSON text as a tree, from Jackson's streaming parser: the tree that a {@code JsonMapper}
   * reads, without building a mapper (about 40 ms of start-up).
   */
  static JsonNode readJson(InputStream in) {
    try (JsonParser parser = new JsonFactory().createParser(ObjectReadContext.empty(), in)) {
      JsonNode tree = value(parser, parser.nextToken());
      if (parser.nextToken() != null) {
        throw new IllegalStateException("schema resource holds more than one value");
      }
      return tree;
    }
  }

  private static JsonNode value(JsonParser parser, JsonToken token) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    switch (token) {
      case START_OBJECT:
        {
          ObjectNode object = nodes.objectNode();
          for (JsonToken t = parser.nextToken();
              t != JsonToken.END_OBJECT;
              t = parser.nextToken()) {
            String name = parser.currentName();
            object.set(name, value(parser, parser.nextToken()));
          }
          return object;
        }
      case START_ARRAY:
        {
          ArrayNode array = nodes.arrayNode();
          for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
            array.add(value(parser, t));
          }
          return array;
        }
      case VALUE_STRING:
        return nodes.stringNode(parser.getString());
      case VALUE_NUMBER_INT:
        return switch (parser.getNumberType()) {
          case INT -> nodes.numberNode(parser.getIntValue());
          case LONG -> nodes.numberNode(parser.getLongValue());
          default -> nodes.numberNode(parser.getBigIntegerValue());
        };
      case VALUE_NUMBER_FLOAT:
        return nodes.numberNode(parser.getDoubleValue());
      case VALUE_TRUE:
        return nodes.booleanNode(true);
      case VALUE_FALSE:
        return nodes.booleanNode(false);
      case VALUE_NULL:
        return nodes.nullNode();
      default:
        throw new IllegalStateException("unexpected JSON token " + token);
    }
  }

  /**
   * Where a oneOf/anyOf keyword sits in {@code location} when the error comes from inside one of
   * its branches, else -1. Our schemas use those keywords only to say which fields must be present,
   * and a failed oneOf is reported once by the library itself.
   */
  private static int branchKeyword(NodePath location) {
    for (int i = 0; i + 1 < location.getNameCount(); i++) {
      Object element = location.getElement(i);
      boolean keyword = "oneOf".equals(element) || "anyOf".equals(element);
      boolean propertyName = i > 0 && "properties".equals(location.getElement(i - 1));
      if (keyword && !propertyName) {
        return i;
      }
    }
    return -1;
  }

  private static Violation message(Error error, JsonNode tree, String kind, Target target) {
    String at = pointer(error.getInstanceLocation());
    JsonNode instance = error.getInstanceNode();
    JsonNode keywordValue = error.getSchemaNode();
    switch (error.getKeyword()) {
      case "additionalProperties":
        return problem(
            error,
            (at.equals("/") ? "" : at) + "/" + escape(error.getProperty()),
            "field not allowed in a " + kind + " for Cilium " + target.version());
      case "required":
        return problem(error, at, "missing required field `" + error.getProperty() + "`");
      case "dependentRequired":
        return problem(
            error,
            at,
            "field `" + error.getArguments()[1] + "` needs `" + error.getArguments()[0] + "`");
      case "oneOf":
        {
          List<String> names = branchFields(keywordValue);
          List<String> present = names.stream().filter(instance::has).toList();
          return problem(
              error,
              at,
              "must have exactly one of "
                  + quoted(names)
                  + ", found "
                  + (present.isEmpty() ? "none" : quoted(present)));
        }
      case "const":
        return problem(error, at, "must be " + keywordValue + ", found " + found(instance));
      case "enum":
        {
          List<String> values = new ArrayList<>();
          keywordValue.forEach(value -> values.add(value.toString()));
          return problem(
              error,
              at,
              "must be one of " + String.join(", ", values) + ", found " + found(instance));
        }
      case "type":
        {
          List<String> types = new ArrayList<>();
          if (keywordValue.isArray()) {
            keywordValue.forEach(type -> types.add(type.stringValue()));
          } else {
            types.add(keywordValue.stringValue());
          }
          return problem(
              error,
              at,
              "must be of type " + String.join(" or ", types) + ", found " + found(instance));
        }
      case "propertyNames":
        {
          JsonNode description = keywordValue.get("description");
          if (description != null && description.isString()) {
            return problem(
                error,
                at,
                "key "
                    + JsonNodeFactory.instance.stringNode(error.getProperty())
                    + " must be "
                    + description.stringValue());
          }
          return problem(error, at, String.valueOf(error.getMessage()));
        }
      case "pattern":
        {
          NodePath location = error.getSchemaLocation().getFragment();
          JsonNode owner = node(tree, location, location.getNameCount() - 1);
          JsonNode description = owner == null ? null : owner.get("description");
          if (description != null && description.isString()) {
            return problem(
                error, at, "must be " + description.stringValue() + ", found " + found(instance));
          }
          return problem(error, at, String.valueOf(error.getMessage()));
        }
      default:
        return problem(error, at, String.valueOf(error.getMessage()));
    }
  }

  /** A short rendering of a value for "found …". */
  private static String found(JsonNode value) {
    if (value == null || value.isMissingNode()) {
      return "nothing";
    }
    if (value.isObject()) {
      return "an object";
    }
    if (value.isArray()) {
      return "an array";
    }
    String text = value.toString();
    return text.length() <= 80 ? text : text.substring(0, 77) + "...";
  }

  /** The node at the first {@code length} elements of {@code location} in {@code tree}. */
  private static JsonNode node(JsonNode tree, NodePath location, int length) {
    JsonNode node = tree;
    for (int i = 0; i < length && node != null; i++) {
      String element = location.getElement(i).toString();
      node =
          node.isArray() && element.chars().allMatch(Character::isDigit)
              ? node.get(Integer.parseInt(element))
              : node.get(element);
    }
    return node;
  }

  private static List<String> branchFields(JsonNode branches) {
    List<String> names = new ArrayList<>();
    if (branches != null) {
      for (JsonNode branch : branches) {
        for (JsonNode name : branch.path("required")) {
          names.add(name.stringValue());
        }
      }
    }
    return names;
  }

  private static String quoted(List<String> names) {
    return names.stream().map(n -> "`" + n + "`").collect(Collectors.joining(", "));
  }

  private static String pointer(NodePath path) {
    String text = path.toString();
    return text.isEmpty() ? "/" : text;
  }

  private static String escape(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }
}
