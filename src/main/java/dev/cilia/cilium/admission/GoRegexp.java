package dev.cilia.cilium.admission;

import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Whether an HTTP path or method compiles as a Go (RE2) regular expression (V25 of
 * CILIUM-POLICY.md §4). An approximation: java.util.regex decides, after the syntax RE2 refuses
 * but Java accepts (look-around, back-references, possessive and nested repetition, atomic
 * groups, repeat counts over 1000, flags other than {@code imsU}, Java-only escapes) has been
 * refused here, and RE2's literal {@code {} and {@code (?P<name>)} groups have been translated.
 * Errors read like Go's, {@code error parsing regexp: <code>: `<fragment>`}.
 */
final class GoRegexp {
  private static final String GO_ESCAPE_LETTERS = "afnrtvxAbBzdDsSwWpPQE";

  private GoRegexp() {}

  /** Go's error text when {@code expr} does not compile, else empty. */
  static Optional<String> compileError(String expr) {
    StringBuilder java = new StringBuilder(expr.length() + 8);
    boolean inClass = false;
    int classStart = 0;
    boolean quoted = false;
    int i = 0;
    while (i < expr.length()) {
      char c = expr.charAt(i);
      if (quoted) {
        if (c == '\\' && expr.startsWith("\\E", i)) {
          quoted = false;
          java.append("\\E");
          i += 2;
        } else {
          java.append(c);
          i++;
        }
        continue;
      }
      if (c == '\\') {
        if (i + 1 >= expr.length()) {
          return error("trailing backslash at end of expression", "");
        }
        char e = expr.charAt(i + 1);
        if (e == 'Q') {
          quoted = true;
          java.append("\\Q");
          i += 2;
          continue;
        }
        if (Character.isLetter(e) && GO_ESCAPE_LETTERS.indexOf(e) < 0
            || e == '8'
            || e == '9'
            || (e >= '1' && e <= '7' && !isOctal(expr, i + 2))) {
          return error("invalid escape sequence", expr.substring(i, i + 2));
        }
        if (e >= '0' && e <= '7') {
          // RE2 reads up to three octal digits; Java needs its own spelling for them.
          int end = i + 2;
          while (end < i + 4 && isOctal(expr, end)) {
            end++;
          }
          java.append(String.format("\\x{%x}", Integer.parseInt(expr.substring(i + 1, end), 8)));
          i = end;
          continue;
        }
        java.append(c).append(e);
        i += 2;
        continue;
      }
      if (inClass) {
        if (c == ']') {
          inClass = false;
        } else if (c == '[' || c == '&') {
          // Java reads '[' and '&&' inside a class as nesting and intersection; RE2 as literals.
          java.append('\\');
        }
        java.append(c);
        i++;
        continue;
      }
      switch (c) {
        case '[' -> {
          inClass = true;
          classStart = i;
          java.append(c);
          i++;
          if (i < expr.length() && expr.charAt(i) == '^') {
            java.append('^');
            i++;
          }
          if (i < expr.length() && expr.charAt(i) == ']') {
            java.append("\\]");
            i++;
          }
        }
        case '(' -> {
          if (expr.startsWith("(?", i)) {
            Optional<String> groupError = checkGroup(expr, i);
            if (groupError.isPresent()) {
              return groupError;
            }
            if (expr.startsWith("(?P<", i) || isNamedGroup(expr, i + 2)) {
              // Java's group names are stricter than RE2's; a plain group compiles the same.
              java.append('(');
              i = expr.indexOf('>', i) + 1;
              continue;
            }
          }
          java.append(c);
          i++;
        }
        case '{' -> {
          int end = repeatEnd(expr, i);
          if (end < 0) {
            java.append("\\{");
            i++;
          } else {
            String repeat = expr.substring(i, end);
            if (exceedsRepeatLimit(repeat)) {
              return error("invalid repeat count", repeat);
            }
            if (end < expr.length() && "*+?".indexOf(expr.charAt(end)) >= 0
                || end < expr.length() && expr.charAt(end) == '{' && repeatEnd(expr, end) > 0) {
              if (expr.charAt(end) != '?' || isRepeatAfterLazy(expr, end + 1)) {
                return error("invalid nested repetition operator", nestedFragment(expr, i, end));
              }
            }
            java.append(repeat);
            i = end;
          }
        }
        case '*', '+', '?' -> {
          int next = i + 1;
          if (next < expr.length() && "*+".indexOf(expr.charAt(next)) >= 0
              || next < expr.length() && expr.charAt(next) == '?' && isRepeatAfterLazy(expr, i + 2)
              || next < expr.length() && expr.charAt(next) == '{' && repeatEnd(expr, next) > 0) {
            return error("invalid nested repetition operator", nestedFragment(expr, i, next));
          }
          java.append(c);
          i++;
        }
        default -> {
          java.append(c);
          i++;
        }
      }
    }
    if (inClass) {
      return error("missing closing ]", expr.substring(classStart));
    }
    try {
      Pattern.compile(java.toString());
      return Optional.empty();
    } catch (PatternSyntaxException e) {
      return error(goCode(e.getDescription()), expr);
    }
  }

