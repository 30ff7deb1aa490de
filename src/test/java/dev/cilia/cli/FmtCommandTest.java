package dev.cilia.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cilia.testing.Cli;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ciliac fmt}: rewrites, {@code --check}, files with syntax errors, exit codes. */
class FmtCommandTest {
  static final String MESSY = "policy a   in namespace n{allow tcp 80,443 to world}\n";
  static final String FORMATTED = "policy a in namespace n {\n  allow tcp 80, 443 to world\n}\n";
  static final String BROKEN = "policy b in namespace n {\n  allow tcp 80 namespace x\n}\n";

  @TempDir Path dir;

  Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return file;
  }

  @Test
  void rewritesAFileAndPrintsItsName() throws IOException {
    Path file = write("a.cilia", MESSY);
    Cli.Run run = Cli.run("fmt", file.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertEquals(file + "\n", run.out());
    assertEquals(FORMATTED, Files.readString(file));
  }

  @Test
  void leavesAFormattedFileAlone() throws IOException {
    Path file = write("a.cilia", FORMATTED);
    FileTime old = FileTime.fromMillis(1_000_000_000_000L);
    Files.setLastModifiedTime(file, old);
    Cli.Run run = Cli.run("fmt", file.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertEquals("", run.out());
    assertEquals("", run.err());
    assertEquals(old, Files.getLastModifiedTime(file));
  }

  @Test
  void checkListsUnformattedFilesChangesNothingAndExits1() throws IOException {
    Path messy = write("a.cilia", MESSY);
    write("b.cilia", FORMATTED);
    Cli.Run run = Cli.run("fmt", "--check", dir.toString());
    assertEquals(1, run.exitCode());
    assertEquals(messy + "\n", run.out());
    assertTrue(run.err().contains("1 file not formatted; run `ciliac fmt`"), run.err());
    assertEquals(MESSY, Files.readString(messy));
  }

  @Test
  void checkPassesWhenEverythingIsFormatted() throws IOException {
    write("a.cilia", FORMATTED);
    Cli.Run run = Cli.run("fmt", "--check", dir.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertEquals("", run.out());
  }

  @Test
  void aFileWithSyntaxErrorsIsReportedAndLeftUntouched() throws IOException {
    Path broken = write("b.cilia", BROKEN);
    Path messy = write("a.cilia", MESSY);
    Cli.Run run = Cli.run("fmt", dir.toString());
    assertEquals(1, run.exitCode());
    assertTrue(run.err().contains(broken + ":2:16: error[CIL0101]"), run.err());
    assertTrue(run.err().contains("1 file with syntax errors left unchanged"), run.err());
    assertEquals(BROKEN, Files.readString(broken));
    assertEquals(FORMATTED, Files.readString(messy), "the other files are still formatted");
    assertEquals(messy + "\n", run.out());
  }

  @Test
  void checkAlsoFailsOnSyntaxErrors() throws IOException {
    Path broken = write("b.cilia", BROKEN);
    Cli.Run run = Cli.run("fmt", "--check", broken.toString());
    assertEquals(1, run.exitCode());
    assertEquals("", run.out());
    assertTrue(run.err().contains("error[CIL0101]"), run.err());
  }

  @Test
  void subfoldersOnlyWithRecursive() throws IOException {
    Path nested = write("sub/a.cilia", MESSY);
    write("top.cilia", FORMATTED);
    assertEquals(0, Cli.run("fmt", "--check", dir.toString()).exitCode());
    Cli.Run run = Cli.run("fmt", "-R", dir.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertEquals(nested + "\n", run.out());
    assertEquals(FORMATTED, Files.readString(nested));
  }

  @Test
  void keepsPermissionsAndLeavesNoTemporaryFiles() throws IOException {
    Path file = write("a.cilia", MESSY);
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    if (posix) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
    }
    assertEquals(0, Cli.run("fmt", file.toString()).exitCode());
    if (posix) {
      assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList());
    }
  }

  @Test
  void rewritesTheTargetOfASymbolicLink() throws IOException {
    Path file = write("real.cilia", MESSY);
    Path link = dir.resolve("link.cilia");
    try {
      Files.createSymbolicLink(link, file.getFileName());
    } catch (UnsupportedOperationException | IOException e) {
      return;
    }
    assertEquals(0, Cli.run("fmt", link.toString()).exitCode());
    assertTrue(Files.isSymbolicLink(link));
    assertEquals(FORMATTED, Files.readString(file));
  }

  @Test
  void aMissingFileIsAUsageError() {
    Cli.Run run = Cli.run("fmt", dir.resolve("missing.cilia").toString());
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("no such file or folder"), run.err());
  }

  @Test
  void fmtIsListedInHelp() {
    Cli.Run run = Cli.run("--help");
    assertTrue(run.out().contains("fmt"), run.out());
  }
}
