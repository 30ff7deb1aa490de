package dev.cilia.diag;

import dev.cilia.source.Span;

/** Another place that explains a diagnostic, such as the `allow` that a `deny` drops. */
public record Related(Span span, String message) {}