  private static Optional<String> error(String code, String fragment) {
    return Optional.of("error parsing regexp: " + code + ": `" + fragment + "`");
  }

  private static boolean isOctal(String expr, int at) {
    return at < expr.length() && expr.charAt(at) >= '0' && expr.charAt(at) <= '7';
  }

  private static boolean isRepeatAfterLazy(String expr, int at) {
    return at < expr.length()
        && ("*+?".indexOf(expr.charAt(at)) >= 0
            || expr.charAt(at) == '{' && repeatEnd(expr, at) > 0);
  }

  private static String nestedFragment(String expr, int start, int next) {
    int end = next + 1;
    if (expr.charAt(next) == '{') {
      end = repeatEnd(expr, next);
    }
    return expr.substring(start, Math.min(end, expr.length()));
  }

  /** The index after a valid {@code {n}}, {@code {n,}} or {@code {n,m}} at {@code at}, else -1. */
  private static int repeatEnd(String expr, int at) {
    int i = at + 1;
    int digits = 0;
    while (i < expr.length() && Character.isDigit(expr.charAt(i)) && expr.charAt(i) < 0x80) {
      i++;
      digits++;
    }
    if (digits == 0 || i >= expr.length()) {
      return -1;
    }
    if (expr.charAt(i) == ',') {
      i++;
      while (i < expr.length() && expr.charAt(i) >= '0' && expr.charAt(i) <= '9') {
        i++;
      }
    }
    return i < expr.length() && expr.charAt(i) == '}' ? i + 1 : -1;
  }

  private static boolean exceedsRepeatLimit(String repeat) {
    String body = repeat.substring(1, repeat.length() - 1);
    String[] parts = body.split(",", -1);
    int min = parseBounded(parts[0]);
    int max = parts.length == 1 ? min : parts[1].isEmpty() ? -1 : parseBounded(parts[1]);
    return min > 1000 || max > 1000 || (max >= 0 && max < min);
  }

  private static int parseBounded(String digits) {
    return digits.length() > 5 ? Integer.MAX_VALUE : Integer.parseInt(digits);
  }

  private static Optional<String> checkGroup(String expr, int at) {
    int i = at + 2;
    if (expr.startsWith("P<", i) || isNamedGroup(expr, i)) {
      int start = expr.startsWith("P<", i) ? i + 2 : i + 1;
      int close = expr.indexOf('>', start);
      String name = close < 0 ? "" : expr.substring(start, close);
      if (close < 0 || name.isEmpty() || !name.chars().allMatch(GoRegexp::isWordChar)) {
        return error(
            "invalid named capture", expr.substring(at, close < 0 ? expr.length() : close + 1));
      }
      return Optional.empty();
    }
    int j = i;
    while (j < expr.length() && "imsU-".indexOf(expr.charAt(j)) >= 0) {
      j++;
    }
    if (j < expr.length() && (expr.charAt(j) == ':' || expr.charAt(j) == ')' && j > i)) {
      return Optional.empty();
    }
    return error(
        "invalid or unsupported Perl syntax", expr.substring(at, Math.min(j + 1, expr.length())));
  }

  /** {@code <name>} (not look-behind) at {@code at}, just after {@code (?}. */
  private static boolean isNamedGroup(String expr, int at) {
    return expr.startsWith("<", at) && !expr.startsWith("<=", at) && !expr.startsWith("<!", at);
  }

  private static boolean isWordChar(int c) {
    return c == '_' || c < 0x80 && Character.isLetterOrDigit(c);
  }

  private static String goCode(String javaDescription) {
    String d = javaDescription;
    if (d.startsWith("Unclosed group")) {
      return "missing closing )";
    } else if (d.startsWith("Unclosed character class")) {
      return "missing closing ]";
    } else if (d.startsWith("Unmatched closing ')'")) {
      return "unexpected )";
    } else if (d.startsWith("Dangling meta character")) {
      return "missing argument to repetition operator";
    } else if (d.startsWith("Illegal character range")) {
      return "invalid character class range";
    } else if (d.contains("escape sequence")) {
      return "invalid escape sequence";
    } else if (d.startsWith("Unknown character property")
        || d.startsWith("Unknown Unicode property")) {
      return "invalid character class range";
    }
    return d.toLowerCase(java.util.Locale.ROOT);
  }
}
