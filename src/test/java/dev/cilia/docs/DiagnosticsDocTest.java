package dev.cilia.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cilia.diag.Code;
import dev.cilia.driver.Compilation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** docs/diagnostics.md has a row and an example for every code, and each example reports it. */
class DiagnosticsDocTest {
  static final Path DOC = Path.of("docs/diagnostics.md");
  static final Pattern ROW =
      Pattern.compile("(?m)^\\| \\[(CIL\\d{4})\\]\\(#cil\\d{4}\\) \\| (\\w+) \\| (.*) \\|$");
  static final Pattern SECTION = Pattern.compile("(?ms)^## (CIL\\d{4})\\n(.*?)(?=^## |\\z)");
  static final Pattern EXAMPLE = Pattern.compile("(?ms)^```cilia\\n(.*?)^```$");

  @TempDir Path dir;

  @Test
  void tableMatchesTheCodes() throws IOException {
    Map<String, String> rows = new LinkedHashMap<>();
    Matcher m = ROW.matcher(Files.readString(DOC));
    while (m.find()) {
      rows.put(m.group(1), m.group(2) + " | " + m.group(3));
    }
    Map<String, String> codes = new LinkedHashMap<>();
    for (Code code : Code.values()) {
      codes.put(code.name(), code.severity().label() + " | " + code.title());
    }
    assertEquals(codes, rows);
  }

  static Map<String, Optional<String>> examples() throws IOException {
    Map<String, Optional<String>> examples = new LinkedHashMap<>();
    Matcher m = SECTION.matcher(Files.readString(DOC));
    while (m.find()) {
      Matcher e = EXAMPLE.matcher(m.group(2));
      examples.put(m.group(1), e.find() ? Optional.of(e.group(1)) : Optional.empty());
    }
    return examples;
  }

  @Test
  void everyCodeHasASectionAndEveryInputCodeAnExample() throws IOException {
    Map<String, Optional<String>> examples = examples();
    assertEquals(
        Arrays.stream(Code.values()).map(Code::name).toList(), new ArrayList<>(examples.keySet()));
    String lintDoc = Files.readString(Path.of("docs/lint.md"));
    String flowsDoc = Files.readString(Path.of("docs/flows.md"));
    String importDoc = Files.readString(Path.of("docs/import.md"));
    examples.forEach(
        (code, example) ->
            assertTrue(
                example.isPresent()
                    || code.startsWith("CIL09")
                    || (code.startsWith("CIL05") && lintDoc.contains("### " + code + ":"))
                    || (code.startsWith("CIL06") && flowsDoc.contains("### " + code + ":"))
                    || (code.startsWith("CIL07") && importDoc.contains("### " + code + ":")),
                code + " needs an example that triggers it"));
  }

  @TestFactory
  List<DynamicTest> everyExampleReportsItsCode() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (Map.Entry<String, Optional<String>> entry : examples().entrySet()) {
      if (entry.getValue().isEmpty()) {
        continue;
      }
      String code = entry.getKey();
      tests.add(
          DynamicTest.dynamicTest(
              code,
              () -> {
                Path project = dir.resolve("project");
                Files.createDirectories(project);
                // An example of several files separates them with `# file: NAME.cilia` lines.
                List<Path> files = new ArrayList<>();
                Path file = project.resolve(code + ".cilia");
                StringBuilder text = new StringBuilder();
                for (String line : entry.getValue().get().split("\n", -1)) {
                  if (line.startsWith("# file: ")) {
                    if (text.length() > 0) {
                      Files.writeString(file, text.toString());
                      files.add(file);
                    }
                    file = project.resolve(line.substring("# file: ".length()).strip());
                    text.setLength(0);
                  } else {
                    text.append(line).append('\n');
                  }
                }
                Files.writeString(file, text.toString());
                files.add(file);
                Compilation.Outcome outcome =
                    Compilation.run(
                        new Compilation.Options(
                            files, false, Optional.of(project), Optional.empty()));
                assertTrue(
                    outcome.diagnostics().stream().anyMatch(d -> d.code().name().equals(code)),
                    () -> code + " not reported; got " + outcome.diagnostics());
              }));
    }
    return tests;
  }
}
