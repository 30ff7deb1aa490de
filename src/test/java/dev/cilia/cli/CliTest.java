package dev.cilia.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cilia.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class CliTest {
  private static final String BROKEN = "policy a in namespace b {\n  allow ftp to world\n}\n";

  private static void assertNoStackTrace(Cli.Run run) {
    assertFalse(run.err().contains("\tat "), run.err());
    assertFalse(run.err().contains("Exception"), run.err());
  }

  @Test
  void compilePrintsAYamlStreamAndExitsZero() {
    Cli.Run run = Cli.run("compile", "samples/l7-visibility.cilia");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().startsWith("---\napiVersion: cilium.io/v2\n"), run.out());
    assertTrue(run.out().contains("enableDefaultDeny:\n    egress: false"), run.out());
    assertEquals("", run.err());
  }

  @Test
  void compileWritesOneFilePerPolicy(@TempDir Path out) throws IOException {
    Cli.Run run =
        Cli.run(
            "compile",
            "-o",
            out.toString(),
            "samples/payments.cilia",
            "samples/clusterwide-dns.cilia");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(Files.exists(out.resolve("payments.payments-api.yaml")));
    assertTrue(Files.exists(out.resolve("dns-visibility.yaml")));
    assertTrue(Files.exists(out.resolve("no-direct-smtp.yaml")));
    try (var files = Files.list(out)) {
      assertEquals(3, files.count(), "no temporary files left behind");
    }
    assertTrue(run.err().contains("wrote 3 policies to " + out), run.err());
    assertTrue(
        Files.getPosixFilePermissions(out.resolve("dns-visibility.yaml"))
            .contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ),
        "written files get the usual permissions, not a temporary file's");
  }

  @Test
  void aFailedRunLeavesEarlierOutputUntouched(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("out");
    assertEquals(
        0, Cli.run("compile", "-o", out.toString(), "samples/l7-visibility.cilia").exitCode());
    Path written = out.resolve("default.l7-visibility.yaml");
    String before = Files.readString(written);
    FileTime time = FileTime.fromMillis(1_000_000L);
    Files.setLastModifiedTime(written, time);

    Path broken = dir.resolve("broken.cilia");
    Files.writeString(broken, BROKEN);
    Cli.run("compile", "-o", out.toString(), "samples/l7-visibility.cilia", broken.toString());
    Cli.Run run =
        Cli.run("compile", "-o", out.toString(), "samples/l7-visibility.cilia", broken.toString());
    assertEquals(1, run.exitCode());
    assertEquals(before, Files.readString(written));
    assertEquals(time, Files.getLastModifiedTime(written));
    try (var files = Files.list(out)) {
      assertEquals(1, files.count());
    }
  }

  @Test
  void errorsGoToStderrAndNothingToStdout(@TempDir Path dir) throws IOException {
    Path broken = dir.resolve("broken.cilia");
    Files.writeString(broken, BROKEN);
    Cli.Run run = Cli.run("compile", broken.toString());
    assertEquals(1, run.exitCode());
    assertEquals("", run.out());
    assertTrue(
        run.err().contains(":2:9: error[CIL0203]: `ftp` needs its passive data ports"), run.err());
    assertTrue(run.err().endsWith("1 error\n"), run.err());
  }

  @Test
  void missingFileIsOneLineAndExitTwo() {
    Cli.Run run = Cli.run("check", "no-such-file.cilia");
    assertEquals(2, run.exitCode());
    assertEquals("ciliac: cannot read no-such-file.cilia: no such file or folder\n", run.err());
  }

  @Test
  void folderWithoutCiliaFilesIsExitTwo(@TempDir Path dir) {
    Cli.Run run = Cli.run("check", dir.toString());
    assertEquals(2, run.exitCode());
    assertEquals(
        "ciliac: no .cilia files in folder " + dir + " (use -R for subfolders)\n", run.err());
  }

  @Test
  void foldersAreReadWithoutSubfoldersUnlessRecursive(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("sub"));
    Files.writeString(dir.resolve("sub/a.cilia"), BROKEN);
    assertEquals(2, Cli.run("check", dir.toString()).exitCode());
    Cli.Run recursive = Cli.run("check", "-R", dir.toString());
    assertEquals(1, recursive.exitCode());
    assertTrue(recursive.err().contains("CIL0203"), recursive.err());
  }

  @Test
  void unreadableFileIsExitTwo(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("secret.cilia");
    Files.writeString(file, BROKEN);
    file.toFile().setReadable(false, false);
    org.junit.jupiter.api.Assumptions.assumeFalse(
        Files.isReadable(file), "running as a user who can read any file");
    Cli.Run run = Cli.run("check", file.toString());
    assertEquals(2, run.exitCode());
    assertEquals("ciliac: cannot read " + file + ": permission denied\n", run.err());
  }

  @Test
  void fileThatIsNotUtf8IsExitTwo(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("latin1.cilia");
    Files.write(file, new byte[] {'#', ' ', (byte) 0xe9, '\n'});
    Cli.Run run = Cli.run("check", file.toString());
    assertEquals(2, run.exitCode());
    assertEquals("ciliac: cannot read " + file + ": not UTF-8 text\n", run.err());
  }

  @Test
  void unsupportedCiliumVersionIsAUsageError() {
    Cli.Run run = Cli.run("compile", "--cilium", "1.12", "samples/l7-visibility.cilia");
    assertEquals(2, run.exitCode());
    assertTrue(
        run.err()
            .contains(
                "Cilium 1.12 is not supported; supported targets: 1.13, 1.14, 1.15,"
                    + " 1.16, 1.17, 1.18"),
        run.err());
    assertEquals("", run.out());
  }

  @Test
  void unknownFormatIsAUsageError() {
    Cli.Run run = Cli.run("check", "--format", "xml", "samples/l7-visibility.cilia");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("unknown format `xml`; formats: text, json, sarif"), run.err());
  }

  @Test
  void noCommandIsAUsageError() {
    Cli.Run run = Cli.run();
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("name a command"), run.err());
  }

  @Test
  void versionNamesTheTargets() {
    Cli.Run run = Cli.run("--version");
    assertEquals(0, run.exitCode());
    assertTrue(run.out().startsWith("ciliac "), run.out());
    assertTrue(run.out().contains("targets: Cilium 1.13, 1.14, 1.15, 1.16, 1.17, 1.18"));
  }

  @Test
  void checkWithJsonFormatReportsOnStdout(@TempDir Path dir) throws IOException {
    Path broken = dir.resolve("broken.cilia");
    Files.writeString(broken, BROKEN);
    Cli.Run run = Cli.run("check", "--format", "json", broken.toString());
    assertEquals(1, run.exitCode());
    JsonNode json = JsonMapper.builder().build().readTree(run.out());
    assertEquals(1, json.get("errors").asInt());
    JsonNode d = json.get("diagnostics").get(0);
    assertEquals("CIL0203", d.get("code").asString());
    assertEquals(2, d.get("line").asInt());
    assertEquals(9, d.get("column").asInt());
    assertEquals("", run.err());
  }

  @Test
  void checkWithSarifFormatReportsOnStdout(@TempDir Path dir) throws IOException {
    Path broken = dir.resolve("broken.cilia");
    Files.writeString(broken, BROKEN);
    Cli.Run run = Cli.run("check", "--format", "sarif", broken.toString());
    assertEquals(1, run.exitCode());
    JsonNode sarif = JsonMapper.builder().build().readTree(run.out());
    assertEquals("2.1.0", sarif.get("version").asString());
    JsonNode result = sarif.get("runs").get(0).get("results").get(0);
    assertEquals("CIL0203", result.get("ruleId").asString());
  }

  @Test
  void colourOnlyOnATerminalWithoutNoColor(@TempDir Path dir) throws IOException {
    Path broken = dir.resolve("broken.cilia");
    Files.writeString(broken, BROKEN);
    assertTrue(Cli.run(Map.of(), true, "check", broken.toString()).err().contains("\u001b["));
    assertFalse(
        Cli.run(Map.of("NO_COLOR", "1"), true, "check", broken.toString())
            .err()
            .contains("\u001b["));
    assertFalse(Cli.run(Map.of(), false, "check", broken.toString()).err().contains("\u001b["));
  }

  @Test
  void badInputNeverPrintsAStackTrace(@TempDir Path dir) throws IOException {
    Path garbage = dir.resolve("garbage.cilia");
    Files.write(
        garbage,
        "policy {{{ \"\\ ))) \u0000 é 😀 allow to to to"
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    Cli.Run run = Cli.run("check", garbage.toString());
    assertEquals(1, run.exitCode());
    assertNoStackTrace(run);
  }
}
