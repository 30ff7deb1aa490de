package dev.cilia.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.IHelpSectionRenderer;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * Wraps the help's prose at spaces only. picocli wraps with the JDK's line break iterator, which
 * also breaks after a dot or before a bracket inside a word ({@code X.} / {@code Y}, {@code api.} /
 * {@code example.com}); so the description and the option, parameter and command lists are laid out
 * on one long line each and wrapped here, keeping picocli's columns and its two-space hanging
 * indent.
 */
final class HelpLayout {
  /** Wide enough that picocli wraps nothing. */
  private static final int UNWRAPPED = 10_000;

  private static final List<String> SECTIONS =
      List.of(
          UsageMessageSpec.SECTION_KEY_DESCRIPTION,
          UsageMessageSpec.SECTION_KEY_PARAMETER_LIST,
          UsageMessageSpec.SECTION_KEY_OPTION_LIST,
          UsageMessageSpec.SECTION_KEY_COMMAND_LIST);

  private HelpLayout() {}

  /** Installs the wrapping on {@code cli} and every subcommand. */
  static void install(CommandLine cli) {
    Map<String, IHelpSectionRenderer> sections = cli.getHelpSectionMap();
    for (String key : SECTIONS) {
      IHelpSectionRenderer inner = sections.get(key);
      if (inner != null) {
        boolean columns = !key.equals(UsageMessageSpec.SECTION_KEY_DESCRIPTION);
        sections.put(key, help -> wrapped(help, inner, columns));
      }
    }
    cli.setHelpSectionMap(sections);
    cli.getSubcommands().values().forEach(HelpLayout::install);
  }

  private static String wrapped(Help help, IHelpSectionRenderer inner, boolean columns) {
    UsageMessageSpec usage = help.commandSpec().usageMessage();
    int width = usage.width();
    boolean auto = usage.autoWidth();
    String text;
    usage.autoWidth(false);
    usage.width(UNWRAPPED);
    try {
      text = inner.render(help);
    } finally {
      usage.width(width);
      usage.autoWidth(auto);
    }
    StringBuilder out = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      if (out.length() > 0) {
        out.append('\n');
      }
      out.append(wrap(line, width, columns));
    }
    return out.toString();
  }

  /**
   * One line wrapped at spaces to {@code width}; with {@code columns} the text after the first gap
   * of two or more spaces is the column that wraps, two spaces further in.
   */
  static String wrap(String line, int width, boolean columns) {
    String trimmed = line.stripTrailing();
    if (trimmed.codePointCount(0, trimmed.length()) <= width) {
      return trimmed;
    }
    int lead = trimmed.length() - trimmed.stripLeading().length();
    int start = lead;
    int indent = lead;
    if (columns) {
      int gap = trimmed.indexOf("  ", lead);
      if (gap > 0) {
        start = gap;
        while (start < trimmed.length() && trimmed.charAt(start) == ' ') {
          start++;
        }
        indent = start + 2;
      }
    }
    List<String> lines = new ArrayList<>();
    StringBuilder current = new StringBuilder(trimmed.substring(0, start));
    boolean empty = true;
    for (String word : trimmed.substring(start).split(" +")) {
      int length = current.codePointCount(0, current.length());
      if (!empty && length + 1 + word.codePointCount(0, word.length()) > width) {
        lines.add(current.toString());
        current = new StringBuilder(" ".repeat(indent));
        empty = true;
      }
      if (!empty) {
        current.append(' ');
      }
      current.append(word);
      empty = false;
    }
    lines.add(current.toString());
    return String.join("\n", lines);
  }
}
