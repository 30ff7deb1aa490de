package dev.cilia.driver;

import dev.cilia.source.SourceFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The one reader of the files and folders a command names, {@code .cilia} and YAML alike: a folder
 * gives its files of the wanted kinds (sorted; with {@code -R} its subfolders' too, regular files
 * only), a file counts by its name, each file is read once (a set of absolute paths), and every
 * read is bounded ({@link BoundedRead}), UTF-8, and has its display name as the user wrote it.
 * Naming a file of the other kind is a usage error that names the command for it.
 */
public final class Inputs {
  /** Files larger than this are refused rather than read into memory. */
  static final long MAX_FILE_BYTES = 8L << 20;

  /** The argument that reads standard input, where a command supports it ({@code lint -}). */
  public static final String STDIN = "-";

  /** What standard input is called in diagnostics. */
  static final String STDIN_NAME = "<stdin>";

  /** The kinds of input, by how a file's name ends (ignoring case). */
  public enum Kind {
    CILIA("Cilia", List.of(".cilia")),
    YAML("YAML", List.of(".yaml", ".yml"));

    private final String language;
    private final List<String> endings;

    Kind(String language, List<String> endings) {
      this.language = language;
      this.endings = endings;
    }

    /** The kind a file's name says, if any. */
    static Optional<Kind> of(Path file) {
      String name =
          file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
      for (Kind kind : values()) {
        if (kind.endings.stream().anyMatch(name::endsWith)) {
          return Optional.of(kind);
        }
      }
      return Optional.empty();
    }

    /** What a file of this kind given to a command for the other kind is told. */
    private String elsewhere() {
      return this == CILIA
          ? "use `ciliac check` (or `compile`) for .cilia files"
          : "use `ciliac lint` for CiliumNetworkPolicy YAML";
    }
  }

  /** The files found, by kind, each once and in the order found. */
  public record Found(List<Path> cilia, List<Path> yaml) {
    public Found {
      cilia = List.copyOf(cilia);
      yaml = List.copyOf(yaml);
    }

    List<Path> of(Kind kind) {
      return kind == Kind.CILIA ? cilia : yaml;
    }
  }

  private Inputs() {}

  /** The {@code .cilia} input files in order; a file of another name is read as Cilia. */
  public static List<SourceFile> read(List<Path> arguments, boolean recursive) throws InputError {
    return read(arguments, recursive, Map.of());
  }

  /**
   * As {@link #read(List, boolean)}, with some files' text given in memory (an editor's open
   * buffers, keyed by absolute normalized path): such a file is read from there, not from disk.
   */
  static List<SourceFile> read(List<Path> arguments, boolean recursive, Map<Path, String> buffers)
      throws InputError {
    List<SourceFile> files = new ArrayList<>();
    for (Path file : find(arguments, recursive, EnumSet.of(Kind.CILIA), buffers.keySet()).cilia()) {
      String text = buffers.get(key(file));
      files.add(
          text == null
              ? readFile(file, file.toString())
              : new SourceFile(file, file.toString(), text));
    }
    return files;
  }

  /**
   * The YAML input files in order ({@code lint}); a file of another name is read as YAML, and
   * {@link #STDIN} reads standard input once.
   */
  public static List<SourceFile> readYaml(
      List<Path> arguments, boolean recursive, InputStream stdin) throws InputError {
    List<Path> named = arguments.stream().filter(a -> !a.toString().equals(STDIN)).toList();
    List<SourceFile> files = new ArrayList<>();
    if (named.size() < arguments.size()) {
      files.add(readStdin(stdin));
    }
    if (!named.isEmpty() || files.isEmpty()) {
      for (Path file : find(named, recursive, EnumSet.of(Kind.YAML), Set.of()).yaml()) {
        files.add(readFile(file, file.toString()));
      }
    }
    return files;
  }

  /**
   * The files of the {@code wanted} kinds that the arguments name. A named file of a kind not
   * wanted is refused; one whose name says no kind counts as the first wanted kind. A path in
   * {@code buffered} (absolute, normalized) is a file even when it is not on disk.
   */
  public static Found find(List<Path> arguments, boolean recursive, Set<Kind> wanted)
      throws InputError {
    return find(arguments, recursive, wanted, Set.of());
  }

