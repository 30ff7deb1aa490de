package dev.cilia.driver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the YAML of a run into the output folder: every file goes to a temporary sibling first and
 * is moved into place only when all are written, so a failed write leaves the previous policies.
 * Files that an earlier run wrote and this one does not (a renamed or removed policy) are deleted
 * when the caller names them, so they cannot ship in an artifact.
 */
public final class PolicyFiles {
  private PolicyFiles() {}

  /**
   * Writes {@code files} (name to text) into {@code directory}, then deletes the {@code stale}
   * names this run did not write.
   */
  public static void write(Path directory, Map<String, String> files, Collection<String> stale)
      throws IOException {
    Files.createDirectories(directory);
    Map<Path, Path> staged = new LinkedHashMap<>();
    List<Path> temporaries = new ArrayList<>();
    try {
      for (Map.Entry<String, String> file : files.entrySet()) {
        // Not Files.createTempFile: its owner-only permissions would stay on the moved file.
        Path temporary = directory.resolve("." + file.getKey() + ".tmp");
        temporaries.add(temporary);
        Files.writeString(temporary, file.getValue(), StandardCharsets.UTF_8);
        staged.put(temporary, directory.resolve(file.getKey()));
      }
      for (Map.Entry<Path, Path> move : staged.entrySet()) {
        try {
          Files.move(
              move.getKey(),
              move.getValue(),
              StandardCopyOption.ATOMIC_MOVE,
              StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(move.getKey(), move.getValue(), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } finally {
      for (Path temporary : temporaries) {
        Files.deleteIfExists(temporary);
      }
    }
    for (String name : stale) {
      Path old = directory.resolve(name).normalize();
      if (!files.containsKey(name) && directory.normalize().equals(old.getParent())) {
        Files.deleteIfExists(old);
      }
    }
  }
}
