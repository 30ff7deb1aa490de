package dev.cilia.cilium.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cilia.cilium.GoldenDocuments;
import dev.cilia.cilium.Target;
import dev.cilia.cilium.model.CiliumPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The plain schema check ({@link SchemaCheck}) against the schema library it stands in for: both
 * say the same of golden documents and of documents mutated at random, for every target.
 */
class SchemaCheckProperties {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final List<JsonNode> GOLDEN =
      GoldenDocuments.policies().stream().map(GoldenDocuments.Golden::tree).toList();

  /** Values a mutation puts in place of another: each breaks some keyword of the schemas. */
  private static final List<JsonNode> VALUES =
      List.of(
          NODES.stringNode(""),
          NODES.stringNode("TCP"),
          NODES.stringNode("tcp"),
          NODES.stringNode("ANY"),
          NODES.stringNode("80"),
          NODES.stringNode("65536"),
          NODES.stringNode("http"),
          NODES.stringNode("80-90"),
          NODES.stringNode("*.example.com"),
          NODES.stringNode("**.example.com"),
          NODES.stringNode("example.com\n"),
          NODES.stringNode("10.0.0.0/8"),
          NODES.stringNode("10.0.0.0/33"),
          NODES.stringNode("2001:db8::/32"),
          NODES.stringNode("k8s:app"),
          NODES.stringNode("bad key!"),
          NODES.stringNode("world"),
          NODES.stringNode("In"),
          NODES.stringNode("GET"),
          NODES.stringNode("é"),
          NODES.stringNode("x".repeat(64)),
          NODES.stringNode("y".repeat(300)),
          NODES.numberNode(80),
          NODES.numberNode(0),
          NODES.numberNode(-1),
          NODES.numberNode(70000),
          NODES.booleanNode(true),
          NODES.objectNode(),
          NODES.arrayNode(),
          NODES.nullNode());

  /** Field names a mutation adds or renames to: known ones in the wrong place, and unknown ones. */
  private static final List<String> NAMES =
      List.of(
          "port",
          "endPort",
          "protocol",
          "ports",
          "toPorts",
          "toFQDNs",
          "matchName",
          "matchPattern",
          "matchLabels",
          "matchExpressions",
          "toEndpoints",
          "toEntities",
          "toCIDR",
          "toCIDRSet",
          "cidr",
          "except",
          "rules",
          "dns",
          "http",
          "enableDefaultDeny",
          "egress",
          "nodeSelector",
          "endpointSelector",
          "x-unknown",
          "k8s:app",
          "bad key!");

  @Example
  void everyShippedSchemaHasAPlainCheck() {
    for (Target target : Target.all()) {
      for (String kind : List.of(CiliumPolicy.KIND_NAMESPACED, CiliumPolicy.KIND_CLUSTERWIDE)) {
        assertTrue(SchemaValidator.check(target, kind).isPresent(), target + " " + kind);
      }
    }
  }

  @Example
  void schemaFilesAreReadAsTheMapperReadsThem() throws IOException {
    JsonMapper mapper = JsonMapper.builder().build();
    int files = 0;
    try (Stream<Path> walk = Files.walk(Path.of("schemas"))) {
      for (Path file : walk.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        try (InputStream in = Files.newInputStream(file)) {
          assertEquals(
              mapper.readTree(file.toFile()), SchemaValidator.readJson(in), file::toString);
        }
        files++;
      }
    }
    assertEquals(2 * Target.all().size(), files);
  }

  @Example
  void everyGoldenDocumentIsJudgedAsTheLibraryJudgesIt() {
    assertTrue(GOLDEN.size() > 20, "golden documents: " + GOLDEN.size());
    int answered = 0;
    for (JsonNode doc : GOLDEN) {
      for (Target target : Target.all()) {
        if (agree(target, doc).isPresent()) {
          answered++;
        }
      }
    }
    assertEquals(GOLDEN.size() * Target.all().size(), answered);
  }

  /**
   * Random changes to golden documents: the plain check, when it answers, answers as the library.
   */
  @Property(tries = 1000)
  void mutatedDocumentsAreJudgedAsTheLibraryJudgesThem(@ForAll long seed) {
    Random random = new Random(seed);
    JsonNode doc = GOLDEN.get(random.nextInt(GOLDEN.size())).deepCopy();
    int mutations = 1 + random.nextInt(3);
    for (int i = 0; i < mutations; i++) {
      mutate(doc, random);
    }
    Target target = Target.all().get(random.nextInt(Target.all().size()));
    Optional<Boolean> answer = agree(target, doc);
    Statistics.collect(answer.map(valid -> valid ? "valid" : "invalid").orElse("library"));
  }

  /**
   * The plain answer for {@code doc}, checked against the library's when there is one; the
   * validator's own answer always agrees with the library's.
   */
  private static Optional<Boolean> agree(Target target, JsonNode doc) {
    boolean library = SchemaValidator.violations(target, doc, false).isEmpty();
    assertEquals(library, SchemaValidator.violations(target, doc).isEmpty(), doc::toString);
    String kind = doc.path("kind").asString();
    if (!kind.equals(CiliumPolicy.KIND_NAMESPACED) && !kind.equals(CiliumPolicy.KIND_CLUSTERWIDE)) {
      return Optional.empty();
    }
    Optional<Boolean> plain = SchemaValidator.check(target, kind).orElseThrow().valid(doc);
    plain.ifPresent(valid -> assertEquals(library, valid, () -> target + " " + doc));
    return plain;
  }

  /** One change at a random container of {@code doc}: remove, add, replace, rename or repeat. */
  private static void mutate(JsonNode doc, Random random) {
    List<JsonNode> containers = new ArrayList<>();
    collect(doc, containers);
    JsonNode at = containers.get(random.nextInt(containers.size()));
    JsonNode value = VALUES.get(random.nextInt(VALUES.size()));
    if (at instanceof ObjectNode object) {
      List<String> names = new ArrayList<>(object.propertyNames());
      String name = names.isEmpty() ? null : names.get(random.nextInt(names.size()));
      switch (names.isEmpty() ? 1 : random.nextInt(4)) {
        case 0 -> object.remove(name);
        case 1 -> object.set(NAMES.get(random.nextInt(NAMES.size())), value);
        case 2 -> object.set(name, value);
        default -> {
          JsonNode moved = object.remove(name);
          object.set(NAMES.get(random.nextInt(NAMES.size())), moved);
        }
      }
    } else if (at instanceof ArrayNode array) {
      switch (array.isEmpty() ? 1 : random.nextInt(4)) {
        case 0 -> array.remove(random.nextInt(array.size()));
        case 1 -> array.add(value);
        case 2 -> array.set(random.nextInt(array.size()), value);
        default -> array.add(array.get(random.nextInt(array.size())).deepCopy());
      }
    }
  }

  private static void collect(JsonNode node, List<JsonNode> containers) {
    if (node.isContainer()) {
      containers.add(node);
      if (node.isObject()) {
        for (Map.Entry<String, JsonNode> e : node.properties()) {
          collect(e.getValue(), containers);
        }
      } else {
        for (JsonNode item : node) {
          collect(item, containers);
        }
      }
    }
  }
}
