package dev.cilia.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.SymbolKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SymbolsAndCompletionsTest {
  @TempDir Path dir;

  @Test
  void symbolsArePoliciesWithStatementsTestsAndLets() {
    Workspaces w = new Workspaces(dir);
    w.write("common.cilia", Workspaces.COMMON);
    Path app = w.write("app.cilia", Workspaces.APP);
    List<DocumentSymbol> symbols = Symbols.of(w.analyze(), app);
    assertEquals(
        List.of("api", "app", "reaches the database"),
        symbols.stream().map(DocumentSymbol::getName).toList());
    assertEquals(
        List.of(SymbolKind.Constant, SymbolKind.Class, SymbolKind.Method),
        symbols.stream().map(DocumentSymbol::getKind).toList());
    assertEquals("fqdn \"api.example.com\"", symbols.get(0).getDetail());
    assertEquals(
        List.of(
            "allow postgres to db", "allow web to api", "allow tcp 9000-9010 to kube-apiserver"),
        symbols.get(1).getChildren().stream().map(DocumentSymbol::getName).toList());
  }

  @Test
  void aFileWithSyntaxErrorsHasNoSymbols() {
    Workspaces w = new Workspaces(dir);
    Path broken = w.open("broken.cilia", "policy {");
    assertEquals(List.of(), Symbols.of(w.analyze(), broken));
  }

  @Test
  void completionOffersEveryKindOfName() {
    Workspaces w = new Workspaces(dir);
    w.write("common.cilia", Workspaces.COMMON);
    Path app = w.write("app.cilia", Workspaces.APP);
    w.write(
        "other.cilia", "policy o in namespace x {\n  select team=ops\n  allow https to world\n}\n");
    Map<String, CompletionItemKind> items =
        Completions.of(w.analyze(), app).stream()
            .collect(Collectors.toMap(CompletionItem::getLabel, CompletionItem::getKind));
    assertEquals(CompletionItemKind.Variable, items.get("api"));
    assertEquals(CompletionItemKind.Variable, items.get("db"));
    assertEquals(CompletionItemKind.Value, items.get("https"));
    assertEquals(CompletionItemKind.Constant, items.get("kube-dns"));
    assertEquals(CompletionItemKind.EnumMember, items.get("unmanaged"));
    assertEquals(CompletionItemKind.Keyword, items.get("enforce"));
    assertEquals(CompletionItemKind.Property, items.get("tier"));
    assertEquals(CompletionItemKind.Property, items.get("team"));
    assertTrue(items.size() > 60, items.keySet().toString());
  }
}
