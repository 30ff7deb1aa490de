package dev.cilia;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Data flows one way through the pipeline: no stage imports a later one (STYLE.md §1). */
class ArchitectureTest {
  /** What each stage may import besides itself and the JDK/libraries. */
  static final Map<String, Set<String>> ALLOWED =
      Map.ofEntries(
          Map.entry("source", Set.of()),
          Map.entry("diag", Set.of("source")),
          Map.entry("syntax", Set.of("source", "diag")),
          Map.entry("ir", Set.of("source")),
          Map.entry("check", Set.of("source", "diag", "syntax", "ir")),
          Map.entry("cilium", Set.of("source", "diag")),
          Map.entry("lower", Set.of("source", "diag", "ir", "cilium")),
          Map.entry("verify", Set.of("source", "diag", "ir", "cilium")),
          Map.entry("lint", Set.of("source", "diag", "cilium", "verify")),
          Map.entry("format", Set.of("source", "diag", "syntax")),
          Map.entry("lift", Set.of("source", "diag", "cilium", "verify", "lint")),
          Map.entry(
              "driver",
              Set.of(
                  "source", "diag", "syntax", "ir", "check", "cilium", "lower", "verify", "lint",
                  "format", "lift")),
          Map.entry("cli", Set.of("driver", "diag")),
          Map.entry("maven", Set.of("driver", "diag")));

  private static final Pattern IMPORT = Pattern.compile("^import (?:static )?dev\\.cilia\\.(\\w+)");

  @Test
  void noStageImportsALaterOne() throws IOException {
    Path root = Path.of("src/main/java/dev/cilia");
    List<String> violations = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        String stage = root.relativize(file).getName(0).toString();
        Set<String> allowed = ALLOWED.get(stage);
        if (allowed == null) {
          violations.add(file + ": package `" + stage + "` has no place in the pipeline");
          continue;
        }
        int line = 0;
        for (String text : Files.readAllLines(file)) {
          line++;
          Matcher m = IMPORT.matcher(text);
          if (m.find() && !m.group(1).equals(stage) && !allowed.contains(m.group(1))) {
            violations.add(file + ":" + line + ": `" + stage + "` imports `" + m.group(1) + "`");
          }
        }
      }
    }
    assertEquals(List.of(), violations);
  }
}
