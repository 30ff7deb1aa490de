package dev.cilia.lsp;

import dev.cilia.diag.Related;
import dev.cilia.diag.Severity;
import java.util.List;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticRelatedInformation;
import org.eclipse.lsp4j.DiagnosticSeverity;

/** Our diagnostics as LSP diagnostics: the same code, range, severity, related places and hint. */
final class Published {
  static final String SOURCE = "ciliac";

  private Published() {}

  static List<Diagnostic> of(List<dev.cilia.diag.Diagnostic> diagnostics) {
    return diagnostics.stream().map(Published::of).toList();
  }

  static Diagnostic of(dev.cilia.diag.Diagnostic d) {
    Diagnostic out = new Diagnostic();
    out.setRange(Positions.range(d.span()));
    out.setSeverity(severity(d.severity()));
    out.setCode(d.code().name());
    out.setSource(SOURCE);
    out.setMessage(d.message() + d.hint().map(h -> "\nhint: " + h).orElse(""));
    if (!d.related().isEmpty()) {
      out.setRelatedInformation(
          d.related().stream()
              .map(
                  (Related r) ->
                      new DiagnosticRelatedInformation(Positions.location(r.span()), r.message()))
              .toList());
    }
    return out;
  }

  static DiagnosticSeverity severity(Severity severity) {
    return switch (severity) {
      case ERROR -> DiagnosticSeverity.Error;
      case WARNING -> DiagnosticSeverity.Warning;
      case NOTE -> DiagnosticSeverity.Information;
    };
  }
}
