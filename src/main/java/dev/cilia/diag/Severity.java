package dev.cilia.diag;

/** How bad a diagnostic is; only errors fail a run. */
public enum Severity {
  ERROR("error"),
  WARNING("warning"),
  NOTE("note");

  private final String label;

  Severity(String label) {
    this.label = label;
  }

  /** The word printed in text output: {@code error}, {@code warning}, {@code note}. */
  public String label() {
    return label;
  }
}
