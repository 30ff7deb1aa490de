package dev.cilia.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cilia.testing.Cli;
import dev.cilia.testing.Golden;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code ciliac lint}: output, formats, exit codes and inputs that are not policies at all. */
class LintCommandTest {
  static final String SEED = "samples/yaml/l7-visibility.yaml";
  static final Path LINT = Path.of("src/test/resources/lint");

  @TempDir Path tmp;

  @Test
  void seedReportMatchesItsGolden() {
    Cli.Run run = Cli.run("lint", SEED);
    assertEquals(0, run.exitCode(), run.err());
    assertEquals("", run.out());
    Golden.assertMatches(Path.of("src/test/resources/golden/lint/l7-visibility.txt"), run.err());
  }

  @Test
  void docsShowTheSeedReportAsItIs() throws IOException {
    String doc = Files.readString(Path.of("docs/lint.md"));
    String report = Cli.run("lint", SEED).err();
    assertTrue(doc.contains("$ ciliac lint " + SEED + "\n" + report + "```"), report);
  }

  @Test
  void seedOnOneThirteenGivesTheAllowAllFix() {
    Cli.Run run = Cli.run("lint", "--cilium", "1.13", SEED);
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.err().contains("Oracle on tcp/1521"), run.err());
    assertTrue(run.err().contains("FTP on tcp/21"), run.err());
    assertTrue(run.err().contains("add the item `- toEntities: [all]` to `egress`"), run.err());
    assertTrue(run.err().endsWith("ok: 1 policy linted for Cilium 1.13\n"), run.err());
  }

  @Test
  void errorsExitOneWarningsZero() {
    assertEquals(1, Cli.run("lint", LINT.resolve("duplicate-keys.yaml").toString()).exitCode());
    assertEquals(0, Cli.run("lint", LINT.resolve("http-403.yaml").toString()).exitCode());
    assertEquals(0, Cli.run("lint", LINT.resolve("clean.yaml").toString()).exitCode());
  }

  @Test
  void cleanInputSaysOk() {
    Cli.Run run = Cli.run("lint", "--cilium", "1.16", LINT.resolve("clean.yaml").toString());
    assertEquals(0, run.exitCode());
    assertEquals("ok: 1 policy linted for Cilium 1.16\n", run.err());
  }

  @Test
  void jsonGoesToStdout() {
    Cli.Run run = Cli.run("lint", "--format", "json", SEED);
    assertEquals(0, run.exitCode(), run.err());
    assertEquals("", run.err());
    JsonNode report = JsonMapper.builder().build().readTree(run.out());
    assertTrue(run.out().contains("\"CIL0507\""), run.out());
    assertTrue(report.toString().contains("l7-visibility.yaml"), run.out());
  }

  @Test
  void sarifGoesToStdout() {
    Cli.Run run =
        Cli.run("lint", "--format", "sarif", LINT.resolve("schema-field.yaml").toString());
    assertEquals(1, run.exitCode(), run.err());
    JsonNode sarif = JsonMapper.builder().build().readTree(run.out());
    assertEquals("2.1.0", sarif.get("version").stringValue());
    assertTrue(run.out().contains("CIL0505"), run.out());
  }

  @Test
  void foldersGiveTheirYamlFiles() throws IOException {
    Files.copy(Path.of(SEED), tmp.resolve("a.yaml"));
    Files.copy(LINT.resolve("clean.yaml"), tmp.resolve("b.yml"));
    Files.writeString(tmp.resolve("notes.txt"), "not yaml");
    Cli.Run run = Cli.run("lint", tmp.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.err().endsWith("ok: 2 policies linted for Cilium 1.18\n"), run.err());
  }

  // ------------------------------------------------------------ bad input

  @Test
  void hugeFileIsOneLineAndExitTwo() throws IOException {
    Path big = tmp.resolve("big.yaml");
    try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
      file.setLength(50L << 20);
    }
    Cli.Run run = Cli.run("lint", big.toString());
    assertEquals(2, run.exitCode());
    assertEquals("ciliac: cannot read " + big + ": larger than 8 MiB\n", run.err());
  }

  @Test
  void binaryGarbageIsOneLineAndExitTwo() throws IOException {
    byte[] bytes = new byte[4096];
    new Random(7).nextBytes(bytes);
    Path garbage = tmp.resolve("garbage.yaml");
    Files.write(garbage, bytes);
    Cli.Run run = Cli.run("lint", garbage.toString());
    assertEquals(2, run.exitCode());
    assertEquals("ciliac: cannot read " + garbage + ": not UTF-8 text\n", run.err());
  }

  @Test
  void badYamlIsADiagnosticNotAStackTrace() throws IOException {
    for (String name :
        new String[] {
          "malformed.yaml", "alias-bomb.yaml", "merge-bomb.yaml", "recursive-alias.yaml"
        }) {
      Cli.Run run = Cli.run("lint", LINT.resolve(name).toString());
      assertEquals(1, run.exitCode(), name + ": " + run.err());
      assertTrue(run.err().contains("error[CIL050"), run.err());
      assertFalse(run.err().contains("Exception"), run.err());
      assertFalse(run.err().contains("\tat "), run.err());
    }
  }

  @Test
  void missingFileIsExitTwo() {
    Cli.Run run = Cli.run("lint", "no-such.yaml");
    assertEquals(2, run.exitCode());
    assertEquals("ciliac: cannot read no-such.yaml: no such file or folder\n", run.err());
  }

  @Test
  void unsupportedTargetIsAUsageError() {
    Cli.Run run = Cli.run("lint", "--cilium", "1.19", SEED);
    assertEquals(2, run.exitCode());
    assertTrue(
        run.err().contains("supported targets: 1.13, 1.14, 1.15, 1.16, 1.17, 1.18"), run.err());
  }
}
