package dev.cilia.lsp;

import dev.cilia.driver.Language;
import dev.cilia.driver.Outline;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;

/**
 * Completion: keywords, presets, the {@code let} names in scope, builtin peers, entity names and
 * the label keys the folder's files use. The editor filters them by what is typed.
 */
final class Completions {
  private Completions() {}

  static List<CompletionItem> of(Snapshot snapshot, Path file) {
    Map<String, CompletionItem> items = new LinkedHashMap<>();
    Optional<Outline> outline = snapshot.outline(file);
    outline.ifPresent(
        o -> {
          List<Outline.Symbol> lets = new ArrayList<>(o.lets());
          for (Outline.Import imported : o.imports()) {
            snapshot.outline(imported.target()).ifPresent(other -> lets.addAll(other.lets()));
          }
          for (Outline.Symbol let : lets) {
            add(items, let.name().text(), CompletionItemKind.Variable, let.value());
          }
        });
    Language.presets()
        .forEach((name, ports) -> add(items, name, CompletionItemKind.Value, "preset: " + ports));
    for (String peer : Language.builtinPeers()) {
      add(items, peer, CompletionItemKind.Constant, Language.builtinPeer(peer).orElse("peer"));
    }
    for (String entity : Language.entities()) {
      add(items, entity, CompletionItemKind.EnumMember, "entity");
    }
    for (String keyword : Language.keywords()) {
      add(items, keyword, CompletionItemKind.Keyword, "keyword");
    }
    for (Outline other : snapshot.outlines().values()) {
      for (String key : other.labelKeys()) {
        add(items, key, CompletionItemKind.Property, "label key");
      }
    }
    return List.copyOf(items.values());
  }

  private static void add(
      Map<String, CompletionItem> items, String label, CompletionItemKind kind, String detail) {
    if (items.containsKey(label)) {
      return;
    }
    CompletionItem item = new CompletionItem(label);
    item.setKind(kind);
    item.setDetail(detail);
    items.put(label, item);
  }
}
