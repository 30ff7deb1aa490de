package dev.cilia.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EditsTest {
  @TempDir Path dir;

  @Test
  void formattingReplacesTheTextWithItsCanonicalLayout() {
    Path file = dir.resolve("a.cilia");
    String messy = "policy a   in namespace x {\nallow https to world }\n";
    List<TextEdit> edits = Edits.format(file, messy);
    assertEquals(1, edits.size());
    assertEquals(new Range(new Position(0, 0), new Position(2, 0)), edits.get(0).getRange());
    String formatted = edits.get(0).getNewText();
    assertEquals(List.of(), Edits.format(file, formatted));
    assertEquals(List.of(), Edits.format(file, "policy {"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "allow ftp to world                  | allow ftp passive 30000-30100 to world | CIL0203",
        "allow tcp 90-80 to world            | allow tcp 80-90 to world               | CIL0214",
        "allow https, 8443 to world          | allow https, tcp 8443 to world         | CIL0218",
        "allow tcp 80 to cidr 10.1.2.3       | allow tcp 80 to ip 10.1.2.3            | CIL0215",
        "allow tcp 80 to cidr 10.1.2.3/8     | allow tcp 80 to cidr 10.0.0.0/8        | CIL0215",
        "allow tcp 80 to 10.1.2.3            | allow tcp 80 to ip 10.1.2.3            | CIL0201",
        "allow tcp 80 to 10.1.0.0/16         | allow tcp 80 to cidr 10.1.0.0/16       | CIL0201",
        "allow tcp/1521 to world             | allow tcp 1521 to world                | CIL0201",
      })
  void aHintWithOneFixIsAQuickFix(String statement, String fixed, String code) {
    Workspaces w = new Workspaces(dir);
    String text = "policy a in namespace x {\n  " + statement + "\n}\n";
    Path file = w.open("a.cilia", text);
    Snapshot s = w.analyze();
    List<CodeAction> actions =
        Edits.codeActions(s, file, new Range(new Position(1, 0), new Position(1, 80)));
    assertEquals(1, actions.size(), s.diagnostics(file).toString());
    assertEquals(code, actions.get(0).getDiagnostics().get(0).getCode().getLeft());
    List<TextEdit> edits = actions.get(0).getEdit().getChanges().get(Positions.uri(file));
    assertEquals("policy a in namespace x {\n  " + fixed + "\n}\n", apply(text, edits));
  }

  @Test
  void hintsWithSeveralOrNoFixesOfferNone() {
    Workspaces w = new Workspaces(dir);
    String text = "policy a in namespace x {\n  allow tcp 80 to nowhere\n}\n";
    Path file = w.open("a.cilia", text);
    assertEquals(
        List.of(),
        Edits.codeActions(w.analyze(), file, new Range(new Position(0, 0), new Position(3, 0))));
  }

  @Test
  void onlyDiagnosticsInTheRangeAreFixed() {
    Workspaces w = new Workspaces(dir);
    String text = "policy a in namespace x {\n  allow ftp to world\n}\n";
    Path file = w.open("a.cilia", text);
    assertEquals(
        List.of(),
        Edits.codeActions(w.analyze(), file, new Range(new Position(0, 0), new Position(0, 3))));
  }

  static String apply(String text, List<TextEdit> edits) {
    dev.cilia.source.SourceFile file = dev.cilia.source.SourceFile.of("x", text);
    StringBuilder out = new StringBuilder(text);
    edits.stream()
        .sorted(
            (a, b) ->
                Positions.offset(file, b.getRange().getStart())
                    - Positions.offset(file, a.getRange().getStart()))
        .forEach(
            e ->
                out.replace(
                    Positions.offset(file, e.getRange().getStart()),
                    Positions.offset(file, e.getRange().getEnd()),
                    e.getNewText()));
    return out.toString();
  }
}
