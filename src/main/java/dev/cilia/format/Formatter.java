package dev.cilia.format;

import dev.cilia.diag.Diagnostic;
import dev.cilia.source.SourceFile;
import dev.cilia.syntax.Ast;
import dev.cilia.syntax.Parser;
import java.util.List;
import java.util.Optional;

/** The canonical text of a {@code .cilia} file (docs/formatting.md). */
public final class Formatter {
  private Formatter() {}

  /** A file's canonical text, or nothing when it has syntax errors; with the parser's findings. */
  public record Result(Optional<String> text, List<Diagnostic> diagnostics) {
    public Result {
      diagnostics = List.copyOf(diagnostics);
    }
  }

  /** Parses {@code source} and formats it when it parses without errors. */
  public static Result format(SourceFile source) {
    Parser.Result parsed = Parser.parse(source);
    return new Result(parsed.file().map(Formatter::format), parsed.diagnostics());
  }

  /** The canonical text of a parsed file, its comments kept where they were. */
  public static String format(Ast.CiliaFile file) {
    return new Layout(file).render();
  }
}
