package dev.cilia.source;

import java.nio.file.Path;
import java.util.Arrays;

/** The text of one input file with a line index; positions are offsets into {@link #text()}. */
public final class SourceFile {
  private final Path path;
  private final String displayName;
  private final String text;
  private final int[] lineStarts;

  public SourceFile(Path path, String displayName, String text) {
    this.path = path;
    this.displayName = displayName;
    this.text = text;
    this.lineStarts = indexLines(text);
  }

  /** A source that exists only in memory (tests, snippets). */
  public static SourceFile of(String displayName, String text) {
    return new SourceFile(Path.of(displayName), displayName, text);
  }

  private static int[] indexLines(String text) {
    int[] starts = new int[16];
    int count = 0;
    starts[count++] = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
        if (count == starts.length) {
          starts = Arrays.copyOf(starts, count * 2);
        }
        starts[count++] = i + 1;
      }
    }
    return Arrays.copyOf(starts, count);
  }

  public Path path() {
    return path;
  }

  /** The name used in diagnostics: the path as the user gave it, relative where possible. */
  public String displayName() {
    return displayName;
  }

  public String text() {
    return text;
  }

  public int lineCount() {
    return lineStarts.length;
  }

  /** 1-based line of an offset. */
  public int line(int offset) {
    int clamped = Math.max(0, Math.min(offset, text.length()));
    int index = Arrays.binarySearch(lineStarts, clamped);
    return (index >= 0 ? index : -index - 2) + 1;
  }

  /** 1-based column of an offset, counted in code points. */
  public int column(int offset) {
    int clamped = Math.max(0, Math.min(offset, text.length()));
    int start = lineStarts[line(clamped) - 1];
    return text.codePointCount(start, clamped) + 1;
  }

  /** Offset of a 1-based line and column (columns in code points). */
  public int offset(int line, int column) {
    int start = lineStarts[Math.max(0, Math.min(line, lineStarts.length) - 1)];
    int end = endOfLineAt(start);
    int offset = start;
    for (int c = 1; c < column && offset < end; c++) {
      offset = text.offsetByCodePoints(offset, 1);
    }
    return offset;
  }

  /** The text of a 1-based line without its line terminator. */
  public String lineText(int line) {
    int start = lineStarts[line - 1];
    return text.substring(start, endOfLineAt(start));
  }

  /** Offset of the first character of a 1-based line. */
  public int lineStart(int line) {
    return lineStarts[line - 1];
  }

  /** Offset just past the last character of a 1-based line, before its line terminator. */
  public int lineEnd(int line) {
    return endOfLineAt(lineStarts[line - 1]);
  }

  private int endOfLineAt(int start) {
    int end = start;
    while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
      end++;
    }
    return end;
  }

  @Override
  public String toString() {
    return displayName;
  }
}
