package dev.cilia.maven;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one successful run saw: the settings key, a digest of every file the compiler read (the
 * inputs and everything they import) and of every file it wrote. A later run whose inputs, imports,
 * outputs and settings all still match has nothing to do; any difference rebuilds everything, which
 * keeps importers in step with the files they import.
 */
record Stamp(String settings, SortedMap<Path, String> files, SortedMap<String, String> outputs) {
  private static final String HEADER = "cilia-stamp 1";

  Stamp {
    files = new TreeMap<>(files);
    outputs = new TreeMap<>(outputs);
  }

  /** The stamp of a run that read {@code files} (path to text as the compiler saw it). */
  static Stamp of(String settings, Map<Path, String> files) {
    SortedMap<Path, String> digests = new TreeMap<>();
    files.forEach((path, text) -> digests.put(key(path), Digests.of(text)));
    return new Stamp(settings, digests, new TreeMap<>());
  }

  /** This stamp with the files written to the output folder, by name. */
  Stamp withOutputs(Map<String, String> written) {
    SortedMap<String, String> digests = new TreeMap<>();
    written.forEach((name, text) -> digests.put(name, Digests.of(text)));
    return new Stamp(settings, files, digests);
  }

  /**
   * Whether a run with these settings and inputs would read exactly what this stamp's run read:
   * same settings, no new input, and every file read still has the same text.
   */
  boolean isCurrent(String settings, Collection<Path> inputs) {
    if (!this.settings.equals(settings)) {
      return false;
    }
    for (Path input : inputs) {
      if (!files.containsKey(key(input))) {
        return false;
      }
    }
    for (Map.Entry<Path, String> file : files.entrySet()) {
      Optional<String> text = readText(file.getKey());
      if (text.isEmpty() || !Digests.of(text.get()).equals(file.getValue())) {
        return false;
      }
    }
    return true;
  }

  /** Whether every file this stamp's run wrote is still in {@code directory}, unchanged. */
  boolean outputsPresent(Path directory) {
    for (Map.Entry<String, String> output : outputs.entrySet()) {
      Optional<String> text = readText(directory.resolve(output.getKey()));
      if (text.isEmpty() || !Digests.of(text.get()).equals(output.getValue())) {
        return false;
      }
    }
    return true;
  }

  /** The stamp in {@code file}; empty when there is none or it cannot be read. */
  static Optional<Stamp> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return Optional.empty();
    }
    if (lines.size() < 2 || !lines.get(0).equals(HEADER) || !lines.get(1).startsWith("settings ")) {
      return Optional.empty();
    }
    String settings = lines.get(1).substring("settings ".length());
    SortedMap<Path, String> files = new TreeMap<>();
    SortedMap<String, String> outputs = new TreeMap<>();
    for (String line : lines.subList(2, lines.size())) {
      String[] parts = line.split(" ", 3);
      if (parts.length != 3) {
        return Optional.empty();
      }
      switch (parts[0]) {
        case "file" -> files.put(Path.of(parts[2]), parts[1]);
        case "output" -> outputs.put(parts[2], parts[1]);
        default -> {
          return Optional.empty();
        }
      }
    }
    return Optional.of(new Stamp(settings, files, outputs));
  }

  /** Writes this stamp to {@code file}, creating its folder. */
  void write(Path file) throws IOException {
    StringBuilder out = new StringBuilder(HEADER).append('\n');
    out.append("settings ").append(settings).append('\n');
    files.forEach(
        (path, digest) -> out.append("file ").append(digest).append(' ').append(path).append('\n'));
    outputs.forEach(
        (name, digest) ->
            out.append("output ").append(digest).append(' ').append(name).append('\n'));
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, out, StandardCharsets.UTF_8);
  }

  /** Removes the stamp in {@code file}, if any. */
  static void delete(Path file) throws IOException {
    Files.deleteIfExists(file);
  }

  /**
   * A file's text as the compiler reads it (UTF-8, byte order mark dropped); empty if unreadable.
   */
  static Optional<String> readText(Path file) {
    try {
      byte[] bytes = Files.readAllBytes(file);
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
      return Optional.of(text.startsWith("\uFEFF") ? text.substring(1) : text);
    } catch (CharacterCodingException e) {
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static Path key(Path path) {
    return path.toAbsolutePath().normalize();
  }
}
