package dev.cilia.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cilia.source.SourceFile;
import dev.cilia.source.Span;
import org.junit.jupiter.api.Test;

/** {@link Diagnostics} counts its errors as they are added; a repeated diagnostic counts once. */
class DiagnosticsTest {
  private static final SourceFile FILE = SourceFile.of("a.cilia", "policy a {}\npolicy b {}\n");

  @Test
  void countsErrorsOnceAndWarningsApart() {
    Diagnostics diagnostics = new Diagnostics();
    assertFalse(diagnostics.hasErrors());

    diagnostics.add(Diagnostic.of(Code.CIL0304, Span.startOf(FILE), "a note"));
    assertFalse(diagnostics.hasErrors());
    assertEquals(0, diagnostics.errorCount());

    Diagnostic error = Diagnostic.of(Code.CIL0201, new Span(FILE, 7, 8), "unknown peer `a`");
    diagnostics.add(error);
    diagnostics.add(error);
    diagnostics.error(Code.CIL0201, new Span(FILE, 19, 20), "unknown peer `b`");

    assertTrue(diagnostics.hasErrors());
    assertEquals(2, diagnostics.errorCount());
    assertEquals(3, diagnostics.sorted().size());
  }
}
