package dev.cilia.driver;

/** An input that cannot be read at all (missing, unreadable, no {@code .cilia} files): exit 2. */
public final class InputError extends Exception {
  private static final long serialVersionUID = 1L;

  public InputError(String message) {
    super(message);
  }
}
