package dev.cilia.driver;

import dev.cilia.source.SourceFile;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Files whose text is given in memory, such as an editor's unsaved buffers, keyed by path; {@link
 * Inputs} reads an input from here when it has a buffer.
 */
final class Buffers {
  private Buffers() {}

  /** The same buffers keyed by absolute, normalized paths. */
  static Map<Path, String> normalized(Map<Path, String> buffers) {
    Map<Path, String> out = new LinkedHashMap<>();
    buffers.forEach((path, text) -> out.put(key(path), text));
    return Map.copyOf(out);
  }

  static Path key(Path path) {
    return Inputs.key(path);
  }

  /** The buffer of {@code path} as a source file, if there is one. */
  static Optional<SourceFile> find(Map<Path, String> buffers, Path path) {
    String text = buffers.get(key(path));
    return text == null
        ? Optional.empty()
        : Optional.of(new SourceFile(path, Inputs.display(path), text));
  }
}
