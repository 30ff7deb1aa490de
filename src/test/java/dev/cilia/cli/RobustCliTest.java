package dev.cilia.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cilia.source.SourceFile;
import dev.cilia.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Command-line behaviour around failures: usage errors, --debug, line counting. */
class RobustCliTest {
  private static final String POLICY =
      "cilium 1.16\npolicy p in namespace n {\n  select app=x\n  allow tcp 80 to world\n}\n";

  @Test
  void anEmptyOutputFolderIsAShortUsageError(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("p.cilia"), POLICY);
    Cli.Run run = Cli.run("compile", "-o", "", file.toString());
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("-o needs a folder"), run.err());
    assertTrue(run.err().lines().count() <= 3, run.err());
    assertEquals("", run.out());
  }

  @Test
  void anEmptyOutputFolderIsAUsageErrorForImportToo() {
    Cli.Run run = Cli.run("import", "-o", " ", "samples/yaml/l7-visibility.yaml");
    assertEquals(2, run.exitCode());
    assertEquals("-o needs a folder, or - for stdout\nsee `ciliac import --help`\n", run.err());
    assertEquals("", run.out());
  }

  @Test
  void aFailedWriteNamesTheFileAndLeavesTheFolderAsItWas(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("p.cilia"), POLICY);
    Path out = dir.resolve("out");
    Files.createDirectories(out.resolve("n.p.yaml/taken"));
    Files.writeString(out.resolve("keep.yaml"), "mine\n");
    Cli.Run run = Cli.run("compile", "-o", out.toString(), file.toString());
    assertEquals(2, run.exitCode());
    assertTrue(
        run.err()
            .endsWith(
                "\nciliac: cannot write " + out.resolve("n.p.yaml") + ": a folder is in the way\n"),
        run.err());
    assertEquals("mine\n", Files.readString(out.resolve("keep.yaml")));
    try (var listing = Files.list(dir)) {
      assertEquals(2, listing.count(), "no temporary folder beside the output");
    }
  }

  @Test
  void anOutputFolderThatIsAFileIsExitTwo(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("p.cilia"), POLICY);
    Path out = Files.writeString(dir.resolve("out"), "x");
    Cli.Run run = Cli.run("compile", "-o", out.toString(), file.toString());
    assertEquals(2, run.exitCode());
    assertTrue(
        run.err().endsWith("\nciliac: cannot write " + out + ": it is a file, not a folder\n"),
        run.err());
    assertEquals("x", Files.readString(out));
  }

  @Test
  void debugIsAcceptedAnywhereAndChangesNothingElse(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("p.cilia"), POLICY);
    Cli.Run before = Cli.run("--debug", "check", file.toString());
    Cli.Run after = Cli.run("check", file.toString(), "--debug");
    assertEquals(0, before.exitCode(), before.err());
    assertEquals(0, after.exitCode(), after.err());
    assertEquals(before.err(), after.err());
  }

  @Test
  void debugAfterDoubleDashIsAFileName(@TempDir Path dir) {
    Cli.Run run = Cli.run("check", "--", "--debug");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("--debug"), run.err());
  }

  @Test
  void linesEndAtLfCrlfAndLoneCrButNotAtUnicodeSeparators() {
    SourceFile file = SourceFile.of("f.cilia", "a\nb\r\nc\rd\u2028e\u0085f");
    assertEquals(4, file.lineCount());
    assertEquals("c", file.lineText(3));
    assertEquals("d\u2028e\u0085f", file.lineText(4));
    assertEquals(4, file.line(file.text().indexOf('f')));
  }

  @Test
  void internalErrorsAreOneLineWithCil0901() {
    Terminal terminal =
        new Terminal(
            new java.io.PrintStream(new java.io.ByteArrayOutputStream()),
            new java.io.PrintStream(new java.io.ByteArrayOutputStream()),
            java.util.Map.of(),
            false);
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    Terminal capture =
        new Terminal(terminal.out(), new java.io.PrintStream(err, true), java.util.Map.of(), false);
    int code =
        new Reporter(capture, dev.cilia.diag.Format.TEXT)
            .internalError(
                new dev.cilia.driver.InternalCompilerError(
                    "check", "p.cilia", new StackOverflowError()));
    String text = err.toString();
    assertEquals(2, code);
    assertEquals(1, text.lines().count(), text);
    assertTrue(text.contains("error[CIL0901]") && text.contains("stack overflow"), text);
    assertFalse(text.contains("java.lang"), text);
  }
}
