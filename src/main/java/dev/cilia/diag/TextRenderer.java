package dev.cilia.diag;

import dev.cilia.source.SourceFile;
import dev.cilia.source.Span;
import java.io.Console;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;

/** Renders diagnostics for people: location, code and message, the source line, a caret, hint. */
public final class TextRenderer implements Renderer {
  private static final String RESET = "\u001b[0m";
  private static final String BOLD = "\u001b[1m";
  private static final String RED = "\u001b[31m";
  private static final String YELLOW = "\u001b[33m";
  private static final String CYAN = "\u001b[36m";

  /** Gutter width for line numbers up to 9999, so that most reports line up alike. */
  private static final int MIN_GUTTER = 5;

  private static final String INDENT = "   ";

  /** Diagnostics printed per file; the rest are counted in one line. */
  public static final int PER_FILE = 100;

  /** Code points of a source line shown around the caret; longer lines are cut with `…`. */
  static final int WINDOW = 120;

  /** Of the window, how many code points come before the span's start. */
  static final int BEFORE = 40;

  private final boolean colour;

  /** With {@code colour}, severity, message and carets carry ANSI colours; without, no escapes. */
  public TextRenderer(boolean colour) {
    this.colour = colour;
  }

  /** Each diagnostic as a block of lines; blocks are separated by one blank line. */
  @Override
  public String render(List<Diagnostic> diagnostics) {
    StringBuilder out = new StringBuilder();
    Map<String, Integer> perFile = new java.util.LinkedHashMap<>();
    for (Diagnostic diagnostic : diagnostics) {
      int n = perFile.merge(diagnostic.span().file().displayName(), 1, Integer::sum);
      if (n > PER_FILE) {
        continue;
      }
      if (out.length() > 0) {
        out.append('\n');
      }
      append(diagnostic, out);
    }
    for (Map.Entry<String, Integer> file : perFile.entrySet()) {
      int more = file.getValue() - PER_FILE;
      if (more > 0) {
        out.append('\n')
            .append(Visible.escape(file.getKey()))
            .append(": ")
            .append(more)
            .append(more == 1 ? " more diagnostic" : " more diagnostics")
            .append(" not shown (the first ")
            .append(PER_FILE)
            .append(" are above)\n");
      }
    }
    return out.toString();
  }

  /** One diagnostic as a block of lines, each ending in a newline. */
  public String render(Diagnostic diagnostic) {
    StringBuilder out = new StringBuilder();
    append(diagnostic, out);
    return out.toString();
  }

  private void append(Diagnostic diagnostic, StringBuilder out) {
    String severityColour = colourOf(diagnostic.severity());
    int width = gutterWidth(diagnostic);
    out.append(Visible.escape(diagnostic.span().location()))
        .append(": ")
        .append(
            paint(severityColour, diagnostic.severity().label() + "[" + diagnostic.code() + "]"))
        .append(": ")
        .append(paint(BOLD, Visible.escape(diagnostic.message())))
        .append('\n');
    excerpt(diagnostic.span(), width, severityColour, out);
    diagnostic
        .hint()
        .ifPresent(
            hint -> out.append(INDENT).append("hint: ").append(Visible.escape(hint)).append('\n'));
    for (Related related : diagnostic.related()) {
      out.append(INDENT)
          .append(paint(CYAN, "note"))
          .append(": ")
          .append(Visible.escape(related.message()));
      out.append('\n');
      out.append(" ".repeat(width))
          .append("--> ")
          .append(Visible.escape(related.span().location()))
          .append('\n');
      excerpt(related.span(), width, CYAN, out);
    }
  }

  /**
   * The line holding the start of the span and a caret line under it. Carets run to the end of the
   * span or of the line, whichever comes first, and are at least one wide.
   */
  private void excerpt(Span span, int width, String caretColour, StringBuilder out) {
    SourceFile file = span.file();
    String text = file.text();
    int start = Math.min(span.start(), text.length());
    int line = file.line(start);
    int lineStart = file.lineStart(line);
    int lineEnd = file.lineEnd(line);
    // A window of the line around the span's start, so a 100 KB line costs the same as a short one.
    int from = lineStart;
    int to = forward(text, lineStart, WINDOW + 1, lineEnd);
    if (to < lineEnd) {
      from = back(text, start, BEFORE, lineStart);
      to = forward(text, from, WINDOW, lineEnd);
    }
    String cutBefore = from > lineStart ? "…" : "";
    String cutAfter = to < lineEnd ? "…" : "";
    String shown = (cutBefore + visible(text.substring(from, to)) + cutAfter).stripTrailing();
    out.append(leftPad(Integer.toString(line), width)).append(" |");
    if (!shown.isEmpty()) {
      out.append(' ').append(shown);
    }
    out.append('\n');
    int end = Math.min(span.end(), to);
    int carets = end > start ? text.codePointCount(start, end) : 1;
    out.append(" ".repeat(width))
        .append(" | ")
        .append(" ".repeat(cutBefore.length() + text.codePointCount(from, start)))
        .append(paint(caretColour, "^".repeat(carets)))
        .append('\n');
  }

