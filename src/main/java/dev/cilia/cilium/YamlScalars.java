package dev.cilia.cilium;

import java.util.List;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import tools.jackson.dataformat.yaml.util.StringQuotingChecker;

/**
 * Decides which strings may be written as plain YAML scalars. A string stays plain only when no
 * reader could take it for anything but the same string: it is made of letters, digits, spaces and
 * punctuation that is no indicator inside a plain scalar (no indicator first, no {@code ": "} or
 * {@code " #"}, no blank at the end), and it matches none of the implicit types of YAML 1.1
 * (booleans such as {@code yes}/{@code on}, {@code ~}, octal {@code 017}, {@code 0b101}, {@code
 * 1_000}, sexagesimal {@code 1:20}, timestamps, {@code <<}, {@code =}) or YAML 1.2 (core and JSON
 * schema: {@code 0o17}, {@code 0x1F}, {@code .NaN}, {@code 1e3}). Everything else is double-quoted;
 * line-breaking and control characters inside quotes are escaped by the emitter, which writes ASCII
 * only.
 */
public final class YamlScalars extends StringQuotingChecker {
  private static final long serialVersionUID = 1L;

  static final YamlScalars INSTANCE = new YamlScalars();

  /** The punctuation that may follow the first character of a plain scalar. */
  private static final String SAFE_INSIDE = " _./:@;()'!?+=*&%$~<>|^-";

  /** Words that some reader resolves to a boolean or null (compared ignoring case). */
  private static final List<String> WORDS =
      List.of("y", "n", "yes", "no", "true", "false", "on", "off", "null", "~");

  /**
   * The emitter's settings: block style, no line splitting, ASCII output (every other character is
   * escaped inside double quotes, so U+2028, NEL and control characters never appear raw).
   */
  static DumpSettings dumpSettings() {
    return DumpSettings.builder()
        .setCanonical(false)
        .setDefaultFlowStyle(FlowStyle.BLOCK)
        .setSplitLines(false)
        .setUseUnicodeEncoding(false)
        .build();
  }

  @Override
  public boolean needToQuoteName(String name) {
    return needsQuotes(name);
  }

  @Override
  public boolean needToQuoteValue(String value) {
    return needsQuotes(value);
  }

  /** Whether {@code text} must be quoted to read back as the same string everywhere. */
  public static boolean needsQuotes(String text) {
    // One pass over the characters, without allocation: the emitter asks for every key and value.
    int n = text.length();
    if (n == 0 || !safeFirst(text.charAt(0))) {
      return true;
    }
    boolean numericForm = true;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (i > 0 && !safeInside(c)) {
        return true;
      }
      if ((c == ':' && i + 1 < n && text.charAt(i + 1) == ' ')
          || (c == ' ' && i + 1 < n && text.charAt(i + 1) == '#')) {
        return true;
      }
      numericForm &= !notNumeric(c);
    }
    char last = text.charAt(n - 1);
    if (last == ':' || last == ' ') {
      return true;
    }
    if (n <= 5) {
      for (String word : WORDS) {
        if (word.equalsIgnoreCase(text)) {
          return true;
        }
      }
    }
    // A digit first may begin a number, a timestamp or a special float in some reader (0x1F, 0o17,
    // 0b101, 1_000, 1e3, 1:20, 2001-01-01t10:00:00z, 1.0.1, a YAML 1.1 float by the spec's own
    // pattern): quote unless a character that no such form holds rules it out.
    return text.charAt(0) >= '0' && text.charAt(0) <= '9' && numericForm;
  }

  /** Letters, digits, {@code _} and {@code /}: the characters a plain scalar may start with. */
  private static boolean safeFirst(char c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '_'
        || c == '/';
  }

  /** Letters, digits and punctuation that is never an indicator in the middle of a plain scalar. */
  private static boolean safeInside(char c) {
    return safeFirst(c) || (c < 128 && SAFE_INSIDE.indexOf(c) >= 0);
  }

  /** Characters that no number, float or timestamp of YAML 1.1 or 1.2 contains. */
  private static boolean notNumeric(char c) {
    char l = (char) (c | 0x20);
    return c == '/'
        || c == '@'
        || (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')
            && ((l >= 'g' && l <= 'n')
                || (l >= 'p' && l <= 's')
                || (l >= 'u' && l <= 'w')
                || l == 'y');
  }
}
