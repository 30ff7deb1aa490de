package dev.cilia.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SpanTest {
  @Test
  void lineBoundsExcludeTheTerminator() {
    SourceFile file = SourceFile.of("a.cilia", "ab\r\ncdé\n\n");
    assertEquals(0, file.lineStart(1));
    assertEquals(2, file.lineEnd(1));
    assertEquals(4, file.lineStart(2));
    assertEquals(7, file.lineEnd(2));
    assertEquals(8, file.lineStart(3));
    assertEquals(8, file.lineEnd(3));
    assertEquals(9, file.lineEnd(4));
  }

  @Test
  void endPositionIsJustPastTheSpanInCodePoints() {
    SourceFile file = SourceFile.of("a.cilia", "x 🚀é y\nz\n");
    int start = file.text().indexOf('🚀');
    Span span = new Span(file, start, file.text().indexOf(' ', start));
    assertEquals(3, span.column());
    assertEquals(1, span.endLine());
    assertEquals(5, span.endColumn());
    assertEquals(2, span.length());
  }

  @Test
  void spanEndingAfterANewlineEndsAtTheNextLine() {
    SourceFile file = SourceFile.of("a.cilia", "ab\ncd\n");
    Span span = new Span(file, 0, 3);
    assertEquals(2, span.endLine());
    assertEquals(1, span.endColumn());
  }

  @Test
  void emptySpanEndsWhereItStarts() {
    SourceFile file = SourceFile.of("a.cilia", "");
    Span span = Span.startOf(file);
    assertEquals(1, span.endLine());
    assertEquals(1, span.endColumn());
    assertEquals(1, span.length());
  }
}
