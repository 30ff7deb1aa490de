package dev.cilia.cilium.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cilia.cilium.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The committed {@code schemas/} files are exactly what {@link SchemaGenerator} writes. */
class SchemaFilesTest {
  private static final Path DIR = Path.of("schemas");
  private static final boolean UPDATE = Boolean.getBoolean("cilia.golden.update");

  @Test
  void committedSchemasMatchTheGenerator() throws IOException {
    SortedMap<String, String> expected = SchemaGenerator.renderAll();
    List<String> changed = new ArrayList<>();
    for (var entry : expected.entrySet()) {
      Path file = DIR.resolve(entry.getKey());
      String actual = Files.isRegularFile(file) ? Files.readString(file) : null;
      if (!entry.getValue().equals(actual)) {
        changed.add((actual == null ? "missing " : "changed ") + file);
        if (UPDATE) {
          Files.createDirectories(file.getParent());
          Files.writeString(file, entry.getValue());
        }
      }
    }
    if (Files.isDirectory(DIR)) {
      List<Path> present;
      try (Stream<Path> walk = Files.walk(DIR)) {
        present = walk.filter(Files::isRegularFile).sorted().toList();
      }
      for (Path file : present) {
        String relative = DIR.relativize(file).toString().replace('\\', '/');
        if (!expected.containsKey(relative)) {
          changed.add("stale " + file);
          if (UPDATE) {
            Files.delete(file);
          }
        }
      }
    }
    assertTrue(
        changed.isEmpty(),
        () ->
            (UPDATE
                    ? "rewrote schema files, review and commit them:\n"
                    : "schema files differ from SchemaGenerator, rerun with"
                        + " -Dcilia.golden.update=true:\n")
                + String.join("\n", changed));
  }

  @Test
  void sameTargetSameBytes() {
    for (Target target : Target.values()) {
      for (PolicyKind kind : PolicyKind.values()) {
        assertEquals(SchemaGenerator.render(target, kind), SchemaGenerator.render(target, kind));
      }
    }
  }
}
