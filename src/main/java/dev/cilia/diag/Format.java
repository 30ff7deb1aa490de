package dev.cilia.diag;

import java.util.Locale;
import java.util.Optional;

/** The output formats of diagnostics, as named by {@code --format}. */
public enum Format {
  TEXT,
  JSON,
  SARIF;

  /** The name on the command line: {@code text}, {@code json} or {@code sarif}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The format with this name, ignoring case and surrounding blanks; empty for any other. */
  public static Optional<Format> parse(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String wanted = name.strip().toLowerCase(Locale.ROOT);
    for (Format format : values()) {
      if (format.label().equals(wanted)) {
        return Optional.of(format);
      }
    }
    return Optional.empty();
  }

  /**
   * The renderer for this format. {@code colour} matters only to text and {@code toolVersion} only
   * to SARIF.
   */
  public Renderer renderer(boolean colour, String toolVersion) {
    return switch (this) {
      case TEXT -> new TextRenderer(colour);
      case JSON -> new JsonRenderer();
      case SARIF -> new SarifRenderer(toolVersion);
    };
  }
}
