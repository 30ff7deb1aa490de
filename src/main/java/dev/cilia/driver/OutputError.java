package dev.cilia.driver;

/** An output that cannot be written, naming the file and the reason: exit 2. */
public final class OutputError extends Exception {
  private static final long serialVersionUID = 1L;

  public OutputError(String message) {
    super(message);
  }
}