  private static Found find(
      List<Path> arguments, boolean recursive, Set<Kind> wanted, Set<Path> buffered)
      throws InputError {
    if (arguments.isEmpty()) {
      throw new InputError(
          "no input files: name " + describe(wanted) + " files or folders that hold them");
    }
    Kind fallback = wanted.contains(Kind.CILIA) ? Kind.CILIA : Kind.YAML;
    List<Path> cilia = new ArrayList<>();
    List<Path> yaml = new ArrayList<>();
    Set<Path> seen = new HashSet<>();
    for (Path argument : arguments) {
      List<Path> files;
      if (buffered.contains(key(argument))) {
        files = List.of(argument);
      } else if (Files.isDirectory(argument)) {
        files = folder(argument, recursive, wanted);
        if (files.isEmpty()) {
          throw new InputError(
              "no "
                  + describe(wanted)
                  + " files in folder "
                  + argument
                  + (recursive ? "" : " (use -R for subfolders)"));
        }
      } else if (!Files.exists(argument)) {
        throw new InputError("cannot read " + argument + ": no such file or folder");
      } else {
        Optional<Kind> kind = Kind.of(argument);
        if (kind.isPresent() && !wanted.contains(kind.get())) {
          throw new InputError(
              "cannot read "
                  + argument
                  + " as "
                  + fallback.language
                  + ": it is "
                  + kind.get().language
                  + "; "
                  + kind.get().elsewhere());
        }
        files = List.of(argument);
      }
      for (Path file : files) {
        if (seen.add(key(file))) {
          (Kind.of(file).orElse(fallback) == Kind.CILIA ? cilia : yaml).add(file);
        }
      }
    }
    return new Found(cilia, yaml);
  }

  /**
   * The regular files of the {@code wanted} kinds in {@code folder} (and with {@code recursive} in
   * its subfolders), sorted; none when there are none.
   */
  public static List<Path> folder(Path folder, boolean recursive, Set<Kind> wanted)
      throws InputError {
    try (Stream<Path> walk = recursive ? Files.walk(folder) : Files.list(folder)) {
      return walk.filter(p -> Kind.of(p).filter(wanted::contains).isPresent())
          .filter(Files::isRegularFile)
          .sorted()
          .toList();
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new InputError("cannot read folder " + folder + ": " + reason(e));
    }
  }

  private static String describe(Set<Kind> wanted) {
    return wanted.stream()
        .flatMap(k -> k.endings.stream())
        .collect(
            Collectors.collectingAndThen(
                Collectors.toList(),
                endings ->
                    endings.size() == 1
                        ? endings.get(0)
                        : String.join(", ", endings.subList(0, endings.size() - 1))
                            + " or "
                            + endings.get(endings.size() - 1)));
  }

  /** Reads one file as UTF-8; {@code displayName} is what diagnostics print. */
  public static SourceFile readFile(Path file, String displayName) throws InputError {
    try {
      return new SourceFile(
          file,
          displayName,
          text(BoundedRead.regularFile(file, displayName, MAX_FILE_BYTES), displayName));
    } catch (IOException e) {
      throw new InputError("cannot read " + displayName + ": " + reason(e));
    }
  }

  private static SourceFile readStdin(InputStream stdin) throws InputError {
    try {
      byte[] bytes = BoundedRead.stream(stdin, STDIN_NAME, MAX_FILE_BYTES);
      return new SourceFile(Path.of(STDIN_NAME), STDIN_NAME, text(bytes, STDIN_NAME));
    } catch (IOException e) {
      throw new InputError("cannot read " + STDIN_NAME + ": " + reason(e));
    }
  }

  private static String text(byte[] bytes, String displayName) throws InputError {
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (CharacterCodingException e) {
      throw new InputError("cannot read " + displayName + ": not UTF-8 text");
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

  static Path key(Path path) {
    return path.toAbsolutePath().normalize();
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
