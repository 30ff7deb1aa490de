package dev.cilia.cilium;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
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

  /** Letters, digits and a few punctuation marks that are never indicators in the middle. */
  private static final Pattern SAFE =
      Pattern.compile("[A-Za-z0-9_/][A-Za-z0-9 _./:@;()'!?+=*&%$~<>|^-]*");

  /** Words that some reader resolves to a boolean or null (compared lowercased). */
  private static final Set<String> WORDS =
      Set.of("y", "n", "yes", "no", "true", "false", "on", "off", "null", "~");

  /**
   * Starts that may begin a number, a timestamp or a special float in some reader: a digit, or a
   * sign or dot followed by a digit or a dot. Strings that start so and contain only safe
   * characters are quoted unless they carry a character no numeric or date form holds.
   */
  private static final Pattern NUMERIC_START = Pattern.compile("[+-]?\\.?[0-9.].*");

  /** Characters that no number, float or timestamp of YAML 1.1 or 1.2 contains. */
  private static final Pattern NOT_NUMERIC = Pattern.compile(".*[/@g-np-su-wyG-NP-SU-WY].*");

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
    if (text.isEmpty() || !SAFE.matcher(text).matches()) {
      return true;
    }
    if (text.endsWith(":") || text.endsWith(" ") || text.contains(": ") || text.contains(" #")) {
      return true;
    }
    if (WORDS.contains(text.toLowerCase(Locale.ROOT))) {
      return true;
    }
    if (NUMERIC_START.matcher(text).matches()) {
      // 0x1F, 0o17, 0b101, 1_000, 1e3, 1:20, 2001-01-01t10:00:00z, 1.0.1 (a YAML 1.1 float by the
      // spec's own pattern): quote unless a letter no such form has rules it out.
      return !NOT_NUMERIC.matcher(text).matches();
    }
    return false;
  }
}
