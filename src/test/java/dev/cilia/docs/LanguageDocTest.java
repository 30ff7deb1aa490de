package dev.cilia.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cilia.diag.Diagnostic;
import dev.cilia.driver.Compilation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** Every `cilia` block of the language reference compiles, or fails with the code it names. */
class LanguageDocTest {
  static final Path DOC = Path.of("docs/language.md");
  static final Pattern BLOCK = Pattern.compile("(?ms)^```cilia\\n(.*?)^```$");
  static final Pattern NAME = Pattern.compile("\\A# ([-\\w]+\\.cilia)\\s*\\n");
  static final Pattern ERROR = Pattern.compile("(?m)^\\s*# error: (CIL\\d{4})\\s*$");

  @TempDir static Path dir;

  static List<String> blocks(Path doc) throws IOException {
    List<String> blocks = new ArrayList<>();
    Matcher m = BLOCK.matcher(Files.readString(doc));
    while (m.find()) {
      blocks.add(m.group(1));
    }
    return blocks;
  }

  @TestFactory
  List<DynamicTest> everyExampleCompilesAsTheDocumentSays() throws IOException {
    List<String> blocks = blocks(DOC);
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < blocks.size(); i++) {
      Matcher name = NAME.matcher(blocks.get(i));
      Path file = dir.resolve(name.find() ? name.group(1) : "example-" + (i + 1) + ".cilia");
      Files.writeString(file, blocks.get(i));
      files.add(file);
    }
    List<DynamicTest> tests = new ArrayList<>();
    for (int i = 0; i < blocks.size(); i++) {
      String block = blocks.get(i);
      Path file = files.get(i);
      tests.add(
          DynamicTest.dynamicTest(
              "docs/language.md block " + (i + 1) + " (" + file.getFileName() + ")",
              () -> {
                Compilation.Outcome outcome =
                    Compilation.run(
                        new Compilation.Options(
                            List.of(file), false, Optional.of(dir), Optional.empty()));
                List<String> expected = new ArrayList<>();
                Matcher e = ERROR.matcher(block);
                while (e.find()) {
                  expected.add(e.group(1));
                }
                List<String> errors =
                    outcome.diagnostics().stream()
                        .filter(Diagnostic::isError)
                        .map(d -> d.code().name())
                        .toList();
                assertEquals(expected, errors, () -> outcome.diagnostics().toString());
                if (expected.isEmpty()) {
                  assertFalse(outcome.documents().isEmpty() && block.contains("policy "));
                }
              }));
    }
    return tests;
  }

  @Test
  void theContractsCompleteExampleIsHereAsWritten() throws IOException {
    Path contract = Path.of("..", "shared", "docs", "LANGUAGE.md");
    Assumptions.assumeTrue(Files.exists(contract), "no ../shared/docs/LANGUAGE.md; skipping");
    String example = blocks(contract).get(0);
    assertTrue(blocks(DOC).contains(example), "docs/language.md lacks the contract's example");
  }
}