  /** The offset {@code count} code points before {@code offset}, not before {@code limit}. */
  private static int back(String text, int offset, int count, int limit) {
    int at = offset;
    for (int i = 0; i < count && at > limit; i++) {
      at = text.offsetByCodePoints(at, -1);
    }
    return at;
  }

  /** The offset {@code count} code points after {@code offset}, not after {@code limit}. */
  private static int forward(String text, int offset, int count, int limit) {
    int at = offset;
    for (int i = 0; i < count && at < limit; i++) {
      at = text.offsetByCodePoints(at, 1);
    }
    return at;
  }

  /**
   * The line with each tab or other control character shown as one space, so that a caret placed by
   * code-point column stays under its character and source text cannot send terminal escapes.
   */
  private static String visible(String line) {
    StringBuilder out = new StringBuilder(line.length());
    line.codePoints()
        .forEach(
            c ->
                out.appendCodePoint(
                    c <= Character.MAX_VALUE && Visible.unsafe((char) c) ? ' ' : c));
    return out.toString();
  }

  private static int gutterWidth(Diagnostic diagnostic) {
    int widest = diagnostic.span().line();
    for (Related related : diagnostic.related()) {
      widest = Math.max(widest, related.span().line());
    }
    return Math.max(MIN_GUTTER, Integer.toString(widest).length() + 1);
  }

  private static String leftPad(String text, int width) {
    return " ".repeat(Math.max(0, width - text.length())) + text;
  }

  private static String colourOf(Severity severity) {
    return switch (severity) {
      case ERROR -> RED;
      case WARNING -> YELLOW;
      case NOTE -> CYAN;
    };
  }

  private String paint(String escape, String text) {
    return colour ? escape + text + RESET : text;
  }

  /**
   * Counts by severity for the last line of a run: {@code 2 errors, 1 warning}, or {@code no
   * problems}.
   */
  public static String summary(List<Diagnostic> diagnostics) {
    int errors = 0;
    int warnings = 0;
    int notes = 0;
    for (Diagnostic diagnostic : diagnostics) {
      switch (diagnostic.severity()) {
        case ERROR -> errors++;
        case WARNING -> warnings++;
        case NOTE -> notes++;
      }
    }
    StringBuilder out = new StringBuilder();
    count(errors, "error", out);
    count(warnings, "warning", out);
    count(notes, "note", out);
    return out.length() == 0 ? "no problems" : out.toString();
  }

  private static void count(int n, String word, StringBuilder out) {
    if (n == 0) {
      return;
    }
    if (out.length() > 0) {
      out.append(", ");
    }
    out.append(n).append(' ').append(word).append(n == 1 ? "" : "s");
  }

  /**
   * Whether to colour: only on a terminal and only when {@code NO_COLOR} is unset or empty
   * (no-color.org: any non-empty value turns colour off).
   */
  public static boolean colourWanted(Console console, Map<String, String> env) {
    return colourWanted(isTerminal(console), env);
  }

  /** As {@link #colourWanted(Console, Map)}, with the terminal test already made. */
  public static boolean colourWanted(boolean terminal, Map<String, String> env) {
    String noColor = env.get("NO_COLOR");
    return terminal && (noColor == null || noColor.isEmpty());
  }

  /**
   * A console is a terminal on Java 17-21; from Java 22 {@code System.console()} is present even
   * when output is redirected, and only {@code Console.isTerminal()} tells.
   */
  private static boolean isTerminal(Console console) {
    if (console == null) {
      return false;
    }
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return Boolean.TRUE.equals(isTerminal.invoke(console));
    } catch (NoSuchMethodException e) {
      return true;
    } catch (ReflectiveOperationException e) {
      return false;
    }
  }
}
