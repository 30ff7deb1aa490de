package dev.cilia.format;

import dev.cilia.source.SourceFile;
import dev.cilia.syntax.Ast.*;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Lays a parsed file out as canonical lines and puts every comment back next to the code it was
 * written with. The rules are those of docs/formatting.md.
 */
final class Layout {
  /** Trailing comments start in this 1-based column, or two spaces after code that reaches it. */
  static final int COMMENT_COLUMN = 47;

  private static final String INDENT = "  ";

  /** What a line of code is, for blank lines and {@code let} alignment. */
  private enum Kind {
    LET,
    OPEN,
    CLOSE,
    OTHER
  }

  /** One output line of code and the comments that go with it. */
  private static final class Line {
    final Kind kind;
    final int depth;

    /** The source range this line was printed from; comments in it belong to it. */
    final int start;

    final int end;

    /** The code without indentation; for a {@code let}, the part after the name. */
    final String code;

    final String letName;
    final List<Comment> leading = new ArrayList<>();
    final List<Comment> trailing = new ArrayList<>();

    Line(Kind kind, int depth, int start, int end, String code, String letName) {
      this.kind = kind;
      this.depth = depth;
      this.start = start;
      this.end = end;
      this.code = code;
      this.letName = letName;
    }

    /** Full-line comments before a closing brace are indented like the block's statements. */
    int commentDepth() {
      return kind == Kind.CLOSE ? depth + 1 : depth;
    }
  }

  private final CiliaFile file;
  private final SourceFile source;
  private final String text;
  private final List<Line> lines = new ArrayList<>();
  private final List<Comment> endComments = new ArrayList<>();

  Layout(CiliaFile file) {
    this.file = file;
    this.source = file.source();
    this.text = source.text();
  }

  String render() {
    for (Decl decl : file.decls()) {
      addDecl(decl);
    }
    for (Comment comment : file.comments()) {
      place(comment);
    }
    for (Line line : lines) {
      // A line keeps one trailing comment, its last; earlier ones (a statement written over
      // several lines) go above it, in order.
      while (line.trailing.size() > 1) {
        line.leading.add(line.trailing.remove(0));
      }
      line.leading.sort(Comparator.comparingInt(c -> c.span().start()));
    }
    return print();
  }

  // ------------------------------------------------------------------ lines of code

  private void addDecl(Decl decl) {
    int start = decl.span().start();
    int end = decl.span().end();
    if (decl instanceof CiliumDecl d) {
      lines.add(new Line(Kind.OTHER, 0, start, end, Printer.cilium(d), null));
    } else if (decl instanceof ImportDecl d) {
      lines.add(new Line(Kind.OTHER, 0, start, end, Printer.importDecl(d), null));
    } else if (decl instanceof LetDecl d) {
      lines.add(
          new Line(Kind.LET, 0, start, end, Printer.letValue(d.value()), Printer.raw(d.name())));
    } else if (decl instanceof ResolverDecl d) {
      lines.add(new Line(Kind.OTHER, 0, start, end, Printer.resolver(d), null));
    } else if (decl instanceof PolicyDecl d) {
      Word last = d.namespace().orElse(d.name());
      int open = openingBrace(last.span().end());
      lines.add(new Line(Kind.OPEN, 0, start, open + 1, Printer.policyHeader(d), null));
      for (Stmt stmt : d.body()) {
        lines.add(
            new Line(
                Kind.OTHER,
                1,
                stmt.span().start(),
                stmt.span().end(),
                Printer.statement(stmt),
                null));
      }
      lines.add(new Line(Kind.CLOSE, 0, end - 1, end, "}", null));
    } else if (decl instanceof TestDecl d) {
      int open = openingBrace(d.namespace().span().end());
      lines.add(new Line(Kind.OPEN, 0, start, open + 1, Printer.testHeader(d), null));
      for (Expect expect : d.expects()) {
        lines.add(
            new Line(
                Kind.OTHER,
                1,
                expect.span().start(),
                expect.span().end(),
                Printer.expect(expect),
                null));
      }
      lines.add(new Line(Kind.CLOSE, 0, end - 1, end, "}", null));
    } else if (decl instanceof MonitoringDecl d) {
      int open = openingBrace(d.keyword().span().end());
      lines.add(new Line(Kind.OPEN, 0, start, open + 1, "monitoring {", null));
      for (MonitoringSetting setting : d.settings()) {
        lines.add(
            new Line(
                Kind.OTHER,
                1,
                setting.span().start(),
                setting.span().end(),
                Printer.monitoringSetting(setting),
                null));
      }
      lines.add(new Line(Kind.CLOSE, 0, end - 1, end, "}", null));
    } else {
      throw new AssertionError(decl);
    }
  }

