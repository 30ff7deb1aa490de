package dev.cilia.lsp;

import dev.cilia.driver.Insight;
import dev.cilia.driver.Language;
import dev.cilia.driver.Outline;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.Position;

/**
 * Hover: on a statement, the rule items it became as YAML and the proof; on a {@code let}, preset
 * or builtin peer, its value; on {@code cilium X.Y}, what that target changes.
 */
final class Hovers {
  private Hovers() {}

  static Optional<Hover> hover(Snapshot snapshot, Path file, Position position) {
    Optional<Outline> found = snapshot.outline(file);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Outline outline = found.get();
    int offset = Positions.offset(outline.file(), position);
    Optional<String> text = name(snapshot, file, outline, offset);
    if (text.isEmpty()) {
      text = target(outline, offset);
    }
    if (text.isEmpty()) {
      text = statement(snapshot, file, outline, offset);
    }
    return text.map(t -> new Hover(new MarkupContent(MarkupKind.MARKDOWN, t)));
  }

  private static Optional<String> name(Snapshot snapshot, Path file, Outline outline, int offset) {
    Optional<Navigation.Definition> let = Navigation.target(snapshot, file, offset);
    if (let.isPresent()) {
      Outline.Symbol symbol = let.get().let();
      String where =
          let.get().file().equals(file) ? "" : "\n\nfrom `" + let.get().file().getFileName() + "`";
      return Optional.of(
          "```cilia\nlet " + symbol.name().text() + " = " + symbol.value() + "\n```" + where);
    }
    Optional<Outline.Use> use = outline.useAt(offset);
    if (use.isEmpty()) {
      return Optional.empty();
    }
    String name = use.get().name().text();
    String preset = Language.presets().get(name);
    if (preset != null) {
      return Optional.of("`" + name + "`: preset, `" + preset + "`");
    }
    return Language.builtinPeer(name).map(value -> "`" + name + "`: builtin peer, `" + value + "`");
  }

  private static Optional<String> target(Outline outline, int offset) {
    if (outline.cilium().isEmpty() || !Outline.contains(outline.cilium().get().span(), offset)) {
      return Optional.empty();
    }
    String version = outline.cilium().get().text();
    List<String> notes = Language.targetNotes(version);
    if (notes.isEmpty()) {
      return Optional.of("Cilium " + version + " is not a supported target");
    }
    StringBuilder out = new StringBuilder("**Cilium " + version + "**: on this target\n");
    for (String note : notes) {
      out.append("\n- ").append(note);
    }
    return Optional.of(out.toString());
  }

  private static Optional<String> statement(
      Snapshot snapshot, Path file, Outline outline, int offset) {
    Optional<Outline.Symbol> symbol = outline.symbolAt(offset);
    if (symbol.isEmpty() || symbol.get().kind() != Outline.Kind.STATEMENT) {
      return Optional.empty();
    }
    if (snapshot.outcome().isEmpty() || snapshot.outcome().get().documents().isEmpty()) {
      long errors =
          snapshot.outcome().stream()
              .flatMap(o -> o.diagnostics().stream())
              .filter(dev.cilia.diag.Diagnostic::isError)
              .count();
      return Optional.of(
          "Not compiled: "
              + (errors == 1 ? "1 error" : errors + " errors")
              + " in the folder stop the policies from being emitted.");
    }
    List<Insight.Rule> rules = Insight.rulesAt(snapshot.outcome().get(), file, offset);
    StringBuilder out = new StringBuilder();
    if (rules.isEmpty()) {
      out.append("This statement adds no rule item of its own.\n");
    }
    for (Insight.Rule rule : rules) {
      out.append("`")
          .append(rule.fileName())
          .append("` `spec.")
          .append(rule.path())
          .append("`\n```yaml\n")
          .append(rule.yaml());
      if (!rule.yaml().endsWith("\n")) {
        out.append('\n');
      }
      out.append("```\n");
    }
    String proof = Insight.proofSummary(snapshot.outcome().get());
    if (!proof.isEmpty()) {
      out.append("\nProof: ").append(proof).append('.');
    }
    return Optional.of(out.toString().strip());
  }
}
