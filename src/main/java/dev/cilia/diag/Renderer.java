package dev.cilia.diag;

import java.util.List;

/** Turns diagnostics, already in report order, into one output format. */
public sealed interface Renderer permits TextRenderer, JsonRenderer, SarifRenderer {
  /** The whole output, ending in a newline; text output is empty when there is nothing to say. */
  String render(List<Diagnostic> diagnostics);
}
