package dev.cilia.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cilia.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The VS Code extension's problem matcher reads what {@code ciliac check} really prints: every
 * diagnostic of the text output, and nothing else, with the location, severity, code and message
 * that the JSON output gives.
 */
class EditorProblemMatcherTest {
  static final Path MANIFEST = Path.of("editors/vscode/package.json");
  static final JsonMapper MAPPER = JsonMapper.builder().build();

  static JsonNode matcher() throws IOException {
    JsonNode matchers =
        MAPPER.readTree(Files.readString(MANIFEST)).at("/contributes/problemMatchers");
    assertEquals(1, matchers.size());
    assertEquals("ciliac", matchers.get(0).get("name").asString());
    return matchers.get(0);
  }

  @Test
  void theMatcherFindsEveryDiagnosticOfCheck() throws IOException {
    JsonNode pattern = matcher().get("pattern");
    Pattern regexp = Pattern.compile(pattern.get("regexp").asString());
    String[] args = {"check", "-R", "samples/errors"};
    Cli.Run text = Cli.run(Map.of("NO_COLOR", "1"), false, args);
    assertEquals(1, text.exitCode());

    List<String> matched = new ArrayList<>();
    for (String line : text.err().split("\n")) {
      Matcher m = regexp.matcher(line);
      if (m.matches()) {
        matched.add(
            String.join(
                "|",
                m.group(pattern.get("file").asInt()),
                m.group(pattern.get("line").asInt()),
                m.group(pattern.get("column").asInt()),
                m.group(pattern.get("severity").asInt()),
                m.group(pattern.get("code").asInt()),
                m.group(pattern.get("message").asInt())));
      }
    }

    Cli.Run json = Cli.run(Map.of(), false, "check", "--format", "json", "-R", "samples/errors");
    List<String> expected = new ArrayList<>();
    for (JsonNode d : MAPPER.readTree(json.out()).get("diagnostics")) {
      expected.add(
          String.join(
              "|",
              d.get("file").asString(),
              d.get("line").asString(),
              d.get("column").asString(),
              d.get("severity").asString(),
              d.get("code").asString(),
              d.get("message").asString()));
    }
    assertTrue(expected.size() > 10, "diagnostics: " + expected.size());
    assertTrue(expected.stream().anyMatch(e -> e.contains("|warning|")), "a warning is covered");
    assertEquals(expected, matched);
  }

  @Test
  void theMatcherKnowsWhereFilesAre() throws IOException {
    JsonNode location = matcher().get("fileLocation");
    assertEquals("autoDetect", location.get(0).asString());
    assertEquals("${workspaceFolder}", location.get(1).asString());
  }
}
