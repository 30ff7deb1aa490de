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
    Throwable cause = getCause();
    String what = cause == null ? "unknown" : cause.getClass().getName();
    if (cause != null && cause.getMessage() != null) {
      what += ": " + cause.getMessage();
    }
    return "internal compiler error in stage `"
        + stage
        + "` while processing "
        + location
        + ": "
        + what;
  }
}
