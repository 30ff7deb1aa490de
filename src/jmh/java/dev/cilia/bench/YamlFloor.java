package dev.cilia.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The floor of bench/run.sh ratio 1: a bare Jackson YAML parse and write of the very documents
 * {@code ciliac compile} emitted, in one JVM, with Jackson's default YAML settings. Usage: {@code
 * YamlFloor DIR_OF_YAML_FILES}; prints how many documents and bytes went through.
 */
public final class YamlFloor {
  private YamlFloor() {}

  public static void main(String[] args) throws IOException {
    YAMLMapper mapper = new YAMLMapper();
    List<Path> files;
    try (Stream<Path> list = Files.list(Path.of(args[0]))) {
      files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    long bytes = 0;
    for (Path file : files) {
      JsonNode tree = mapper.readTree(Files.readString(file));
      bytes += mapper.writeValueAsString(tree).length();
    }
    System.out.println(files.size() + " documents, " + bytes + " bytes written");
  }
}
