package dev.cilia.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The output folder is written all or nothing, and a failure names the file. */
class PolicyFilesTest {
  @TempDir Path base;

  private Path out() {
    return base.resolve("out");
  }

  /** Every file under the base folder, with its text ("/" for a folder). */
  private Map<String, String> snapshot() throws IOException {
    Map<String, String> all = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(base)) {
      for (Path p : walk.filter(p -> !p.equals(base)).toList()) {
        all.put(base.relativize(p).toString(), Files.isDirectory(p) ? "/" : Files.readString(p));
      }
    }
    return all;
  }

  private static Map<String, String> files(String... nameText) {
    Map<String, String> files = new LinkedHashMap<>();
    for (int i = 0; i < nameText.length; i += 2) {
      files.put(nameText[i], nameText[i + 1]);
    }
    return files;
  }

  @Test
  void aNewFolderIsMovedIntoPlaceWhole() throws Exception {
    PolicyFiles.write(out(), files("a.yaml", "a\n", "b.yaml", "b\n"), List.of());
    assertEquals(Map.of("out", "/", "out/a.yaml", "a\n", "out/b.yaml", "b\n"), snapshot());
    assertTrue(
        Files.getPosixFilePermissions(out())
            .contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ),
        "the folder gets the usual permissions, not a temporary folder's");
  }

  @Test
  void filesAreReplacedStaleOnesDeletedAndOthersKept() throws Exception {
    PolicyFiles.write(out(), files("a.yaml", "a\n", "old.yaml", "old\n"), List.of());
    Files.writeString(out().resolve("README.md"), "mine\n");
    PolicyFiles.write(out(), files("a.yaml", "a2\n", "c.yaml", "c\n"), List.of("old.yaml"));
    assertEquals(
        Map.of("out", "/", "out/a.yaml", "a2\n", "out/c.yaml", "c\n", "out/README.md", "mine\n"),
        snapshot());
  }

  @Test
  void aFolderInTheWayFailsBeforeAnythingChanges() throws Exception {
    PolicyFiles.write(out(), files("a.yaml", "a\n"), List.of());
    Files.createDirectories(out().resolve("b.yaml/inside"));
    Map<String, String> before = snapshot();
    OutputError e =
        assertThrows(
            OutputError.class,
            () -> PolicyFiles.write(out(), files("a.yaml", "new\n", "b.yaml", "b\n"), List.of()));
    assertEquals(
        "cannot write " + out().resolve("b.yaml") + ": a folder is in the way", e.getMessage());
    assertEquals(before, snapshot(), "every file as it was, no temporary folder left");
  }

  @Test
  void aFailedMoveHalfwayPutsEveryFileBack() throws Exception {
    PolicyFiles.write(
        out(), files("a.yaml", "a\n", "b.yaml", "b\n", "gone.yaml", "g\n"), List.of());
    Map<String, String> before = snapshot();
    int[] moves = {0};
    PolicyFiles.Mover failing =
        (from, to) -> {
          // Moves 1-2 put gone.yaml and a.yaml aside, 3 installs a.yaml, 4 puts b.yaml aside,
          // 5 would install b.yaml.
          if (++moves[0] == 5) {
            throw new AccessDeniedException(to.toString());
          }
          Files.move(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        };
    OutputError e =
        assertThrows(
            OutputError.class,
            () ->
                PolicyFiles.write(
                    out(),
                    files("a.yaml", "a2\n", "b.yaml", "b2\n"),
                    List.of("gone.yaml"),
                    failing));
    assertEquals(
        "cannot write "
            + out().resolve("b.yaml")
            + ": permission denied; the output folder is as it was",
        e.getMessage());
    assertEquals(before, snapshot());
  }

  @Test
  void anOutputThatIsAFileIsRefused() throws Exception {
    Path file = Files.writeString(base.resolve("out"), "x");
    OutputError e =
        assertThrows(
            OutputError.class, () -> PolicyFiles.write(file, files("a.yaml", "a\n"), List.of()));
    assertEquals("cannot write " + file + ": it is a file, not a folder", e.getMessage());
    assertEquals(Map.of("out", "x"), snapshot());
  }

  @Test
  void aReadOnlyOutputFolderIsLeftAsItWas() throws Exception {
    PolicyFiles.write(out(), files("a.yaml", "a\n"), List.of());
    Files.setPosixFilePermissions(out(), PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      Assumptions.assumeFalse(
          Files.isWritable(out()), "running as a user who can write any folder");
      Map<String, String> before = snapshot();
      OutputError e =
          assertThrows(
              OutputError.class,
              () -> PolicyFiles.write(out(), files("a.yaml", "a2\n"), List.of()));
      assertTrue(e.getMessage().startsWith("cannot write " + out().resolve("a.yaml") + ": "));
      assertEquals(before, snapshot());
    } finally {
      Files.setPosixFilePermissions(out(), PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    assertFalse(Files.exists(base.resolve(".out.tmp")));
  }
}
