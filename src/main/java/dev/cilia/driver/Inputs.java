package dev.cilia.driver;

import dev.cilia.source.SourceFile;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** Reads the command line's files and folders: every {@code .cilia} file, sorted, once. */
public final class Inputs {
  /** Files larger than this are refused rather than read into memory. */
  static final long MAX_FILE_BYTES = 8L << 20;

  private Inputs() {}

  /** The input files in order, with display names as the user wrote the paths. */
  public static List<SourceFile> read(List<Path> arguments, boolean recursive) throws InputError {
    if (arguments.isEmpty()) {
      throw new InputError("no input files: name .cilia files or folders that hold them");
    }
    List<SourceFile> files = new ArrayList<>();
    Set<Path> seen = new HashSet<>();
    for (Path argument : arguments) {
      for (Path file : expand(argument, recursive)) {
        Path key = file.toAbsolutePath().normalize();
        if (seen.add(key)) {
          files.add(readFile(file, file.toString()));
        }
      }
    }
    return files;
  }

  /** A folder gives its own {@code .cilia} files, and with {@code recursive} its subfolders'. */
  private static List<Path> expand(Path argument, boolean recursive) throws InputError {
    if (Files.isDirectory(argument)) {
      List<Path> found;
      try (Stream<Path> walk = recursive ? Files.walk(argument) : Files.list(argument)) {
        found =
            walk.filter(p -> p.getFileName().toString().endsWith(".cilia"))
                .filter(Files::isRegularFile)
                .sorted()
                .toList();
      } catch (IOException | java.io.UncheckedIOException e) {
        throw new InputError("cannot read folder " + argument + ": " + reason(e));
      }
      if (found.isEmpty()) {
        throw new InputError(
            "no .cilia files in folder "
                + argument
                + (recursive ? "" : " (use -R for subfolders)"));
      }
      return found;
    }
    if (!Files.exists(argument)) {
      throw new InputError("cannot read " + argument + ": no such file or folder");
    }
    if (argument.getFileName() != null
        && argument.getFileName().toString().matches("(?i).*\\.ya?ml")) {
      throw new InputError(
          "cannot read "
              + argument
              + " as Cilia: it is YAML; use `ciliac lint` for CiliumNetworkPolicy YAML");
    }
    return List.of(argument);
  }

  /** Reads one file as UTF-8; {@code displayName} is what diagnostics print. */
  public static SourceFile readFile(Path file, String displayName) throws InputError {
    try {
      byte[] bytes = BoundedRead.regularFile(file, displayName, MAX_FILE_BYTES);
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(bytes))
              .toString();
      if (text.startsWith("\uFEFF")) {
        text = text.substring(1);
      }
      return new SourceFile(file, displayName, text);
    } catch (CharacterCodingException e) {
      throw new InputError("cannot read " + displayName + ": not UTF-8 text");
    } catch (IOException e) {
      throw new InputError("cannot read " + displayName + ": " + reason(e));
    }
  }

  /** The folder that bounds imports: {@code --root}, else the common parent of the inputs. */
  public static Path root(List<Path> arguments, Optional<Path> root) {
    if (root.isPresent()) {
      return root.get().toAbsolutePath().normalize();
    }
    Path common = null;
    for (Path argument : arguments) {
      Path abs = argument.toAbsolutePath().normalize();
      Path dir = Files.isDirectory(abs) ? abs : abs.getParent();
      if (dir == null) {
        dir = abs;
      }
      if (common == null) {
        common = dir;
      } else {
        while (!dir.startsWith(common)) {
          common = common.getParent();
        }
      }
    }
    return common == null ? Path.of("").toAbsolutePath() : common;
  }

  static String reason(Exception e) {
    if (e instanceof NoSuchFileException) {
      return "no such file or folder";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) {
      return fse.getReason();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** How a path is shown: relative to the working folder when it is inside it. */
  static String display(Path path) {
    Path cwd = Path.of("").toAbsolutePath();
    Path abs = path.toAbsolutePath().normalize();
    return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : abs.toString();
  }
}
