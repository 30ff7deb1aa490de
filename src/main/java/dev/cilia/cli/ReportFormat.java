package dev.cilia.cli;

import dev.cilia.diag.Format;
import picocli.CommandLine.Option;

/**
 * {@code --format} of the commands that report diagnostics; the help offers SARIF only where the
 * command has a SARIF report.
 */
final class ReportFormat {
  private ReportFormat() {}

  /** text, json or sarif. */
  static final class Any {
    @Option(
        names = "--format",
        paramLabel = "FORMAT",
        description = "Diagnostics as text, json or sarif (default: text).")
    Format format = Format.TEXT;
  }

  /** text or json: {@code explain}, {@code import} and {@code test} have no SARIF report. */
  static final class TextOrJson {
    @Option(
        names = "--format",
        paramLabel = "FORMAT",
        description = "Report as text or json (default: text).")
    Format format = Format.TEXT;
  }
}
