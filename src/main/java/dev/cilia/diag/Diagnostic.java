package dev.cilia.diag;

import dev.cilia.source.Span;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** One problem in the input: where, what, and how to fix it. */
public record Diagnostic(
    Code code,
    Severity severity,
    Span span,
    String message,
    Optional<String> hint,
    List<Related> related) {

  public Diagnostic {
    related = List.copyOf(related);
  }

  /** Order of reports: file, line, column, code. */
  public static final Comparator<Diagnostic> ORDER =
      Comparator.<Diagnostic, String>comparing(d -> d.span().file().displayName())
          .thenComparingInt(d -> d.span().start())
          .thenComparing(Diagnostic::code)
          .thenComparing(Diagnostic::message);

  public static Diagnostic of(Code code, Span span, String message) {
    return new Diagnostic(code, code.severity(), span, message, Optional.empty(), List.of());
  }

  public static Diagnostic of(Code code, Span span, String message, String hint) {
    return new Diagnostic(code, code.severity(), span, message, Optional.of(hint), List.of());
  }

  public Diagnostic withRelated(Related more) {
    List<Related> all = new java.util.ArrayList<>(related);
    all.add(more);
    return new Diagnostic(code, severity, span, message, hint, all);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }
}
