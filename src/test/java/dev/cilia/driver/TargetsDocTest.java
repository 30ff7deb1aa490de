package dev.cilia.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.cilia.cilium.Target;
import dev.cilia.diag.Code;
import dev.cilia.diag.Diagnostic;
import dev.cilia.emit.Emitted;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The table of docs/targets.md against the compiler: every example is compiled for every target and
 * each cell's outcome (emitted, expanded, refused with a code) must hold.
 */
class TargetsDocTest {
  static final Path DOC = Path.of("docs/targets.md");
  static final String SECTION = "## Constructs × targets";
  static final Pattern BACKTICKED = Pattern.compile("`([^`]+)`");

  @TempDir static Path folder;

  /** One row of the table. */
  record Row(String construct, String example, Map<Target, String> cells) {}

  static List<Row> rows() throws IOException {
    List<String> lines = Files.readAllLines(DOC);
    int start = lines.indexOf(SECTION);
    assertTrue(start >= 0, "docs/targets.md has no section `" + SECTION + "`");
    List<String> table = new ArrayList<>();
    for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("## "); i++) {
      if (lines.get(i).startsWith("|")) {
        table.add(lines.get(i));
      }
    }
    List<String> header = cells(table.get(0));
    Map<Target, Integer> columns = new LinkedHashMap<>();
    for (int c = 0; c < header.size(); c++) {
      int column = c;
      Target.parse(header.get(c)).ifPresent(t -> columns.put(t, column));
    }
    assertEquals(Target.all(), List.copyOf(columns.keySet()), "one column per target, in order");
    int example = header.indexOf("example");
    assertTrue(example >= 0, "the table has an `example` column");
    List<Row> rows = new ArrayList<>();
    for (String line : table.subList(2, table.size())) {
      List<String> cells = cells(line);
      assertEquals(header.size(), cells.size(), () -> "cells in row " + line);
      Matcher code = BACKTICKED.matcher(cells.get(example));
      assertTrue(code.matches(), () -> "the example is one `…` span: " + line);
      Map<Target, String> byTarget = new LinkedHashMap<>();
      columns.forEach((t, c) -> byTarget.put(t, cells.get(c)));
      rows.add(new Row(cells.get(0), code.group(1), byTarget));
    }
    return rows;
  }

  private static List<String> cells(String line) {
    String inner = line.strip();
    inner = inner.substring(1, inner.length() - 1);
    List<String> out = new ArrayList<>();
    for (String cell : inner.split("\\|", -1)) {
      out.add(cell.strip());
    }
    return out;
  }

  /** The program of an example: a statement list unless it holds its own braces. */
  static String program(String example) {
    return example.contains("{")
        ? example + "\n"
        : "policy t in namespace shop { " + example + " }\n";
  }

  static Compilation.Outcome compile(String example, Target target, Path dir)
      throws IOException, InputError {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("common.cilia"), "let monitoring = namespace monitoring\n");
    Path file = dir.resolve("t.cilia");
    Files.writeString(file, program(example));
    return Compilation.run(
        new Compilation.Options(List.of(file), false, Optional.of(dir), Optional.of(target)));
  }

  @TestFactory
  List<DynamicTest> everyCellHolds() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    int n = 0;
    for (Row row : rows()) {
      int index = n++;
      for (Map.Entry<Target, String> cell : row.cells().entrySet()) {
        Target target = cell.getKey();
        tests.add(
            DynamicTest.dynamicTest(
                row.construct() + " @ " + target,
                () ->
                    check(
                        row,
                        target,
                        cell.getValue(),
                        compile(row.example(), target, folder.resolve(index + "-" + target)))));
      }
    }
    return tests;
  }

  private static Code code(String name, String what) {
    try {
      return Code.valueOf(name);
    } catch (IllegalArgumentException e) {
      return fail(what + "no diagnostic code " + name);
    }
  }

  private static void check(Row row, Target target, String cell, Compilation.Outcome outcome) {
    String verdict = cell.split("\\s+")[0];
    List<String> named = new ArrayList<>();
    Matcher m = BACKTICKED.matcher(cell);
    while (m.find()) {
      named.add(m.group(1));
    }
    String what = row.construct() + " @ " + target + " (`" + row.example() + "`): ";
    Set<Code> reported =
        outcome.diagnostics().stream().map(Diagnostic::code).collect(Collectors.toSet());
    String yaml = outcome.documents().stream().map(Emitted::yaml).collect(Collectors.joining());
    switch (verdict) {
      case "refused" -> {
        assertTrue(outcome.hasErrors(), what + "expected a refusal, it compiled:\n" + yaml);
        assertFalse(named.isEmpty(), what + "a refused cell names its code");
        for (String name : named) {
          Code code = code(name, what);
          assertTrue(
              outcome.diagnostics().stream().anyMatch(d -> d.code() == code && d.isError()),
              what + "expected error " + code + ", got " + outcome.diagnostics());
        }
      }
      case "emitted", "expanded" -> {
        assertFalse(outcome.hasErrors(), what + "expected it to compile: " + outcome.diagnostics());
        assertFalse(outcome.documents().isEmpty(), what + "nothing was emitted");
        for (String name : named) {
          if (name.matches("CIL\\d{4}")) {
            assertTrue(
                reported.contains(code(name, what)),
                what + "expected " + name + ", got " + outcome.diagnostics());
          } else {
            assertTrue(
                Pattern.compile("(?<![\\w-])" + Pattern.quote(name) + "(?![\\w-])")
                    .matcher(yaml)
                    .find(),
                what + "expected `" + name + "` in the YAML:\n" + yaml);
          }
        }
        if (verdict.equals("expanded")) {
          assertFalse(yaml.contains("endPort"), what + "expanded output has no endPort:\n" + yaml);
        }
      }
      default -> fail(what + "a cell starts with emitted, expanded or refused: `" + cell + "`");
    }
  }

  /** Every keyword of the grammar and every preset appears in some example. */
  @Test
  void everyConstructHasARow() throws IOException {
    String examples = rows().stream().map(Row::example).collect(Collectors.joining("\n"));
    Set<String> words = new TreeSet<>();
    Matcher keyword =
        Pattern.compile("^[A-Z_]+\\s*:\\s*'([a-z]+)'\\s*;", Pattern.MULTILINE)
            .matcher(Files.readString(Path.of("grammar/Cilia.g4")));
    while (keyword.find()) {
      words.add(keyword.group(1));
    }
    assertTrue(words.size() > 30, "keywords read from the grammar: " + words);
    words.addAll(
        List.of(
            "http",
            "https",
            "dns",
            "ntp",
            "oracle",
            "oracle-tls",
            "postgres",
            "mysql",
            "mssql",
            "redis",
            "mongodb",
            "kafka",
            "amqp",
            "smtp",
            "submission",
            "ldap",
            "ldaps",
            "ssh",
            "sftp",
            "world",
            "cluster",
            "host",
            "remote-node",
            "kube-apiserver",
            "kube-dns"));
    List<String> missing = new ArrayList<>();
    for (String word : words) {
      if (!Pattern.compile("(?<![\\w-])" + Pattern.quote(word) + "(?![\\w-])")
          .matcher(examples)
          .find()) {
        missing.add(word);
      }
    }
    assertEquals(List.of(), missing, "constructs without an example in docs/targets.md");
  }

  /** Every target rule of the compiler (the 04xx block) is named in the table. */
  @Test
  void everyTargetCodeIsInTheTable() throws IOException {
    String table = Files.readString(DOC);
    for (Code code : Code.values()) {
      if (code.name().startsWith("CIL04")) {
        assertTrue(table.contains("refused `" + code + "`"), code + " has no refused cell");
      }
    }
  }
}
