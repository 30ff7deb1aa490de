package dev.cilia.check;

import dev.cilia.diag.Code;
import dev.cilia.diag.Diagnostic;
import dev.cilia.diag.Diagnostics;
import dev.cilia.diag.Related;
import dev.cilia.load.Imports;
import dev.cilia.source.Span;
import dev.cilia.syntax.Ast;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scopes and the kinds of {@code let}s: the names each file defines and imports (CIL0204, CIL0205,
 * CIL0209), and whether a name is a peer or a service, followed through chains of aliases with a
 * loop (CIL0201, CIL0221).
 */
final class Scopes {
  /** What a name stands for. */
  enum Kind {
    PEER,
    SERVICE,
    ERROR
  }

  /** A {@code let} and the file it is in. */
  record LetDef(Ast.LetDecl decl, Imports.Unit unit) {
    String name() {
      return decl.name().text();
    }

    Span nameSpan() {
      return decl.name().span();
    }
  }

  /** The names visible in one file: its own {@code let}s and those of the files it imports. */
  static final class Scope {
    final Map<String, LetDef> own = new LinkedHashMap<>();
    final Map<String, LetDef> visible = new LinkedHashMap<>();
    boolean incomplete;

    /** Names whose {@code let} was refused (CIL0205, CIL0209): their uses report nothing more. */
    final Set<String> refused = new HashSet<>();
  }

  private final Diagnostics diagnostics;
  private final Map<Imports.Unit, Scope> scopes = new HashMap<>();
  private final Map<LetDef, Kind> kinds = new HashMap<>();

