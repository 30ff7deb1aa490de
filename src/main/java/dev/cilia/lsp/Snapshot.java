package dev.cilia.lsp;

import dev.cilia.diag.Diagnostic;
import dev.cilia.driver.Compilation;
import dev.cilia.driver.Outline;
import dev.cilia.source.SourceFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One analysis of a folder: the compilation (absent when its inputs could not be read), the outline
 * of each file it read or imports, and the diagnostics by file; {@code proven} once the prove stage
 * has run (or had nothing to prove). Paths are absolute and normalized.
 */
record Snapshot(
    Path folder,
    Optional<Compilation.Outcome> outcome,
    Map<Path, Outline> outlines,
    Map<Path, List<Diagnostic>> diagnostics,
    Map<Path, Integer> versions,
    List<String> failures,
    boolean proven) {
  Snapshot {
    outlines = Map.copyOf(outlines);
    diagnostics = Map.copyOf(diagnostics);
    versions = Map.copyOf(versions);
    failures = List.copyOf(failures);
  }

  /** The same analysis, marked as having nothing left to prove. */
  Snapshot asProven() {
    return proven
        ? this
        : new Snapshot(folder, outcome, outlines, diagnostics, versions, failures, true);
  }

  Optional<Outline> outline(Path file) {
    return Optional.ofNullable(outlines.get(file));
  }

  Optional<SourceFile> file(Path file) {
    return outline(file).map(Outline::file);
  }

  List<Diagnostic> diagnostics(Path file) {
    return diagnostics.getOrDefault(file, List.of());
  }
}
