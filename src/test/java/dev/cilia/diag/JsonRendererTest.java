package dev.cilia.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cilia.source.SourceFile;
import dev.cilia.source.Span;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JsonRendererTest {
  private static final JsonRenderer RENDERER = new JsonRenderer();
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  @Test
  void rendersEveryKeyInAStableOrder() {
    assertEquals(
        """
        {
          "diagnostics": [
            {
              "code": "CIL0301",
              "severity": "error",
              "file": "policies/db.cilia",
              "line": 3,
              "column": 3,
              "endLine": 3,
              "endColumn": 7,
              "length": 4,
              "message": "`deny` drops a declared `allow`",
              "hint": "remove the `deny` or narrow it",
              "related": [
                {
                  "file": "policies/db.cilia",
                  "line": 2,
                  "column": 3,
                  "message": "the `allow` it drops"
                }
              ]
            },
            {
              "code": "CIL0302",
              "severity": "warning",
              "file": "policies/wide.cilia",
              "line": 1,
              "column": 13,
              "endLine": 1,
              "endColumn": 19,
              "length": 6,
              "message": "clusterwide policy `all` selects every endpoint",
              "hint": null,
              "related": []
            },
            {
              "code": "CIL0305",
              "severity": "note",
              "file": "policies/db.cilia",
              "line": 1,
              "column": 8,
              "endLine": 1,
              "endColumn": 10,
              "length": 2,
              "message": "dns to the resolver allowed automatically",
              "hint": null,
              "related": []
            }
          ],
          "errors": 1,
          "warnings": 1
        }
        """,
        RENDERER.render(Samples.mixed()));
  }

  @Test
  void noDiagnostics() {
    assertEquals(
        """
        {
          "diagnostics": [],
          "errors": 0,
          "warnings": 0
        }
        """,
        RENDERER.render(List.of()));
  }

  @Test
  void keysAndTypesReadBack() {
    JsonNode doc = MAPPER.readTree(RENDERER.render(List.of(Samples.ftp())));
    JsonNode d = doc.get("diagnostics").get(0);
    List<String> keys = new ArrayList<>(d.propertyNames());
    assertEquals(
        List.of(
            "code",
            "severity",
            "file",
            "line",
            "column",
            "endLine",
            "endColumn",
            "length",
            "message",
            "hint",
            "related"),
        keys);
    assertEquals("CIL0203", d.get("code").asString());
    assertEquals(14, d.get("line").asInt());
    assertEquals(9, d.get("column").asInt());
    assertEquals(14, d.get("endLine").asInt());
    assertEquals(12, d.get("endColumn").asInt());
    assertEquals(3, d.get("length").asInt());
    assertTrue(d.get("line").isInt());
    assertEquals(
        "write `ftp passive 30000-30100` with the server's passive port range",
        d.get("hint").asString());
    assertTrue(d.get("related").isArray());
    assertEquals(1, doc.get("errors").asInt());
    assertEquals(0, doc.get("warnings").asInt());
  }

  @Test
  void columnsAreCodePointsAndEmptySpansHaveLengthOne() {
    SourceFile file = SourceFile.of("ü/é.cilia", "peer \"🚀\" é\n");
    int start = file.text().indexOf('é');
    Diagnostic d = Diagnostic.of(Code.CIL0104, new Span(file, start, start), "expected a name");
    JsonNode node = MAPPER.readTree(RENDERER.render(List.of(d))).get("diagnostics").get(0);
    assertEquals("ü/é.cilia", node.get("file").asString());
    assertEquals(10, node.get("column").asInt());
    assertEquals(10, node.get("endColumn").asInt());
    assertEquals(1, node.get("length").asInt());
  }

  @Test
  void spanAcrossLinesEndsOnItsLastLine() {
    SourceFile file = SourceFile.of("m.cilia", "policy p {\n  allow any\n}\n");
    Diagnostic d =
        Diagnostic.of(Code.CIL0308, new Span(file, 0, file.text().lastIndexOf('}') + 1), "empty");
    JsonNode node = MAPPER.readTree(RENDERER.render(List.of(d))).get("diagnostics").get(0);
    assertEquals(1, node.get("line").asInt());
    assertEquals(3, node.get("endLine").asInt());
    assertEquals(2, node.get("endColumn").asInt());
  }

  @Test
  void messagesAreEscaped() {
    SourceFile file = SourceFile.of("q.cilia", "x\n");
    Diagnostic d = Diagnostic.of(Code.CIL0102, Span.startOf(file), "unterminated string \"a\\b\tc");
    JsonNode node = MAPPER.readTree(RENDERER.render(List.of(d))).get("diagnostics").get(0);
    assertEquals("unterminated string \"a\\b\tc", node.get("message").asString());
  }
}
