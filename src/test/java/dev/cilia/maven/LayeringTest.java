package dev.cilia.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The plugin is a thin adapter: of the compiler it sees only the driver, diagnostics and the typed
 * target it hands to the driver.
 */
class LayeringTest {
  @Test
  void importsOnlyDriverDiagAndTheTarget() throws IOException {
    List<String> wrong;
    try (Stream<Path> files = Files.list(Path.of("src/main/java/dev/cilia/maven"))) {
      wrong =
          files
              .flatMap(
                  file -> {
                    try {
                      return Files.readAllLines(file).stream()
                          .filter(line -> line.startsWith("import dev.cilia."))
                          .filter(line -> !line.startsWith("import dev.cilia.driver."))
                          .filter(line -> !line.startsWith("import dev.cilia.diag."))
                          .filter(line -> !line.equals("import dev.cilia.cilium.Target;"))
                          .map(line -> file.getFileName() + ": " + line);
                    } catch (IOException e) {
                      throw new java.io.UncheckedIOException(e);
                    }
                  })
              .toList();
    }
    assertEquals(List.of(), wrong);
  }
}
