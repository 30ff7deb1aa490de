package dev.cilia.driver;

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
