package dev.cilia.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cilia.cilium.Target;
import dev.cilia.diag.Code;
import dev.cilia.diag.Diagnostic;
import dev.cilia.source.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** docs/lint.md against the code: its table lists every lint code, and each example reports it. */
class LintDocTest {
  static final Path DOC = Path.of("docs/lint.md");

  /** The example of each "### CILnnnn" section. */
  static Map<Code, String> examples() throws IOException {
    String doc = Files.readString(DOC);
    Matcher m =
        Pattern.compile(
                "^### (CIL\\d{4}):[^\\n]*\\n(?:(?!^### )[\\s\\S])*?```yaml\\n([\\s\\S]*?)```",
                Pattern.MULTILINE)
            .matcher(doc);
    Map<Code, String> out = new LinkedHashMap<>();
    while (m.find()) {
      out.put(Code.valueOf(m.group(1)), m.group(2));
    }
    return out;
  }

  static List<Code> lintCodes() {
    return java.util.Arrays.stream(Code.values())
        .filter(c -> c.name().startsWith("CIL05"))
        .toList();
  }

  @Test
  void tableListsEveryLintCodeWithItsSeverityAndTitle() throws IOException {
    String doc = Files.readString(DOC);
    for (Code code : lintCodes()) {
      String row = "| `" + code + "` | " + code.severity().label() + " | " + code.title() + " |";
      assertTrue(doc.contains(row), "docs/lint.md has no row " + row);
    }
  }

  @Test
  void everyLintCodeHasAnExample() throws IOException {
    assertEquals(lintCodes(), List.copyOf(examples().keySet()));
  }

  @TestFactory
  List<DynamicTest> everyExampleReportsItsCode() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (Map.Entry<Code, String> e : examples().entrySet()) {
      tests.add(
          DynamicTest.dynamicTest(
              e.getKey().name(),
              () -> {
                String yaml = e.getValue();
                Matcher version = Pattern.compile("^# cilium: (\\S+)").matcher(yaml);
                assertTrue(version.find(), "an example starts with `# cilium: X.Y`");
                Target target = Target.parse(version.group(1)).orElseThrow();
                List<Diagnostic> found =
                    Linter.lint(List.of(SourceFile.of(e.getKey() + ".yaml", yaml)), target)
                        .diagnostics();
                assertTrue(
                    found.stream().anyMatch(d -> d.code() == e.getKey()),
                    () -> e.getKey() + " not reported: " + found);
              }));
    }
    return tests;
  }
}
