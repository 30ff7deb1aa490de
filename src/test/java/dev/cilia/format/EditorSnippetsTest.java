package dev.cilia.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cilia.check.Checker;
import dev.cilia.source.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The VS Code snippets, expanded with their default text, are valid Cilia that passes {@code ciliac
 * check}'s name and type checks and is already in the canonical layout.
 */
class EditorSnippetsTest {
  static final Path SNIPPETS = Path.of("editors/vscode/snippets/cilia.json");
  static final Pattern PLACEHOLDER =
      Pattern.compile("\\$\\{\\d+:([^}]*)}|\\$\\{\\d+\\|([^,|]*)[^}]*}|\\$\\d+");

  /** The text VS Code inserts when every placeholder keeps its default (first choice). */
  static String expand(JsonNode body) {
    List<String> lines = new ArrayList<>();
    for (JsonNode line : body) {
      Matcher m = PLACEHOLDER.matcher(line.asString().replace("\t", "  "));
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        String value = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : "";
        m.appendReplacement(out, Matcher.quoteReplacement(value));
      }
      m.appendTail(out);
      if (!(out.toString().isBlank() && !line.asString().isEmpty())) {
        lines.add(out.toString());
      }
    }
    while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    return String.join("\n", lines) + "\n";
  }

  /** A snippet for inside a block is checked inside one. */
  static String inContext(String text) {
    String first = text.strip().split("\\s+", 2)[0];
    if (List.of("policy", "clusterwide", "test", "let", "cilium", "#").contains(first)) {
      return text;
    }
    String body = "  " + text.strip() + "\n";
    if (first.equals("expect")) {
      return "test \"t\" for pods app=web in namespace shop {\n" + body + "}\n";
    }
    return "policy p in namespace shop {\n" + body + "}\n";
  }

  @TestFactory
  List<DynamicTest> snippetsAreFormattedValidCilia() throws IOException {
    JsonNode snippets = JsonMapper.builder().build().readTree(Files.readString(SNIPPETS));
    List<DynamicTest> tests = new ArrayList<>();
    for (Map.Entry<String, JsonNode> snippet : snippets.properties()) {
      tests.add(
          DynamicTest.dynamicTest(
              snippet.getKey(),
              () -> {
                String text = inContext(expand(snippet.getValue().get("body")));
                SourceFile source = SourceFile.of("snippet.cilia", text);
                Formatter.Result result = Formatter.format(source);
                assertTrue(result.text().isPresent(), () -> text + result.diagnostics());
                assertEquals(text, result.text().get());
                Checker.Result checked =
                    Checker.check(
                        List.of(source),
                        Path.of("").toAbsolutePath(),
                        p -> {
                          throw new IOException("no imports in snippets");
                        });
                assertFalse(checked.hasErrors(), () -> text + checked.diagnostics());
              }));
    }
    assertTrue(tests.size() >= 10);
    return tests;
  }
}
