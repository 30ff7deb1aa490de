package dev.cilia.driver;

import dev.cilia.source.SourceFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Files whose text is given in memory, such as an editor's unsaved buffers, keyed by path. */
final class Buffers {
  private Buffers() {}

  /** The same buffers keyed by absolute, normalized paths. */
  static Map<Path, String> normalized(Map<Path, String> buffers) {
    Map<Path, String> out = new LinkedHashMap<>();
    buffers.forEach((path, text) -> out.put(key(path), text));
    return Map.copyOf(out);
  }

  static Path key(Path path) {
    return path.toAbsolutePath().normalize();
  }

  /** The buffer of {@code path} as a source file, if there is one. */
  static Optional<SourceFile> find(Map<Path, String> buffers, Path path) {
    String text = buffers.get(key(path));
    return text == null
        ? Optional.empty()
        : Optional.of(new SourceFile(path, Inputs.display(path), text));
  }

  /**
   * The inputs, each once, in the order given: a buffer where there is one, else the file on disk;
   * folders are read as {@link Inputs#read} reads them.
   */
  static List<SourceFile> read(List<Path> arguments, Map<Path, String> buffers) throws InputError {
    if (arguments.isEmpty()) {
      throw new InputError("no input files: name .cilia files or folders that hold them");
    }
    List<SourceFile> files = new ArrayList<>();
    Set<Path> seen = new HashSet<>();
    for (Path argument : arguments) {
      String text = buffers.get(key(argument));
      if (text != null) {
        if (seen.add(key(argument))) {
          files.add(new SourceFile(argument, argument.toString(), text));
        }
        continue;
      }
      if (!Files.exists(argument)) {
        throw new InputError("cannot read " + argument + ": no such file or folder");
      }
      for (SourceFile file : Inputs.read(List.of(argument), false)) {
        if (seen.add(key(file.path()))) {
          files.add(file);
        }
      }
    }
    return files;
  }
}
