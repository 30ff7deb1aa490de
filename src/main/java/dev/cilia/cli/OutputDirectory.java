package dev.cilia.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a run's files atomically: everything goes to temporary siblings first, and only when all
 * are written are they moved into place. A failed run leaves earlier output untouched.
 */
final class OutputDirectory {
  private OutputDirectory() {}

  static void write(Path directory, Map<String, String> files) throws IOException {
    Files.createDirectories(directory);
    Map<Path, Path> staged = new LinkedHashMap<>();
    List<Path> temporaries = new ArrayList<>();
    try {
      for (Map.Entry<String, String> file : files.entrySet()) {
        Path target = directory.resolve(file.getKey());
        // Not createTempFile: its owner-only permissions would survive the move.
        Path temporary =
            directory.resolve("." + file.getKey() + "." + java.util.UUID.randomUUID() + ".tmp");
        temporaries.add(temporary);
        Files.writeString(
            temporary, file.getValue(), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
        staged.put(temporary, target);
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
  }
}
