package dev.cilia.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cilia.diag.Code;
import dev.cilia.diag.Diagnostic;
import dev.cilia.diag.Related;
import dev.cilia.source.SourceFile;
import dev.cilia.source.Span;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.junit.jupiter.api.Test;

class PublishedTest {
  @Test
  void codeRangeSeverityHintAndRelatedPlacesAreKept() {
    // The line holds a character outside the BMP: LSP columns count UTF-16 units.
    SourceFile file = SourceFile.of("/tmp/a.cilia", "# \uD83D\uDE00\nallow ftp to world\n");
    int ftp = file.text().indexOf("ftp");
    Diagnostic d =
        Diagnostic.of(Code.CIL0203, new Span(file, ftp, ftp + 3), "`ftp` needs its ports", "add")
            .withRelated(new Related(new Span(file, 2, 4), "here"));
    org.eclipse.lsp4j.Diagnostic out = Published.of(d);
    assertEquals("CIL0203", out.getCode().getLeft());
    assertEquals("ciliac", out.getSource());
    assertEquals(DiagnosticSeverity.Error, out.getSeverity());
    assertEquals(new Range(new Position(1, 6), new Position(1, 9)), out.getRange());
    assertEquals("`ftp` needs its ports\nhint: add", out.getMessage().getLeft());
    assertEquals(1, out.getRelatedInformation().size());
    assertEquals(
        new Range(new Position(0, 2), new Position(0, 4)),
        out.getRelatedInformation().get(0).getLocation().getRange());
    assertEquals("here", out.getRelatedInformation().get(0).getMessage());
  }

  @Test
  void warningsAndNotesKeepTheirSeverity() {
    assertEquals(DiagnosticSeverity.Warning, Published.severity(dev.cilia.diag.Severity.WARNING));
    assertEquals(DiagnosticSeverity.Information, Published.severity(dev.cilia.diag.Severity.NOTE));
  }

  @Test
  void positionsRoundTripThroughOffsets() {
    SourceFile file = SourceFile.of("/tmp/a.cilia", "ab\r\n\uD83D\uDE00cd\nlast");
    for (int offset = 0; offset <= file.text().length(); offset++) {
      if (file.text().charAt(Math.max(0, offset - 1)) == '\r') {
        continue; // between \r and \n: not a column of the line
      }
      Position p = Positions.position(file, offset);
      assertEquals(offset, Positions.offset(file, p), "offset " + offset);
    }
    assertEquals(file.text().length(), Positions.offset(file, new Position(99, 0)));
    assertEquals(2, Positions.offset(file, new Position(0, 99)));
  }
}