  Scopes(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  /** Declares every file's own names, then makes the imported ones visible. */
  void declare(List<Imports.Unit> units) {
    for (Imports.Unit unit : units) {
      scopes.put(unit, declare(unit));
    }
    for (Imports.Unit unit : units) {
      importNames(unit);
    }
  }

  Scope of(Imports.Unit unit) {
    return scopes.get(unit);
  }

  private Scope declare(Imports.Unit unit) {
    Scope scope = new Scope();
    scope.incomplete = unit.incompleteImports;
    if (unit.file.isEmpty()) {
      return scope;
    }
    for (Ast.Decl decl : unit.file.get().decls()) {
      if (decl instanceof Ast.LetDecl let) {
        declare(scope, let, unit);
      }
    }
    scope.visible.putAll(scope.own);
    return scope;
  }

  private void declare(Scope scope, Ast.LetDecl let, Imports.Unit unit) {
    String name = let.name().text();
    Span span = let.name().span();
    if (Builtins.isKeyword(name) || Builtins.isBuiltin(name) || !Values.isDnsLabel(name)) {
      scope.refused.add(name);
    }
    if (Builtins.isKeyword(name)) {
      diagnostics.error(
          Code.CIL0205,
          span,
          "`" + name + "` is a keyword and cannot be redefined",
          "choose another name, such as `my-" + name + "`");
    } else if (Builtins.isBuiltin(name)) {
      diagnostics.error(
          Code.CIL0205,
          span,
          "`" + name + "` is a builtin and cannot be redefined",
          "choose another name, such as `my-" + name + "`");
    } else if (!Values.isDnsLabel(name)) {
      diagnostics.error(
          Code.CIL0209,
          span,
          "`" + name + "` is not a valid name",
          "names are lowercase letters, digits and `-`, starting and ending with a letter or"
              + " digit, 63 characters at most");
    } else if (scope.own.containsKey(name)) {
      diagnostics.add(
          Diagnostic.of(Code.CIL0204, span, "`" + name + "` is defined twice")
              .withRelated(new Related(scope.own.get(name).nameSpan(), "first defined here")));
    } else {
      scope.own.put(name, new LetDef(let, unit));
    }
  }

  private void importNames(Imports.Unit unit) {
    Scope scope = scopes.get(unit);
    for (Imports.Unit imported : unit.imports) {
      Scope theirs = scopes.get(imported);
      scope.incomplete |= imported.file.isEmpty();
      for (Map.Entry<String, LetDef> entry : theirs.own.entrySet()) {
        LetDef existing = scope.visible.get(entry.getKey());
        if (existing == null) {
          scope.visible.put(entry.getKey(), entry.getValue());
        } else if (existing.unit() != entry.getValue().unit()) {
          Span here = existing.unit() == unit ? existing.nameSpan() : importSpan(unit, imported);
          diagnostics.add(
              Diagnostic.of(
                      Code.CIL0204,
                      here,
                      "`" + entry.getKey() + "` is defined twice",
                      "rename one of them; imported names share the file's scope")
                  .withRelated(new Related(entry.getValue().nameSpan(), "also defined here")));
        }
      }
    }
  }

  private static Span importSpan(Imports.Unit unit, Imports.Unit imported) {
    for (Ast.Decl decl : unit.file.orElseThrow().decls()) {
      if (decl instanceof Ast.ImportDecl imp
          && unit.path.resolveSibling(imp.path().value()).normalize().equals(imported.path)) {
        return imp.span();
      }
    }
    return Span.startOf(unit.source);
  }

  /**
   * The kind of a {@code let}, following chains of aliases with a loop (chains and cycles thousands
   * long need no stack); every {@code let} of the chain gets the kind of its end.
   */
  Kind kindOf(LetDef def) {
    Kind known = kinds.get(def);
    if (known != null) {
      return known;
    }
    List<LetDef> chain = new ArrayList<>();
    Set<LetDef> seen = new HashSet<>();
    LetDef current = def;
    Kind kind;
    while (true) {
      Kind found = kinds.get(current);
      if (found != null) {
        kind = found;
        break;
      }
      if (!seen.add(current)) {
        reportCycle(current);
        kinds.put(current, Kind.ERROR);
        kind = Kind.ERROR;
        break;
      }
      chain.add(current);
      Ast.LetValue value = current.decl().value();
      if (value instanceof Ast.LetPeer) {
        kind = Kind.PEER;
        break;
      } else if (value instanceof Ast.LetServices) {
        kind = Kind.SERVICE;
        break;
      } else if (value instanceof Ast.LetAlias alias) {
        Scope scope = scopes.get(current.unit());
        String target = alias.target().text();
        LetDef next = scope.visible.get(target);
        if (next == null || Builtins.isBuiltinName(target)) {
          kind = kindOfName(alias.target(), scope);
          break;
        }
        current = next;
      } else {
        throw new AssertionError(value);
      }
    }
    for (LetDef member : chain) {
      kinds.putIfAbsent(member, kind);
    }
    return kind;
  }

  /** CIL0221 for a {@code let} met again while it is being resolved. */
  void reportCycle(LetDef def) {
    diagnostics.error(
        Code.CIL0221,
        def.nameSpan(),
        "`" + def.name() + "` is defined in terms of itself",
        "give it a peer or a service, not a chain of names that leads back to it");
  }

  private Kind kindOfName(Ast.Word name, Scope scope) {
    String text = name.text();
    if (Builtins.PRESETS.containsKey(text)) {
      return Kind.SERVICE;
    }
    if (Builtins.isBuiltinPeer(text)) {
      return Kind.PEER;
    }
    LetDef def = scope.visible.get(text);
    if (def == null) {
      if (!scope.incomplete) {
        Set<String> names = peerNames(scope);
        names.addAll(serviceNames(scope));
        diagnostics.error(
            Code.CIL0201,
            name.span(),
            "unknown name `" + text + "`",
            Suggestions.closest(text, names)
                .map(n -> "did you mean `" + n + "`?")
                .orElse(knownNamesHint(scope)));
      }
      return Kind.ERROR;
    }
    return kindOf(def);
  }

  static String knownNamesHint(Scope scope) {
    return scope.visible.isEmpty()
        ? "define it with `let NAME = …` or import the file that does"
        : "names in scope: " + Suggestions.list(scope.visible.keySet());
  }

  /** Every name a peer may be: builtin peers and the {@code let}s in scope. */
  static Set<String> peerNames(Scope scope) {
    Set<String> names = new HashSet<>(scope.visible.keySet());
    names.addAll(Builtins.ENTITY_PEERS);
    names.add(Builtins.KUBE_DNS);
    return names;
  }

  /** Every name a service may be: presets and the {@code let}s in scope. */
  static Set<String> serviceNames(Scope scope) {
    Set<String> names = new HashSet<>(scope.visible.keySet());
    names.addAll(Builtins.PRESETS.keySet());
    return names;
  }
}
