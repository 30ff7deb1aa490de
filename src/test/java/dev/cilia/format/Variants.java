package dev.cilia.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rewrites the space between the tokens of a {@code .cilia} text: other blanks, line breaks, blank
 * lines, Windows line ends and new comments, never anything that changes a token. The tokens are
 * found by a small lexer of the language's lexical rules (LANGUAGE.md), independent of the parser.
 */
final class Variants {
  /** What may replace one gap between tokens; index 0 keeps the gap as it was. */
  static final int CHOICES = 11;

  private static final String[] COMMENTS = {
    "# note", "#", "## {  }", "# \"quoted\" é ✓", "#allow tcp 80 to world", "# }"
  };

  private final String text;
  private final List<int[]> tokens = new ArrayList<>();

  Variants(String text) {
    this.text = text;
    lex();
  }

  /** How many gaps there are: before each token and after the last. */
  int gaps() {
    return tokens.size() + 1;
  }

  /** The text with each gap {@code i} that {@code choices} names replaced as it says. */
  String mutate(Map<Integer, Integer> choices) {
    StringBuilder out = new StringBuilder();
    int previousEnd = 0;
    boolean afterComment = false;
    boolean previousJoins = false;
    for (int i = 0; i <= tokens.size(); i++) {
      int start = i < tokens.size() ? tokens.get(i)[0] : text.length();
      String gap = text.substring(previousEnd, start);
      boolean joins = i < tokens.size() && joins(tokens.get(i));
      out.append(gap(gap, choices.getOrDefault(i, 0), i, afterComment, previousJoins && joins));
      if (i < tokens.size()) {
        int[] token = tokens.get(i);
        out.append(text, token[0], token[1]);
        previousEnd = token[1];
        afterComment = text.charAt(token[0]) == '#';
        previousJoins = joins;
      }
    }
    return out.toString();
  }

  private static String gap(
      String original, int choice, int index, boolean afterComment, boolean needsSpace) {
    String comment = COMMENTS[index % COMMENTS.length];
    String gap =
        switch (choice) {
          case 1 -> " ";
          case 2 -> "\n";
          case 3 -> "\n\n\n";
          case 4 -> " \t  ";
          case 5 -> "\r\n";
          case 6 -> "  " + comment + "\n";
          case 7 -> "\n" + comment + "\n";
          case 8 -> "\n\n    " + comment + "\n\n";
          case 9 -> "";
          case 10 -> "\n   \n\t";
          default -> original;
        };
    if (afterComment && !gap.startsWith("\n") && !gap.startsWith("\r\n")) {
      gap = "\n" + gap;
    }
    if (needsSpace && gap.isEmpty()) {
      gap = " ";
    }
    return gap;
  }

  /** Whether a token would run into a neighbour of the same sort without a space between. */
  private boolean joins(int[] token) {
    char c = text.charAt(token[0]);
    return !(c == '{' || c == '}' || c == '(' || c == ')' || c == ',');
  }

  private void lex() {
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      int start = i;
      if (Character.isWhitespace(c)) {
        i++;
        continue;
      } else if (c == '#') {
        while (i < text.length() && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
          i++;
        }
      } else if (c == '"') {
        i++;
        while (i < text.length() && text.charAt(i) != '"') {
          i += text.charAt(i) == '\\' ? 2 : 1;
        }
        i++;
      } else if (isWord(c)) {
        while (i < text.length() && (isWord(text.charAt(i)) || text.charAt(i) == '-')) {
          i++;
        }
      } else if ((c == '=' || c == '!') && i + 1 < text.length() && text.charAt(i + 1) == '=') {
        i += 2;
      } else {
        i++;
      }
      tokens.add(new int[] {start, i});
    }
  }

  private static boolean isWord(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == ':' || c == '/';
  }
}
