package dev.cilia.lsp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.lsp4j.Position;

/** A folder of {@code .cilia} files for the handler tests, with open buffers over some of them. */
final class Workspaces {
  final Path folder;
  final Map<Path, Project.Buffer> buffers = new LinkedHashMap<>();
  Optional<dev.cilia.cilium.Target> cilium = Optional.empty();

  Workspaces(Path folder) {
    this.folder = folder.toAbsolutePath().normalize();
  }

  /** Writes a file to disk. */
  Path write(String name, String text) {
    try {
      Path path = folder.resolve(name);
      Files.writeString(path, text);
      return path;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Opens a buffer (not written to disk). */
  Path open(String name, String text) {
    Path path = folder.resolve(name);
    buffers.put(path, new Project.Buffer(text, buffers.size() + 1));
    return path;
  }

  Snapshot analyze() {
    return Project.analyze(folder, folder, buffers, cilium);
  }

  /** The position of the first {@code needle} in {@code text}, {@code delta} characters in. */
  static Position at(String text, String needle, int delta) {
    int offset = text.indexOf(needle);
    if (offset < 0) {
      throw new IllegalArgumentException(needle);
    }
    offset += delta;
    String before = text.substring(0, offset);
    int line = (int) before.chars().filter(c -> c == '\n').count();
    return new Position(line, offset - (before.lastIndexOf('\n') + 1));
  }

  static final String COMMON = "let db = cidr 10.20.30.0/24\nlet web = tcp 8080\n";

  static final String APP =
      """
      cilium 1.15
      import "common.cilia"

      let api = fqdn "api.example.com"

      policy app in namespace shop {
        select app=web, tier=front
        enforce egress

        allow postgres to db
        allow web to api
        allow tcp 9000-9010 to kube-apiserver
      }

      test "reaches the database" for pods app=web, tier=front in namespace shop {
        expect allow tcp 5432 to ip 10.20.30.4
      }
      """;
}
