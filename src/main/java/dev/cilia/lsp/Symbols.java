package dev.cilia.lsp;

import dev.cilia.driver.Outline;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.SymbolKind;

/** Document symbols: policies with their statements, tests and {@code let}s. */
final class Symbols {
  private Symbols() {}

  static List<DocumentSymbol> of(Snapshot snapshot, Path file) {
    return snapshot
        .outline(file)
        .map(o -> o.symbols().stream().map(Symbols::of).toList())
        .orElse(List.of());
  }

  private static DocumentSymbol of(Outline.Symbol symbol) {
    DocumentSymbol out =
        new DocumentSymbol(
            symbol.name().text(),
            kind(symbol.kind()),
            Positions.range(symbol.span()),
            Positions.range(symbol.name().span()));
    switch (symbol.kind()) {
      case POLICY -> out.setDetail("policy");
      case TEST -> out.setDetail("test");
      case LET -> out.setDetail(symbol.value());
      case STATEMENT -> {}
    }
    if (!symbol.children().isEmpty()) {
      out.setChildren(symbol.children().stream().map(Symbols::of).toList());
    }
    return out;
  }

  private static SymbolKind kind(Outline.Kind kind) {
    return switch (kind) {
      case POLICY -> SymbolKind.Class;
      case TEST -> SymbolKind.Method;
      case LET -> SymbolKind.Constant;
      case STATEMENT -> SymbolKind.Field;
    };
  }
}
