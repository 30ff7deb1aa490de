package dev.cilia.load;

import dev.cilia.diag.Diagnostic;
import dev.cilia.diag.Diagnostics;
import dev.cilia.source.SourceFile;
import java.nio.file.Path;
import java.util.List;

/**
 * Stage load: parses the input files and everything they import, and builds the import graph.
 * Imports are relative to the importing file, stay inside the project root and may not form cycles;
 * every problem is a diagnostic (syntax CIL01xx, imports CIL0206–CIL0208).
 */
public final class Load {
  private Load() {}

  /**
   * The parsed files in load order (inputs first, then what they import) and the diagnostics of
   * reading and parsing them.
   */
  public record Result(List<Imports.Unit> units, List<Diagnostic> diagnostics) {
    public Result {
      units = List.copyOf(units);
      diagnostics = List.copyOf(diagnostics);
    }

    /** The files, in load order. */
    public List<SourceFile> files() {
      return units.stream().map(u -> u.source).toList();
    }
  }

  /** Loads {@code inputs} and their imports; {@code root} bounds where imports may go. */
  public static Result load(List<SourceFile> inputs, Path root, SourceLoader loader) {
    Diagnostics diagnostics = new Diagnostics();
    List<Imports.Unit> units = new Imports(root, loader, diagnostics).load(inputs);
    return new Result(units, diagnostics.sorted());
  }
}
