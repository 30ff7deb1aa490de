package dev.cilia.source;

/** A range of characters in one source file: {@code [start, end)} offsets. */
public record Span(SourceFile file, int start, int end) {
  public Span {
    if (file == null) {
      throw new IllegalArgumentException("span without a file");
    }
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad span " + start + ".." + end);
    }
  }

  /** The empty span at the start of a file, for problems with the file as a whole. */
  public static Span startOf(SourceFile file) {
    return new Span(file, 0, 0);
  }

  public int line() {
    return file.line(start);
  }

  public int column() {
    return file.column(start);
  }

  /** 1-based line of the end offset. */
  public int endLine() {
    return file.line(end);
  }

  /** 1-based column just past the last code point; equals {@link #column()} for an empty span. */
  public int endColumn() {
    return file.column(end);
  }

  /** Length in code points, at least 1 so that a caret always shows. */
  public int length() {
    return Math.max(1, file.text().codePointCount(start, Math.min(end, file.text().length())));
  }

  /** The smallest span covering both. */
  public Span to(Span other) {
    return new Span(file, Math.min(start, other.start), Math.max(end, other.end));
  }

  public String text() {
    return file.text().substring(start, Math.min(end, file.text().length()));
  }

  /** {@code file:line:column}. */
  public String location() {
    return file.displayName() + ":" + line() + ":" + column();
  }

  @Override
  public String toString() {
    return location();
  }
}
