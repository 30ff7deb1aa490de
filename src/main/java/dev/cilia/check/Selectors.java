package dev.cilia.check;

import dev.cilia.diag.Code;
import dev.cilia.diag.Diagnostics;
import dev.cilia.ir.Selector;
import dev.cilia.syntax.Ast;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Label selectors, the concrete labels of a tested pod, and the words they are made of: label keys
 * and values (CIL0211, CIL0212) and namespaces (CIL0210).
 */
final class Selectors {
  private final Diagnostics diagnostics;

  Selectors(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  Optional<Selector> selector(Ast.Selector selector) {
    boolean ok = true;
    List<Selector.Requirement> requirements = new ArrayList<>();
    for (Ast.Term term : selector.terms()) {
      ok &= labelKey(term.key());
      for (Ast.Word value : term.values()) {
        ok &= labelValue(value);
      }
      String key = term.key().text();
      List<String> values = term.values().stream().map(Ast.Word::text).distinct().toList();
      Selector.Requirement requirement =
          switch (term.op()) {
            case EQUALS -> new Selector.Requirement(key, Selector.Operator.IN, values);
            case NOT_EQUALS -> new Selector.Requirement(key, Selector.Operator.NOT_IN, values);
            case IN -> new Selector.Requirement(key, Selector.Operator.IN, values);
            case NOT_IN -> new Selector.Requirement(key, Selector.Operator.NOT_IN, values);
            case EXISTS -> new Selector.Requirement(key, Selector.Operator.EXISTS, List.of());
            case NOT_EXISTS ->
                new Selector.Requirement(key, Selector.Operator.DOES_NOT_EXIST, List.of());
          };
      requirements.add(requirement);
    }
    return ok ? Optional.of(new Selector(requirements)) : Optional.empty();
  }

  /** Concrete labels of a tested pod: only {@code key=value} terms. */
  Optional<TreeMap<String, String>> concreteLabels(Ast.Selector selector) {
    boolean ok = true;
    TreeMap<String, String> labels = new TreeMap<>();
    for (Ast.Term term : selector.terms()) {
      if (term.op() != Ast.TermOp.EQUALS) {
        diagnostics.error(
            Code.CIL0226,
            term.span(),
            "a tested pod needs concrete labels, found `" + term.span().text() + "`",
            "write `key=value` labels: the test describes one pod, not a set of pods");
        ok = false;
        continue;
      }
      ok &= labelKey(term.key()) & labelValue(term.values().get(0));
      String previous = labels.put(term.key().text(), term.values().get(0).text());
      if (previous != null && !previous.equals(term.values().get(0).text())) {
        diagnostics.error(
            Code.CIL0226,
            term.span(),
            "label `" + term.key().text() + "` is given two values",
            "a pod has one value per label key");
        ok = false;
      }
    }
    return ok ? Optional.of(labels) : Optional.empty();
  }

  boolean namespace(Ast.Word ns) {
    if (Values.isDnsLabel(ns.text())) {
      return true;
    }
    diagnostics.error(
        Code.CIL0210,
        ns.span(),
        "`" + ns.text() + "` is not a valid namespace",
        "namespaces are lowercase letters, digits and `-`, starting and ending with a letter or"
            + " digit, 63 characters at most");
    return false;
  }

  boolean labelKey(Ast.Word key) {
    Optional<String> problem = Values.labelKeyProblem(key.text());
    problem.ifPresent(
        p ->
            diagnostics.error(
                Code.CIL0211,
                key.span(),
                "`" + key.text() + "` is not a valid label key",
                Suggestions.labelKey(key.text())
                    .orElse(p + ", e.g. `app` or `app.kubernetes.io/name`")));
    return problem.isEmpty();
  }

  boolean labelValue(Ast.Word value) {
    if (Values.isLabelValue(value.text())) {
      return true;
    }
    diagnostics.error(
        Code.CIL0212,
        value.span(),
        "`" + value.text() + "` is not a valid label value",
        "label values are empty or up to 63 letters, digits, `-`, `_` and `.`, starting and"
            + " ending with a letter or digit");
    return false;
  }
}
