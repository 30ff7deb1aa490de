package dev.cilia.maven;

import dev.cilia.diag.Diagnostic;
import dev.cilia.diag.Related;
import dev.cilia.driver.Tests;
import java.nio.file.Path;
import org.apache.maven.plugin.logging.Log;

/**
 * Diagnostics as Maven log messages in the compiler plugin's shape, {@code
 * /abs/path/file.cilia:[line,column] [CODE] message}, which IDEs and CI annotators already link to
 * the source line. A hint and related places follow on indented lines of the same message.
 */
final class LogLines {
  private LogLines() {}

  /** Logs a diagnostic at its severity: errors as errors, warnings as warnings, notes as info. */
  static void log(Log log, Diagnostic diagnostic) {
    String text = text(diagnostic);
    switch (diagnostic.severity()) {
      case ERROR -> log.error(text);
      case WARNING -> log.warn(text);
      case NOTE -> log.info(text);
    }
  }

  /** The message for one diagnostic. */
  static String text(Diagnostic diagnostic) {
    StringBuilder out = new StringBuilder();
    out.append(
            location(
                diagnostic.span().file().path(),
                diagnostic.span().line(),
                diagnostic.span().column()))
        .append(" [")
        .append(diagnostic.code())
        .append("] ")
        .append(diagnostic.message());
    diagnostic.hint().ifPresent(hint -> out.append("\n  hint: ").append(hint));
    for (Related related : diagnostic.related()) {
      out.append("\n  ")
          .append(
              location(
                  related.span().file().path(), related.span().line(), related.span().column()))
          .append(' ')
          .append(related.message());
    }
    return out.toString();
  }

  /** The message for a failed {@code expect} line. */
  static String text(Tests.Failure failure) {
    return location(failure.file(), failure.line(), failure.column())
        + " test \""
        + failure.test()
        + "\": "
        + failure.message();
  }

  /** {@code /abs/path/file.cilia:[line,column]}. */
  static String location(Path file, int line, int column) {
    return file.toAbsolutePath().normalize() + ":[" + line + "," + column + "]";
  }
}
