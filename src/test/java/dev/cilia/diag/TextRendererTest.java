package dev.cilia.diag;

import static dev.cilia.diag.Samples.at;
import static dev.cilia.diag.Samples.ftp;
import static dev.cilia.diag.Samples.payments;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cilia.source.SourceFile;
import dev.cilia.source.Span;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TextRendererTest {
  private static final TextRenderer PLAIN = new TextRenderer(false);
  private static final TextRenderer COLOUR = new TextRenderer(true);

  @Test
  void rendersTheLanguageExampleExactly() {
    assertEquals(
        """
        payments.cilia:14:9: error[CIL0203]: `ftp` needs its passive data ports
           14 |   allow ftp to partner-ftp
              |         ^^^
           hint: write `ftp passive 30000-30100` with the server's passive port range
        """,
        PLAIN.render(List.of(ftp())));
  }

  @Test
  void singleDigitLinesUseTheSameGutter() {
    SourceFile file = SourceFile.of("a.cilia", "peer ledger\n");
    Diagnostic d = Diagnostic.of(Code.CIL0201, at(file, 1, 6, 6), "unknown name `ledger`");
    assertEquals(
        """
        a.cilia:1:6: error[CIL0201]: unknown name `ledger`
            1 | peer ledger
              |      ^^^^^^
        """,
        PLAIN.render(d));
  }

  @Test
  void gutterWidensForLongFiles() {
    SourceFile file = SourceFile.of("big.cilia", "x\n".repeat(12344) + "peer ledger\n");
    Diagnostic d = Diagnostic.of(Code.CIL0201, at(file, 12345, 6, 6), "unknown name `ledger`");
    assertEquals(
        """
        big.cilia:12345:6: error[CIL0201]: unknown name `ledger`
         12345 | peer ledger
               |      ^^^^^^
        """,
        PLAIN.render(d));
  }

  @Test
  void tabPrintsAsOneSpaceSoTheCaretLinesUp() {
    SourceFile file = SourceFile.of("t.cilia", "\tallow\tftp to x\n");
    Diagnostic d =
        Diagnostic.of(Code.CIL0203, at(file, 1, 8, 3), "`ftp` needs its passive data ports");
    assertEquals(
        """
        t.cilia:1:8: error[CIL0203]: `ftp` needs its passive data ports
            1 |  allow ftp to x
              |        ^^^
        """,
        PLAIN.render(d));
  }

  @Test
  void columnsCountCodePointsNotCharsOrBytes() {
    // é is one char but two UTF-8 bytes; 🚀 is one code point but two chars.
    SourceFile file = SourceFile.of("u.cilia", "let café = \"🚀\" ftp\n");
    int start = file.text().indexOf("ftp");
    Diagnostic d =
        Diagnostic.of(
            Code.CIL0203, new Span(file, start, start + 3), "`ftp` needs its passive data ports");
    assertEquals(
        """
        u.cilia:1:16: error[CIL0203]: `ftp` needs its passive data ports
            1 | let café = "🚀" ftp
              |                ^^^
        """,
        PLAIN.render(d));
  }

  @Test
  void spanOverAnEmojiIsOneCaretPerCodePoint() {
    SourceFile file = SourceFile.of("u.cilia", "name \"🚀🚀\"\n");
    Diagnostic d = Diagnostic.of(Code.CIL0209, at(file, 1, 6, 4), "invalid name `🚀🚀`");
    assertTrue(PLAIN.render(d).endsWith("  |      ^^^^\n"), PLAIN.render(d));
  }

  @Test
  void emptySpanAtEndOfLineShowsOneCaretAfterTheText() {
    SourceFile file = SourceFile.of("e.cilia", "allow tcp/\nnext\n");
    int end = file.lineEnd(1);
    Diagnostic d =
        Diagnostic.of(Code.CIL0104, new Span(file, end, end), "expected a port, found end of line");
    assertEquals(
        """
        e.cilia:1:11: error[CIL0104]: expected a port, found end of line
            1 | allow tcp/
              |           ^
        """,
        PLAIN.render(d));
  }

  @Test
  void caretStopsAtTheEndOfTheLine() {
    SourceFile file = SourceFile.of("m.cilia", "policy p {\r\n  allow any\r\n}\r\n");
    int start = file.offset(1, 8);
    Diagnostic d =
        Diagnostic.of(
            Code.CIL0302,
            new Span(file, start, file.text().length()),
            "clusterwide policy `p` selects every endpoint");
    assertEquals(
        """
        m.cilia:1:8: warning[CIL0302]: clusterwide policy `p` selects every endpoint
            1 | policy p {
              |        ^^^
        """,
        PLAIN.render(d));
  }

  @Test
  void emptyFile() {
    SourceFile file = SourceFile.of("empty.cilia", "");
    Diagnostic d =
        Diagnostic.of(Code.CIL0104, Span.startOf(file), "expected a policy, found end of file");
    assertEquals(
        """
        empty.cilia:1:1: error[CIL0104]: expected a policy, found end of file
            1 |
              | ^
        """,
        PLAIN.render(d));
  }

  @Test
  void spanAtEndOfFileAfterTheLastNewline() {
    SourceFile file = SourceFile.of("n.cilia", "policy p {\n");
    int end = file.text().length();
    Diagnostic d =
        Diagnostic.of(Code.CIL0104, new Span(file, end, end), "expected `}`, found end of file");
    assertEquals(
        """
        n.cilia:2:1: error[CIL0104]: expected `}`, found end of file
            2 |
              | ^
        """,
        PLAIN.render(d));
  }

  @Test
  void relatedLocationsFollowAsNotesWithTheirOwnExcerpt() {
    SourceFile file =
        SourceFile.of(
            "db.cilia",
            "policy db {\n  allow tcp/5432 from app\n".concat("\n".repeat(7))
                + "  deny tcp/5432 from app\n}\n");
    SourceFile other = SourceFile.of("lib/peers.cilia", "peer app = pods app=web\n");
    Diagnostic d =
        Diagnostic.of(
                Code.CIL0301,
                at(file, 10, 3, 4),
                "`deny` drops a declared `allow`",
                "remove one of the two")
            .withRelated(new Related(at(file, 2, 3, 5), "the `allow` it drops"))
            .withRelated(new Related(at(other, 1, 6, 3), "`app` is defined here"));
    assertEquals(
        """
        db.cilia:10:3: error[CIL0301]: `deny` drops a declared `allow`
           10 |   deny tcp/5432 from app
              |   ^^^^
           hint: remove one of the two
           note: the `allow` it drops
             --> db.cilia:2:3
            2 |   allow tcp/5432 from app
              |   ^^^^^
           note: `app` is defined here
             --> lib/peers.cilia:1:6
            1 | peer app = pods app=web
              |      ^^^
        """,
        PLAIN.render(d));
  }

  @Test
  void relatedOnAWideLineWidensTheWholeGutter() {
    SourceFile file = SourceFile.of("w.cilia", "a\n".repeat(99999) + "b\n");
    Diagnostic d =
        Diagnostic.of(Code.CIL0204, at(file, 100000, 1, 1), "name `b` defined twice")
            .withRelated(new Related(at(file, 1, 1, 1), "first defined here"));
    assertEquals(
        """
        w.cilia:100000:1: error[CIL0204]: name `b` defined twice
         100000 | b
                | ^
           note: first defined here
               --> w.cilia:1:1
              1 | a
                | ^
        """,
        PLAIN.render(d));
  }

  @Test
  void diagnosticsAreSeparatedByABlankLine() {
    SourceFile file = SourceFile.of("a.cilia", "peer x\npeer y\n");
    Diagnostic first = Diagnostic.of(Code.CIL0201, at(file, 1, 6, 1), "unknown name `x`");
    Diagnostic second = Diagnostic.of(Code.CIL0304, at(file, 2, 6, 1), "dns visibility widened");
    assertEquals(
        """
        a.cilia:1:6: error[CIL0201]: unknown name `x`
            1 | peer x
              |      ^

        a.cilia:2:6: note[CIL0304]: dns visibility widened
            2 | peer y
              |      ^
        """,
        PLAIN.render(List.of(first, second)));
    assertEquals("", PLAIN.render(List.of()));
  }

  @Test
  void severityComesFromTheDiagnosticNotTheCode() {
    SourceFile file = SourceFile.of("a.cilia", "x\n");
    Diagnostic d =
        new Diagnostic(
            Code.CIL0201, Severity.WARNING, Span.startOf(file), "m", Optional.empty(), List.of());
    assertTrue(PLAIN.render(d).startsWith("a.cilia:1:1: warning[CIL0201]: m\n"));
  }

  @Test
  void withoutColourThereAreNoEscapes() {
    Diagnostic d = ftp().withRelated(new Related(at(payments(), 1, 1, 1), "see here"));
    assertFalse(PLAIN.render(List.of(d)).contains("\u001b"));
  }

  @Test
  void sourceTextCannotSendEscapes() {
    SourceFile file = SourceFile.of("esc.cilia", "peer \u001b[31mx\n");
    Diagnostic d = Diagnostic.of(Code.CIL0103, at(file, 1, 6, 1), "invalid character");
    String out = PLAIN.render(d);
    assertFalse(out.contains("\u001b"), out);
    assertTrue(out.contains("    1 | peer  [31mx\n      |      ^\n"), out);
  }

  @Test
  void colourPaintsSeverityMessageAndCaret() {
    String out = COLOUR.render(List.of(ftp()));
    assertEquals(
        "payments.cilia:14:9: \u001b[31merror[CIL0203]\u001b[0m: "
            + "\u001b[1m`ftp` needs its passive data ports\u001b[0m\n"
            + "   14 |   allow ftp to partner-ftp\n"
            + "      |         \u001b[31m^^^\u001b[0m\n"
            + "   hint: write `ftp passive 30000-30100` with the server's passive port range\n",
        out);
  }

  @Test
  void colourPerSeverity() {
    SourceFile file = SourceFile.of("a.cilia", "x\n");
    Diagnostic warning = Diagnostic.of(Code.CIL0302, Span.startOf(file), "w");
    Diagnostic note =
        Diagnostic.of(Code.CIL0304, Span.startOf(file), "n")
            .withRelated(new Related(Span.startOf(file), "r"));
    assertTrue(COLOUR.render(warning).contains("\u001b[33mwarning[CIL0302]\u001b[0m"));
    assertTrue(COLOUR.render(warning).contains("\u001b[33m^\u001b[0m"));
    String noteOut = COLOUR.render(note);
    assertTrue(noteOut.contains("\u001b[36mnote[CIL0304]\u001b[0m"), noteOut);
    assertTrue(noteOut.contains("   \u001b[36mnote\u001b[0m: r\n"), noteOut);
  }

  @Test
  void summaryCountsBySeverity() {
    SourceFile file = SourceFile.of("a.cilia", "x\n");
    Diagnostic error = Diagnostic.of(Code.CIL0201, Span.startOf(file), "e");
    Diagnostic warning = Diagnostic.of(Code.CIL0302, Span.startOf(file), "w");
    Diagnostic note = Diagnostic.of(Code.CIL0304, Span.startOf(file), "n");
    assertEquals("no problems", TextRenderer.summary(List.of()));
    assertEquals("1 error", TextRenderer.summary(List.of(error)));
    assertEquals("2 errors, 1 warning", TextRenderer.summary(List.of(error, warning, error)));
    assertEquals("2 warnings, 1 note", TextRenderer.summary(List.of(warning, note, warning)));
    assertEquals(
        "1 error, 1 warning, 2 notes", TextRenderer.summary(List.of(note, warning, error, note)));
  }

  @Test
  void colourOnlyOnATerminalWithoutNoColor() {
    assertTrue(TextRenderer.colourWanted(true, Map.of()));
    assertTrue(TextRenderer.colourWanted(true, Map.of("NO_COLOR", "")));
    assertTrue(TextRenderer.colourWanted(true, Map.of("TERM", "xterm")));
    assertFalse(TextRenderer.colourWanted(true, Map.of("NO_COLOR", "1")));
    assertFalse(TextRenderer.colourWanted(true, Map.of("NO_COLOR", "0")));
    assertFalse(TextRenderer.colourWanted(false, Map.of()));
    assertFalse(TextRenderer.colourWanted((java.io.Console) null, Map.of()));
  }
}
