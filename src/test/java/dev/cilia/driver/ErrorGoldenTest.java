package dev.cilia.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cilia.testing.Cli;
import dev.cilia.testing.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Each error sample, checked alone, prints its golden text (code, file:line:col, message, source
 * line, caret, hint) and exits 1.
 */
class ErrorGoldenTest {
  static final Path ERRORS = Path.of("samples/errors");
  static final Path GOLDEN = Path.of("src/test/resources/golden/errors");

  @TestFactory
  List<DynamicTest> errorSamplesPrintTheirGoldenText() throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(ERRORS)) {
      files = walk.filter(p -> p.toString().endsWith(".cilia")).sorted().toList();
    }
    List<DynamicTest> tests = new ArrayList<>();
    for (Path file : files) {
      String name = ERRORS.relativize(file).toString().replace(".cilia", ".err");
      tests.add(
          DynamicTest.dynamicTest(
              file.toString(),
              () -> {
                Cli.Run run = Cli.run("check", file.toString());
                assertEquals("", run.out());
                Golden.assertMatches(GOLDEN.resolve(name), run.err());
                assertEquals(1, run.exitCode(), run.err());
              }));
    }
    return tests;
  }
}
