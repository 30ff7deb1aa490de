package dev.cilia.diag;

import dev.cilia.source.Span;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Collects the diagnostics of a run; {@link #sorted()} gives them in report order. */
public final class Diagnostics {
  private final Set<Diagnostic> all = new LinkedHashSet<>();

  /** How many of {@link #all} are errors: stages ask after every document. */
  private long errors;

  public void add(Diagnostic diagnostic) {
    if (all.add(diagnostic) && diagnostic.isError()) {
      errors++;
    }
  }

  public void addAll(Iterable<Diagnostic> diagnostics) {
    diagnostics.forEach(this::add);
  }

  public void error(Code code, Span span, String message) {
    add(Diagnostic.of(code, span, message));
  }

  public void error(Code code, Span span, String message, String hint) {
    add(Diagnostic.of(code, span, message, hint));
  }

  public boolean hasErrors() {
    return errors > 0;
  }

  public long errorCount() {
    return errors;
  }

  public long warningCount() {
    return all.stream().filter(d -> d.severity() == Severity.WARNING).count();
  }

  /** Sorted by file, position and code, duplicates dropped. */
  public List<Diagnostic> sorted() {
    List<Diagnostic> list = new ArrayList<>(all);
    list.sort(Diagnostic.ORDER);
    return List.copyOf(list);
  }
}
