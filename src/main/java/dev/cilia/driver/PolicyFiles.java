package dev.cilia.driver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes the files of a run into an output folder as one transaction: every file is written into a
 * temporary folder beside the output folder first; only when all are written are they moved into
 * place, each file that they replace (or that an earlier run wrote and this one does not, a renamed
 * or removed policy) kept aside until every move succeeded. A failure at any step puts back every
 * file as it was, removes the temporary folder, and says which file failed and why. Other files in
 * the output folder are never touched.
 */
public final class PolicyFiles {
  /** Moves one file; a seam for tests that make a move fail. */
  @FunctionalInterface
  interface Mover {
    void move(Path from, Path to) throws IOException;
  }

  private static final Mover RENAME =
      (from, to) -> {
        try {
          Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
      };

  private PolicyFiles() {}

  /**
   * Writes {@code files} (file name to text) into {@code directory}, and deletes the {@code stale}
   * names this run does not write; all or nothing.
   *
   * @throws OutputError naming the file that could not be written, with the reason; every file in
   *     {@code directory} is then as it was
   */
  public static void write(Path directory, Map<String, String> files, Collection<String> stale)
      throws OutputError {
    write(directory, files, stale, RENAME);
  }

  static void write(
      Path directory, Map<String, String> files, Collection<String> stale, Mover mover)
      throws OutputError {
    Path target = directory.toAbsolutePath().normalize();
    for (String name : files.keySet()) {
      if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
        throw new IllegalArgumentException("not a plain file name: " + name);
      }
    }
    if (Files.exists(target) && !Files.isDirectory(target)) {
      throw new OutputError("cannot write " + directory + ": it is a file, not a folder");
    }
    Path staging = staging(directory, target);
    try {
      for (Map.Entry<String, String> file : files.entrySet()) {
        try {
          Files.writeString(
              staging.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
        } catch (IOException e) {
          throw failed(directory, file.getKey(), e);
        }
      }
      if (!Files.exists(target)) {
        try {
          mover.move(staging, target);
          return;
        } catch (IOException e) {
          throw new OutputError("cannot write " + directory + ": " + Inputs.reason(e));
        }
      }
      commit(directory, target, staging, files, stale, mover);
    } finally {
      Folders.deleteQuietly(staging);
    }
  }

  /** Moves the staged files into place, keeping what they replace in {@code staging/.old}. */
  private static void commit(
      Path directory,
      Path target,
      Path staging,
      Map<String, String> files,
      Collection<String> stale,
      Mover mover)
      throws OutputError {
    for (String name : files.keySet()) {
      if (Files.isDirectory(target.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
        throw new OutputError(
            "cannot write " + directory.resolve(name) + ": a folder is in the way");
      }
    }
    Path old = staging.resolve(".old");
    Deque<Runnable> undo = new ArrayDeque<>();
    String current = null;
    try {
      Files.createDirectory(old);
      for (String name : stale) {
        current = name;
        Path file = target.resolve(name).normalize();
        if (!files.containsKey(name)
            && target.equals(file.getParent())
            && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
          Path kept = old.resolve(name);
          mover.move(file, kept);
          undo.push(() -> restore(kept, file, mover));
        }
      }
      for (String name : files.keySet()) {
        current = name;
        Path file = target.resolve(name);
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
          Path kept = old.resolve(name);
          mover.move(file, kept);
          undo.push(() -> restore(kept, file, mover));
        }
        mover.move(staging.resolve(name), file);
        undo.push(() -> deleteQuietly(file));
      }
    } catch (IOException e) {
      while (!undo.isEmpty()) {
        undo.pop().run();
      }
      throw failed(directory, current, e);
    }
  }

  /** A new, empty folder beside the output folder, named after it. */
  private static Path staging(Path directory, Path target) throws OutputError {
    Path parent = target.getParent();
    try {
      if (parent == null) {
        throw new IOException("the root folder cannot be an output folder");
      }
      Files.createDirectories(parent);
      while (true) {
        // Not Files.createTempDirectory: its owner-only permissions would stay on a moved folder.
        Path staging =
            parent.resolve(
                "."
                    + target.getFileName()
                    + ".tmp-"
                    + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36));
        try {
          return Files.createDirectory(staging);
        } catch (FileAlreadyExistsException e) {
          // Another name, then.
        }
      }
    } catch (IOException e) {
      throw new OutputError("cannot write " + directory + ": " + Inputs.reason(e));
    }
  }

  private static OutputError failed(Path directory, String name, IOException e) {
    return new OutputError(
        "cannot write "
            + (name == null ? directory : directory.resolve(name))
            + ": "
            + Inputs.reason(e)
            + "; the output folder is as it was");
  }

  private static void restore(Path kept, Path file, Mover mover) {
    try {
      mover.move(kept, file);
    } catch (IOException e) {
      // The undo of a move that just succeeded; nothing better to do than keep going.
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // As above.
    }
  }
}
