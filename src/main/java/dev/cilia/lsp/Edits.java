package dev.cilia.lsp;

import dev.cilia.diag.Diagnostic;
import dev.cilia.driver.Fixes;
import dev.cilia.driver.Formatting;
import dev.cilia.source.SourceFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;

/** Formatting ({@code ciliac fmt}) and quick fixes from hints that name one replacement. */
final class Edits {
  private Edits() {}

  /** One edit replacing the whole text with its canonical layout; none when formatted or broken. */
  static List<TextEdit> format(Path file, String text) {
    Optional<String> formatted = Formatting.format(file, text);
    if (formatted.isEmpty() || formatted.get().equals(text)) {
      return List.of();
    }
    SourceFile source = new SourceFile(file, file.toString(), text);
    Range all = new Range(new Position(0, 0), Positions.position(source, source.text().length()));
    return List.of(new TextEdit(all, formatted.get()));
  }

  /** The quick fixes of the file's diagnostics that touch {@code range}. */
  static List<CodeAction> codeActions(Snapshot snapshot, Path file, Range range) {
    List<CodeAction> out = new ArrayList<>();
    for (Diagnostic d : snapshot.diagnostics(file)) {
      Range at = Positions.range(d.span());
      if (!overlaps(at, range)) {
        continue;
      }
      Optional<Fixes.Fix> fix = Fixes.of(d);
      if (fix.isEmpty()) {
        continue;
      }
      CodeAction action = new CodeAction(fix.get().title());
      action.setKind(CodeActionKind.QuickFix);
      action.setIsPreferred(true);
      action.setDiagnostics(List.of(Published.of(d)));
      TextEdit edit = new TextEdit(Positions.range(fix.get().span()), fix.get().text());
      action.setEdit(new WorkspaceEdit(Map.of(Positions.uri(file), List.of(edit))));
      out.add(action);
    }
    return out;
  }

  static boolean overlaps(Range a, Range b) {
    return !before(a.getEnd(), b.getStart()) && !before(b.getEnd(), a.getStart());
  }

  private static boolean before(Position x, Position y) {
    return x.getLine() < y.getLine()
        || (x.getLine() == y.getLine() && x.getCharacter() < y.getCharacter());
  }
}
