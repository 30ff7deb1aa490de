package dev.cilia.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cilia.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every reproducer of {@link Reproducers} gives its diagnostic and exit code (1, or the documented
 * 2), never a stack trace or CIL0901. How long each takes is checked by {@code
 * bench/robustness.sh}, not here.
 */
class RobustnessReproducersTest {
  /** A Java type name ({@code java.lang.Integer}, {@code dev.cilia.x.PortRule}) or exception. */
  private static final Pattern JAVA_NAME =
      Pattern.compile(
          "\\b(?:java|javax|dev\\.cilia|tools\\.jackson|com\\.fasterxml|org)\\.[a-z0-9_.]*[A-Z]"
              + "|\\w+(?:Exception|Error)\\b");

  @TempDir Path dir;

  @TestFactory
  List<DynamicTest> everyReproducerGivesItsDiagnostic() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Reproducers.Case c : Reproducers.all()) {
      tests.add(
          DynamicTest.dynamicTest(
              c.name(),
              () -> {
                Path folder = Files.createDirectories(dir.resolve(c.name()));
                c.setup().write(folder);
                List<String> args = new ArrayList<>();
                for (String arg : c.args()) {
                  args.add(arg.contains(".") ? folder.resolve(arg).toString() : arg);
                }
                Cli.Run run = Cli.run(args.toArray(String[]::new));
                String report = run.err();
                assertFalse(report.contains("CIL0901"), () -> c + ": internal error\n" + report);
                assertFalse(report.contains("\tat "), () -> c + ": a stack trace\n" + report);
                assertFalse(
                    JAVA_NAME.matcher(report).find(),
                    () -> c + ": a Java type name in a message\n" + head(report));
                assertEquals(c.exit(), run.exitCode(), () -> c + ": exit code\n" + head(report));
                for (String expected : c.expected()) {
                  assertTrue(
                      report.contains(expected),
                      () -> c + ": no `" + expected + "` in\n" + head(report));
                }
              }));
    }
    return tests;
  }

  private static String head(String text) {
    return text.length() > 3000 ? text.substring(0, 3000) + "…" : text;
  }
}
