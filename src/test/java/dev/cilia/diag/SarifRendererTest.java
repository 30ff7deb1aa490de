package dev.cilia.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import dev.cilia.source.SourceFile;
import dev.cilia.source.Span;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class SarifRendererTest {
  private static final SarifRenderer RENDERER = new SarifRenderer("0.1.0");
  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static Schema sarifSchema;

  @BeforeAll
  static void loadSchema() throws IOException {
    SchemaRegistryConfig config =
        SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build();
    SchemaRegistry registry =
        SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_7, builder -> builder.schemaRegistryConfig(config));
    try (InputStream in =
        SarifRendererTest.class.getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
      sarifSchema = registry.getSchema(in, InputFormat.JSON);
    }
  }

  private static List<Error> problems(String sarif) {
    return sarifSchema.validate(sarif, InputFormat.JSON);
  }

  private static void assertValid(String sarif) {
    List<Error> errors = problems(sarif);
    assertTrue(errors.isEmpty(), () -> errors + "\n" + sarif);
  }

  private static List<Diagnostic> awkward() {
    SourceFile spaced = SourceFile.of("my policies/ünïcode:1.cilia", "peer \"🚀\" é\n");
    SourceFile absolute = SourceFile.of("/srv/cilia/a b.cilia", "policy p {\n  allow any\n}\n");
    SourceFile windows = SourceFile.of("C:\\work\\w.cilia", "x\n");
    SourceFile empty = SourceFile.of("empty.cilia", "");
    int e = spaced.text().indexOf('é');
    return List.of(
        Diagnostic.of(Code.CIL0104, new Span(spaced, e, e), "expected a name"),
        Diagnostic.of(
                Code.CIL0308,
                new Span(absolute, 0, absolute.text().length()),
                "policy `p` does nothing")
            .withRelated(new Related(Span.startOf(absolute), "same place"))
            .withRelated(new Related(Span.startOf(absolute), "same place")),
        Diagnostic.of(Code.CIL0901, Span.startOf(windows), "internal compiler error", "report it"),
        Diagnostic.of(Code.CIL0104, Span.startOf(empty), "expected a policy, found end of file"));
  }

  @Test
  void outputIsValidAgainstTheSarifSchema() {
    assertValid(RENDERER.render(Samples.mixed()));
    assertValid(RENDERER.render(List.of(Samples.ftp())));
    assertValid(RENDERER.render(awkward()));
    assertValid(RENDERER.render(List.of()));
  }

  @Test
  void theSchemaCheckCatchesAnInvalidLog() {
    ObjectNode log = (ObjectNode) MAPPER.readTree(RENDERER.render(Samples.mixed()));
    ObjectNode result = (ObjectNode) log.get("runs").get(0).get("results").get(0);
    result.put("level", "fatal");
    assertFalse(problems(MAPPER.writeValueAsString(log)).isEmpty());

    ObjectNode bad = (ObjectNode) MAPPER.readTree(RENDERER.render(Samples.mixed()));
    ((ObjectNode)
            bad.get("runs")
                .get(0)
                .get("results")
                .get(0)
                .get("locations")
                .get(0)
                .get("physicalLocation")
                .get("artifactLocation"))
        .put("uri", "my file.cilia");
    assertFalse(problems(MAPPER.writeValueAsString(bad)).isEmpty(), "format checks are on");
  }

  @Test
  void logHeaderAndDriver() {
    JsonNode log = MAPPER.readTree(RENDERER.render(Samples.mixed()));
    assertEquals("https://json.schemastore.org/sarif-2.1.0.json", log.get("$schema").asString());
    assertEquals("2.1.0", log.get("version").asString());
    assertEquals(1, log.get("runs").size());
    JsonNode run = log.get("runs").get(0);
    assertEquals("unicodeCodePoints", run.get("columnKind").asString());
    JsonNode driver = run.get("tool").get("driver");
    assertEquals("ciliac", driver.get("name").asString());
    assertEquals("0.1.0", driver.get("version").asString());
    assertFalse(driver.has("informationUri"));
  }

  @Test
  void oneRulePerCodeUsedInCodeOrder() {
    List<Diagnostic> diagnostics = new ArrayList<>(Samples.mixed());
    diagnostics.add(0, Samples.ftp());
    diagnostics.add(Samples.ftp());
    JsonNode run = MAPPER.readTree(RENDERER.render(diagnostics)).get("runs").get(0);
    JsonNode rules = run.get("tool").get("driver").get("rules");
    List<String> ids = new ArrayList<>();
    rules.forEach(r -> ids.add(r.get("id").asString()));
    assertEquals(List.of("CIL0203", "CIL0301", "CIL0302", "CIL0305"), ids);
    assertEquals(Code.CIL0302.title(), rules.get(2).get("shortDescription").get("text").asString());
    assertEquals("warning", rules.get(2).get("defaultConfiguration").get("level").asString());
    assertEquals("note", rules.get(3).get("defaultConfiguration").get("level").asString());
    for (JsonNode result : run.get("results")) {
      int index = result.get("ruleIndex").asInt();
      assertEquals(result.get("ruleId").asString(), rules.get(index).get("id").asString());
    }
  }

  @Test
  void resultFields() {
    JsonNode results =
        MAPPER.readTree(RENDERER.render(Samples.mixed())).get("runs").get(0).get("results");
    assertEquals(3, results.size());
    JsonNode deny = results.get(0);
    assertEquals("CIL0301", deny.get("ruleId").asString());
    assertEquals("error", deny.get("level").asString());
    assertEquals(
        "`deny` drops a declared `allow`\nhint: remove the `deny` or narrow it",
        deny.get("message").get("text").asString());
    JsonNode location = deny.get("locations").get(0).get("physicalLocation");
    assertEquals("policies/db.cilia", location.get("artifactLocation").get("uri").asString());
    JsonNode region = location.get("region");
    assertEquals(3, region.get("startLine").asInt());
    assertEquals(3, region.get("startColumn").asInt());
    assertEquals(3, region.get("endLine").asInt());
    assertEquals(7, region.get("endColumn").asInt());
    JsonNode related = deny.get("relatedLocations").get(0);
    assertEquals(0, related.get("id").asInt());
    assertEquals("the `allow` it drops", related.get("message").get("text").asString());
    assertEquals(2, related.get("physicalLocation").get("region").get("startLine").asInt());

    assertEquals("warning", results.get(1).get("level").asString());
    assertEquals(
        "clusterwide policy `all` selects every endpoint",
        results.get(1).get("message").get("text").asString());
    assertFalse(results.get(1).has("relatedLocations"));
    assertEquals("note", results.get(2).get("level").asString());
  }

  @Test
  void regionColumnsAreCodePoints() {
    SourceFile file = SourceFile.of("u.cilia", "let café = \"🚀\" ftp\n");
    int start = file.text().indexOf("ftp");
    Diagnostic d = Diagnostic.of(Code.CIL0203, new Span(file, start, start + 3), "m");
    JsonNode region =
        MAPPER
            .readTree(RENDERER.render(List.of(d)))
            .get("runs")
            .get(0)
            .get("results")
            .get(0)
            .get("locations")
            .get(0)
            .get("physicalLocation")
            .get("region");
    assertEquals(16, region.get("startColumn").asInt());
    assertEquals(19, region.get("endColumn").asInt());
  }

  @Test
  void relatedLocationsGetDistinctIds() {
    JsonNode related =
        MAPPER
            .readTree(RENDERER.render(awkward()))
            .get("runs")
            .get(0)
            .get("results")
            .get(1)
            .get("relatedLocations");
    assertEquals(0, related.get(0).get("id").asInt());
    assertEquals(1, related.get(1).get("id").asInt());
  }

  @Test
  void urisFromDisplayNames() {
    assertEquals("payments.cilia", SarifRenderer.uri("payments.cilia"));
    assertEquals("policies/db.cilia", SarifRenderer.uri("policies\\db.cilia"));
    assertEquals("../shared/x.cilia", SarifRenderer.uri("../shared/x.cilia"));
    assertEquals("my%20policies/%C3%A9%3A1.cilia", SarifRenderer.uri("my policies/é:1.cilia"));
    assertEquals("file:///srv/cilia/a%20b.cilia", SarifRenderer.uri("/srv/cilia/a b.cilia"));
    assertEquals("file:///C:/work/w.cilia", SarifRenderer.uri("C:\\work\\w.cilia"));
    assertEquals("100%25.cilia", SarifRenderer.uri("100%.cilia"));
  }

  @Test
  void versionIsRequired() {
    assertThrows(IllegalArgumentException.class, () -> new SarifRenderer(""));
    assertThrows(IllegalArgumentException.class, () -> new SarifRenderer(null));
  }
}
