package dev.cilia.diag;

/**
 * Input text made safe to print in a message: control characters, line and paragraph separators,
 * NEL and bidirectional overrides are written as escapes such as {@code \x1B} or {@code \u2028}, so
 * a file cannot move the cursor, colour the terminal or reorder the text around it.
 */
public final class Visible {
  private Visible() {}

  /** {@code text} with every unsafe character escaped; the same string when there is none. */
  public static String escape(String text) {
    int i = 0;
    while (i < text.length() && !unsafe(text.charAt(i))) {
      i++;
    }
    if (i == text.length()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 8).append(text, 0, i);
    for (; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!unsafe(c)) {
        out.append(c);
      } else if (c < 0x100) {
        out.append(String.format("\\x%02X", (int) c));
      } else {
        out.append(String.format("\\u%04X", (int) c));
      }
    }
    return out.toString();
  }

  /** Whether {@code c} changes how a terminal shows the text around it. */
  static boolean unsafe(char c) {
    return Character.isISOControl(c)
        || c == '\u2028'
        || c == '\u2029'
        || (c >= '\u202A' && c <= '\u202E')
        || (c >= '\u2066' && c <= '\u2069')
        || c == '\u200E'
        || c == '\u200F'
        || c == '\u061C';
  }
}
