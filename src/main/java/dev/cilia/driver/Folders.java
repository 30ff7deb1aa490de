package dev.cilia.driver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The temporary folders of a run: import's self-check, diff's `git:` side, the output staging. */
public final class Folders {
  private Folders() {}

  /** Deletes a folder and everything in it; one left behind (or null) is harmless. */
  public static void deleteQuietly(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // A temporary folder left behind holds nothing a later run needs.
    }
  }
}
