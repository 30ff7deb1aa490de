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
          Map.entry("load", Set.of("source", "diag", "syntax")),
          Map.entry("check", Set.of("source", "diag", "syntax", "load", "ir", "cilium")),
          Map.entry("cilium", Set.of("source", "diag")),
          Map.entry("lower", Set.of("source", "diag", "ir", "cilium")),
          Map.entry("emit", Set.of("source", "diag", "ir", "cilium", "lower")),
          Map.entry("eval", Set.of("source", "diag", "cilium")),
          Map.entry("verify", Set.of("source", "diag", "ir", "cilium", "emit", "eval")),
          Map.entry("lint", Set.of("source", "diag", "cilium", "eval")),
          Map.entry("flows", Set.of("source", "diag", "cilium")),
          Map.entry("monitor", Set.of("source", "diag", "ir", "cilium")),
          Map.entry("format", Set.of("source", "diag", "syntax")),
          Map.entry("lift", Set.of("source", "diag", "cilium", "eval", "verify", "lint")),
          Map.entry(
              "driver",
              Set.of(
                  "source", "diag", "syntax", "load", "ir", "check", "cilium", "lower", "emit",
                  "eval", "verify", "lint", "flows", "format", "monitor", "lift")),
          Map.entry("cli", Set.of("driver", "diag", "cilium", "lsp")),
          Map.entry("lsp", Set.of("driver", "diag", "cilium", "source")),
          Map.entry("maven", Set.of("driver", "diag", "cilium")));

  /** Edges that must never appear, whatever {@link #ALLOWED} says (the boundaries). */
  static final Map<String, Set<String>> FORBIDDEN =
      Map.of(
          "eval", Set.of("ir", "verify", "check", "lower", "load", "syntax", "emit"),
          "lint", Set.of("ir", "verify", "check", "lower"),
          "cilium", Set.of("ir", "syntax", "check", "lower", "eval", "verify"));

  private static final Pattern IMPORT = Pattern.compile("^import (?:static )?dev\\.cilia\\.(\\w+)");

  /** A fully qualified use in code, such as {@code dev.cilia.ir.Direction.EGRESS}. */
  private static final Pattern QUALIFIED = Pattern.compile("(?<![\\w.])dev\\.cilia\\.(\\w+)\\.");

  @Test
  void theForbiddenEdgesAreNotAllowed() {
    List<String> violations = new ArrayList<>();
    FORBIDDEN.forEach(
        (stage, never) -> {
          for (String other : never) {
            if (ALLOWED.get(stage).contains(other)) {
              violations.add(stage + " may not import " + other);
            }
          }
        });
    assertEquals(List.of(), violations);
  }

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
        boolean comment = false;
        for (String text : Files.readAllLines(file)) {
          line++;
          String code = text.strip();
          if (comment || code.startsWith("/*") || code.startsWith("*") || code.startsWith("//")) {
            comment =
                comment ? !code.contains("*/") : code.startsWith("/*") && !code.contains("*/");
            continue;
          }
          if (code.startsWith("package ")) {
            continue;
          }
          Matcher m = IMPORT.matcher(text);
          if (m.find()) {
            check(file, line, stage, m.group(1), allowed, violations);
            continue;
          }
          Matcher q = QUALIFIED.matcher(text.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\""));
          while (q.find()) {
            check(file, line, stage, q.group(1), allowed, violations);
          }
        }
      }
    }
    assertEquals(List.of(), violations);
  }

  private static void check(
      Path file, int line, String stage, String used, Set<String> allowed, List<String> out) {
    if (!used.equals(stage) && !allowed.contains(used)) {
      out.add(file + ":" + line + ": `" + stage + "` uses `" + used + "`");
    }
  }
}