  /** The {@code {} after a block's header: only blanks and comments can come between. */
  private int openingBrace(int from) {
    int i = from;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '{') {
        return i;
      } else if (c == '#') {
        while (i < text.length() && text.charAt(i) != '\n') {
          i++;
        }
      } else if (Character.isWhitespace(c)) {
        i++;
      } else {
        break;
      }
    }
    throw new AssertionError("no `{` after offset " + from + " in " + source.displayName());
  }

  // ------------------------------------------------------------------ comments

  /**
   * A comment after code on its line trails the line that code belongs to. A comment alone on its
   * line goes above the line it sits in (a statement written over several lines) or else above the
   * next line; after the last line it stays at the end of the file.
   */
  private void place(Comment comment) {
    int at = comment.span().start();
    int lineStart = source.lineStart(source.line(at));
    if (!text.substring(lineStart, at).isBlank()) {
      int code = at - 1;
      while (Character.isWhitespace(text.charAt(code))) {
        code--;
      }
      owner(code).trailing.add(comment);
      return;
    }
    Line inside = containing(at);
    if (inside != null) {
      inside.leading.add(comment);
      return;
    }
    for (Line line : lines) {
      if (line.start > at) {
        line.leading.add(comment);
        return;
      }
    }
    endComments.add(comment);
  }

  private Line owner(int offset) {
    Line line = containing(offset);
    if (line == null) {
      throw new AssertionError("no code at offset " + offset + " in " + source.displayName());
    }
    return line;
  }

  private Line containing(int offset) {
    for (Line line : lines) {
      if (line.start <= offset && offset < line.end) {
        return line;
      }
    }
    return null;
  }

  // ------------------------------------------------------------------ printing

  private String print() {
    int[] letWidth = letWidths();
    List<String> out = new ArrayList<>();
    boolean atBlockStart = true;
    for (int i = 0; i < lines.size(); i++) {
      Line line = lines.get(i);
      for (Comment comment : line.leading) {
        if (!atBlockStart && blankAbove(comment.span().start())) {
          out.add("");
        }
        out.add(INDENT.repeat(line.commentDepth()) + comment.text().strip());
        atBlockStart = false;
      }
      if (!atBlockStart && line.kind != Kind.CLOSE && blankAbove(line.start)) {
        out.add("");
      }
      String code =
          line.kind == Kind.LET
              ? "let " + Printer.pad(line.letName, letWidth[i]) + " = " + line.code
              : line.code;
      out.add(withTrailing(INDENT.repeat(line.depth) + code, line.trailing));
      atBlockStart = line.kind == Kind.OPEN;
    }
    boolean atStart = lines.isEmpty();
    for (Comment comment : endComments) {
      if (!atStart && blankAbove(comment.span().start())) {
        out.add("");
      }
      out.add(comment.text().strip());
      atStart = false;
    }
    return out.isEmpty() ? "" : String.join("\n", out) + "\n";
  }

  /**
   * For each {@code let}, the width its name is padded to: the longest name of its run, the
   * consecutive {@code let}s with no blank line printed between them.
   */
  private int[] letWidths() {
    int[] widths = new int[lines.size()];
    int i = 0;
    while (i < lines.size()) {
      if (lines.get(i).kind != Kind.LET) {
        i++;
        continue;
      }
      int last = i;
      while (last + 1 < lines.size()
          && lines.get(last + 1).kind == Kind.LET
          && !blankPrintedBefore(lines.get(last + 1))) {
        last++;
      }
      int width = 0;
      for (int j = i; j <= last; j++) {
        String name = lines.get(j).letName;
        width = Math.max(width, name.codePointCount(0, name.length()));
      }
      for (int j = i; j <= last; j++) {
        widths[j] = width;
      }
      i = last + 1;
    }
    return widths;
  }

  /** Whether a blank line is printed before a top-level line that follows another line. */
  private boolean blankPrintedBefore(Line line) {
    for (Comment comment : line.leading) {
      if (blankAbove(comment.span().start())) {
        return true;
      }
    }
    return blankAbove(line.start);
  }

  private String withTrailing(String code, List<Comment> trailing) {
    if (trailing.isEmpty()) {
      return code;
    }
    int width = code.codePointCount(0, code.length());
    int column = Math.max(COMMENT_COLUMN - 1, width + 2);
    return code + " ".repeat(column - width) + trailing.get(0).text().strip();
  }

  /**
   * Whether a blank line stands above the item at {@code offset}: the item begins its source line
   * and the line above is blank. Blank lines are kept this way, never more than one.
   */
  private boolean blankAbove(int offset) {
    int line = source.line(offset);
    return line > 1
        && text.substring(source.lineStart(line), offset).isBlank()
        && source.lineText(line - 1).isBlank();
  }
}
