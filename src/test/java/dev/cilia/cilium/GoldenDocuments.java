package dev.cilia.cilium;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/** The golden outputs of {@code src/test/resources/golden}, for tests of the YAML readers. */
public final class GoldenDocuments {
  private static final Path FOLDER = Path.of("src/test/resources/golden");

  /** One CNP or CCNP document of a golden file, as read back. */
  public record Golden(Path file, JsonNode tree) {}

  private GoldenDocuments() {}

  /** Every YAML file of the golden outputs, in path order. */
  public static List<Path> files() {
    try (Stream<Path> walk = Files.walk(FOLDER)) {
      return walk.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every CNP and CCNP document of the golden files, in file order. */
  public static List<Golden> policies() {
    List<Golden> docs = new ArrayList<>();
    for (Path file : files()) {
      try {
        for (JsonNode tree : PolicyYaml.readTrees(Files.readString(file))) {
          if (tree.has("apiVersion") && tree.path("kind").asString().startsWith("Cilium")) {
            docs.add(new Golden(file, tree));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return List.copyOf(docs);
  }
}
