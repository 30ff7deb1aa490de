package dev.cilia.check;

import dev.cilia.check.Scopes.Kind;
import dev.cilia.check.Scopes.LetDef;
import dev.cilia.check.Scopes.Scope;
import dev.cilia.diag.Code;
import dev.cilia.diag.Diagnostic;
import dev.cilia.diag.Diagnostics;
import dev.cilia.diag.Related;
import dev.cilia.syntax.Ast;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The one resolution of a {@code let} name, for peers and services alike: finds the {@code let} in
 * scope, checks its kind, and reads its value once per context, shared by every use, so that {@code
 * let a2 = a1 or a1} doubled thirty times stays linear. A {@code let} met again while it is being
 * read is a cycle (CIL0221).
 */
final class Lets {
  /** How a kind of use reads a {@code let}'s value in the scope of the file that defines it. */
  interface Reader<T> {
    /** A peer expression or a service list. */
    Optional<T> value(Ast.LetValue value, Scope there);

    /** The name an alias stands for: a builtin or another {@code let}. */
    Optional<T> name(Ast.Word name, Scope there);
  }

  /** A {@code let} read in one context; what it gives depends on nothing else. */
  private record Read(LetDef def, Object context) {}

  private final Diagnostics diagnostics;
  private final Scopes scopes;
  private final Map<Read, Optional<?>> reads = new HashMap<>();

  /** The {@code let}s being read now: meeting one again is a cycle. */
  private final Set<LetDef> reading = Collections.newSetFromMap(new IdentityHashMap<>());

  Lets(Diagnostics diagnostics, Scopes scopes) {
    this.diagnostics = diagnostics;
    this.scopes = scopes;
  }

  /**
   * The {@code let} that {@code name} (not a builtin) names in {@code scope}, when it is of the
   * {@code wanted} kind; otherwise empty, with CIL0201 (hinted by {@code unknownHint}) or CIL0202
   * reported at the name.
   */
  Optional<LetDef> find(Ast.Word name, Scope scope, Kind wanted, Supplier<String> unknownHint) {
    String text = name.text();
    boolean peer = wanted == Kind.PEER;
    LetDef def = scope.visible.get(text);
    if (def == null) {
      if (!scope.incomplete) {
        diagnostics.error(
            Code.CIL0201,
            name.span(),
            "unknown " + (peer ? "peer" : "service") + " `" + text + "`",
            unknownHint.get());
      }
      return Optional.empty();
    }
    Kind kind = scopes.kindOf(def);
    if (kind == Kind.ERROR) {
      return Optional.empty();
    }
    if (kind != wanted) {
      diagnostics.add(
          Diagnostic.of(
                  Code.CIL0202,
                  name.span(),
                  (peer ? "expected a peer, found service `" : "expected a service, found peer `")
                      + text
                      + "`",
                  peer
                      ? "put services before `to`/`from`: `allow " + text + " to PEER`"
                      : "a service is a preset such as `https` or ports such as `tcp 443`")
              .withRelated(new Related(def.nameSpan(), "`" + text + "` is defined here")));
      return Optional.empty();
    }
    return Optional.of(def);
  }

  Scope scopeOf(LetDef def) {
    return scopes.of(def.unit());
  }

  /** The value of {@code def} in {@code context}, read once and shared. */
  @SuppressWarnings("unchecked")
  <T> Optional<T> read(LetDef def, Object context, Reader<T> reader) {
    Read key = new Read(def, context);
    Optional<?> shared = reads.get(key);
    if (shared != null) {
      return (Optional<T>) shared;
    }
    if (reading.contains(def)) {
      scopes.reportCycle(def);
      return Optional.empty();
    }
    Scope there = scopes.of(def.unit());
    Ast.LetValue value = def.decl().value();
    Optional<T> resolved;
    reading.add(def);
    try {
      resolved =
          value instanceof Ast.LetAlias alias
              ? reader.name(alias.target(), there)
              : reader.value(value, there);
    } finally {
      reading.remove(def);
    }
    reads.put(key, resolved);
    return resolved;
  }

  /**
   * Checks the body of {@code def} where it is written (so unused {@code let}s are checked too),
   * with {@code def} counted as being read.
   */
  <T> Optional<T> validate(LetDef def, Supplier<Optional<T>> body) {
    reading.add(def);
    try {
      return body.get();
    } finally {
      reading.remove(def);
    }
  }
}
