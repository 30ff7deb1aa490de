package dev.cilia.driver;

import dev.cilia.diag.Code;
import dev.cilia.diag.Diagnostic;
import dev.cilia.source.SourceFile;
import dev.cilia.source.Span;
import java.nio.file.Path;

/** A bug in ciliac, with the stage and input it happened on: exit 2. */
public final class InternalCompilerError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String stage;
  private final String location;

  public InternalCompilerError(String stage, String location, Throwable cause) {
    super(cause);
    this.stage = stage;
    this.location = location;
  }

  public String stage() {
    return stage;
  }

  public String location() {
    return location;
  }

  /** One line for the user: what crashed, where, and what to report. */
  public String describe() {
    return "internal compiler error in stage `"
        + stage
        + "` while processing "
        + location
        + ": "
        + what(getCause());
  }

  /** What the user is asked to do, after {@link #describe()}. */
  public static final String REPORT_IT = "this is a bug in ciliac, please report it with the input";

  /** Where the stack is. */
  public static final String HINT = "--debug prints the stack";

  /**
   * This failure as the CIL0901 diagnostic of a JSON or SARIF report: at line 1 of the pseudo-file
   * {@code ciliac}, since it is no input's fault.
   */
  public Diagnostic diagnostic() {
    SourceFile ciliac = new SourceFile(Path.of("ciliac"), "ciliac", "");
    return Diagnostic.of(Code.CIL0901, Span.startOf(ciliac), describe() + "; " + REPORT_IT, HINT);
  }

  /**
   * What went wrong in words: running out of memory or stack is named as such (the input is too
   * large or nested too deeply for this JVM), other failures by their exception and message.
   */
  static String what(Throwable cause) {
    if (cause == null) {
      return "unknown failure";
    }
    if (cause instanceof OutOfMemoryError) {
      return "out of memory (the input is too large for the JVM's heap; -Xmx raises it)";
    }
    if (cause instanceof StackOverflowError) {
      return "stack overflow (the input nests too deeply for the JVM's stack; -Xss raises it)";
    }
    String what =
        cause instanceof AssertionError ? "assertion failed" : cause.getClass().getSimpleName();
    String message = cause.getMessage();
    if (message != null && !message.isBlank()) {
      String line = message.strip().lines().findFirst().orElse("");
      what += ": " + (line.length() > 200 ? line.substring(0, 200) + "…" : line);
    }
    return what;
  }
}
