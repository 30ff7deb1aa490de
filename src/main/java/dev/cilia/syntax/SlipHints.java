package dev.cilia.syntax;

import dev.cilia.diag.Related;
import dev.cilia.source.SourceFile;
import dev.cilia.syntax.antlr.CiliaLexer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * Help for the common syntax slips: a misspelt keyword ("did you mean `allow`?"), {@code 50000 -
 * 50100} for a port range, and a missing {@code }} (the note points at the {@code {} left open).
 */
final class SlipHints {
  private SlipHints() {}

  /** "did you mean `KEYWORD`?" when the found word is one typo away from an expected keyword. */
  static Optional<String> keyword(Token found, IntervalSet expected) {
    if (found.getType() != CiliaLexer.WORD || found.getText() == null) {
      return Optional.empty();
    }
    String text = found.getText();
    if (text.length() < 3) {
      return Optional.empty();
    }
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (int type : expected.toList()) {
      String literal = CiliaLexer.VOCABULARY.getLiteralName(type);
      if (literal == null || literal.length() < 3) {
        continue;
      }
      String keyword = literal.substring(1, literal.length() - 1);
      int allowed = keyword.length() >= 6 ? 2 : 1;
      int d = distance(text, keyword);
      if (d <= allowed && d < bestDistance) {
        best = keyword;
        bestDistance = d;
      }
    }
    return Optional.ofNullable(best).map(k -> "did you mean `" + k + "`?");
  }

  /** For an invalid {@code -} between two numbers: a range has no spaces. */
  static Optional<String> invalidCharacter(SourceFile source, int start, int end) {
    String text = source.text();
    if (end != start + 1 || text.charAt(start) != '-') {
      return Optional.empty();
    }
    int before = start;
    while (before > 0 && text.charAt(before - 1) == ' ') {
      before--;
    }
    int after = end;
    while (after < text.length() && text.charAt(after) == ' ') {
      after++;
    }
    int lowStart = before;
    while (lowStart > 0 && Character.isDigit(text.charAt(lowStart - 1))) {
      lowStart--;
    }
    int highEnd = after;
    while (highEnd < text.length() && Character.isDigit(text.charAt(highEnd))) {
      highEnd++;
    }
    if (lowStart == before || highEnd == after) {
      return Optional.empty();
    }
    return Optional.of(
        "a port range has no spaces: `"
            + text.substring(lowStart, before)
            + "-"
            + text.substring(after, highEnd)
            + "`");
  }

  /**
   * Where the innermost {@code {} still open before {@code offending} was opened, when the parser
   * wanted a {@code }}; empty when the braces before it balance.
   */
  static Optional<Token> unclosedBrace(List<Token> tokens, Token offending, IntervalSet expected) {
    if (!expected.contains(CiliaLexer.RBRACE)) {
      return Optional.empty();
    }
    Deque<Token> open = new ArrayDeque<>();
    for (Token token : tokens) {
      if (token.getTokenIndex() >= offending.getTokenIndex()) {
        break;
      }
      if (token.getType() == CiliaLexer.LBRACE) {
        open.push(token);
      } else if (token.getType() == CiliaLexer.RBRACE && !open.isEmpty()) {
        open.pop();
      }
    }
    return Optional.ofNullable(open.peek());
  }

  /** The related note for an unclosed brace. */
  static Related unclosedNote(Parser.Offsets offsets, SourceFile source, Token brace) {
    return new Related(offsets.span(source, brace), "this `{` is not closed");
  }

  private static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          v = Math.min(v, d[i - 2][j - 2] + 1);
        }
        d[i][j] = v;
      }
    }
    return d[a.length()][b.length()];
  }
}
