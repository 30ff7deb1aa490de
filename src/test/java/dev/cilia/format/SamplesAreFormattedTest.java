package dev.cilia.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cilia.source.SourceFile;
import dev.cilia.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every sample that parses, error samples included, is kept in the canonical layout. */
class SamplesAreFormattedTest {
  static final Path SAMPLES = Path.of("samples");

  @TestFactory
  List<DynamicTest> everySampleThatParsesIsFormatted() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    try (Stream<Path> files = Files.walk(SAMPLES)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".cilia")).sorted().toList()) {
        String text = Files.readString(file);
        Formatter.Result result = Formatter.format(SourceFile.of(file.toString(), text));
        if (result.text().isPresent()) {
          tests.add(
              DynamicTest.dynamicTest(
                  file.toString(),
                  () ->
                      assertEquals(
                          result.text().get(),
                          text,
                          file + " is not formatted: run ./ciliac fmt " + file)));
        }
      }
    }
    assertTrue(tests.size() >= 10, "samples found: " + tests.size());
    return tests;
  }

  @Test
  void fmtCheckPassesOnTheSamplesFolder() {
    Cli.Run run = Cli.run("fmt", "--check", "samples");
    assertEquals("", run.out());
    assertEquals(0, run.exitCode(), run.err());
  }
}
