package dev.cilia.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cilia.driver.Compilation;
import dev.cilia.driver.Importing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** Each YAML example of docs/import.md reports the code of its section. */
class ImportDocTest {
  private static final Pattern SECTION =
      Pattern.compile("### (CIL07\\d\\d):[^\\n]*\\n+```yaml\\n(.*?)```", Pattern.DOTALL);

  @TempDir Path dir;

  @TestFactory
  List<DynamicTest> everyExampleReportsItsCode() throws Exception {
    Matcher m = SECTION.matcher(Files.readString(Path.of("docs/import.md")));
    List<DynamicTest> tests = new ArrayList<>();
    while (m.find()) {
      String code = m.group(1);
      String yaml = m.group(2);
      tests.add(
          DynamicTest.dynamicTest(
              code,
              () -> {
                Path file = dir.resolve(code + ".yaml");
                Files.writeString(file, yaml);
                Importing.Outcome o;
                try {
                  o =
                      Importing.run(
                          new Compilation.Options(
                              List.of(file), false, Optional.empty(), Optional.empty()));
                } catch (dev.cilia.driver.InputError e) {
                  throw new AssertionError(code + ": " + e.getMessage(), e);
                }
                assertTrue(
                    o.diagnostics().stream().anyMatch(d -> d.code().name().equals(code)),
                    () -> code + " not reported; got " + o.diagnostics());
              }));
    }
    assertTrue(tests.size() >= 3, "expected the examples of docs/import.md");
    return tests;
  }
}
