package dev.cilia.load;

import dev.cilia.diag.Code;
import dev.cilia.diag.Diagnostic;
import dev.cilia.diag.Diagnostics;
import dev.cilia.diag.Related;
import dev.cilia.source.SourceFile;
import dev.cilia.syntax.Ast;
import dev.cilia.syntax.Parser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads the import closure of the input files: imports are relative to the importing file, stay
 * inside the project root, and may not form cycles.
 */
public final class Imports {
  /** One loaded file: its tree (when it parsed) and the units it imports directly. */
  public static final class Unit {
    public final Path path;
    public final SourceFile source;
    public final Optional<Ast.CiliaFile> file;
    public final List<Unit> imports = new ArrayList<>();

    /** An import of this file failed to load or parse: unknown names are not reported. */
    public boolean incompleteImports;

    Unit(Path path, SourceFile source, Optional<Ast.CiliaFile> file) {
      this.path = path;
      this.source = source;
      this.file = file;
    }
  }

  private final Path root;
  private final SourceLoader loader;
  private final Diagnostics diagnostics;
  private final Map<Path, Unit> units = new LinkedHashMap<>();

  Imports(Path root, SourceLoader loader, Diagnostics diagnostics) {
    this.root = root.toAbsolutePath().normalize();
    this.loader = loader;
    this.diagnostics = diagnostics;
  }

  /** Loads the inputs and everything they import; units come back in load order. */
  List<Unit> load(List<SourceFile> inputs) {
    List<Unit> roots = new ArrayList<>();
    for (SourceFile input : inputs) {
      Path path = input.path().toAbsolutePath().normalize();
      Unit unit = units.computeIfAbsent(path, p -> parse(p, input));
      roots.add(unit);
    }
    Map<Unit, State> states = new LinkedHashMap<>();
    for (Unit unit : roots) {
      visit(unit, states, new ArrayList<>());
    }
    return List.copyOf(units.values());
  }

  private enum State {
    ACTIVE,
    DONE
  }

  /** A file being visited: the imports still to resolve, in order. */
  private static final class Frame {
    final Unit unit;
    final Iterator<Ast.ImportDecl> imports;

    /** The unit the last import resolved to, checked once its own visit is done. */
    Unit pending;

    Frame(Unit unit) {
      this.unit = unit;
      this.imports =
          unit.file
              .map(f -> f.decls().stream())
              .orElseGet(java.util.stream.Stream::empty)
              .filter(d -> d instanceof Ast.ImportDecl)
              .map(d -> (Ast.ImportDecl) d)
              .toList()
              .iterator();
    }
  }

  /**
   * Visits {@code start} and what it imports, depth first with an explicit work list (import chains
   * thousands deep need no deep Java stack). {@code stack} holds the files being visited, for cycle
   * reports.
   */
  private void visit(Unit start, Map<Unit, State> states, List<Unit> stack) {
    if (states.get(start) != null) {
      return;
    }
    Deque<Frame> work = new ArrayDeque<>();
    states.put(start, State.ACTIVE);
    stack.add(start);
    work.push(new Frame(start));
    while (!work.isEmpty()) {
      Frame frame = work.peek();
      if (frame.pending != null) {
        if (frame.pending.file.isEmpty()) {
          frame.unit.incompleteImports = true;
        }
        frame.pending = null;
      }
      if (!frame.imports.hasNext()) {
        work.pop();
        stack.remove(stack.size() - 1);
        states.put(frame.unit, State.DONE);
        continue;
      }
      Unit next = resolve(frame.unit, frame.imports.next(), states, stack);
      if (next == null) {
        continue;
      }
      frame.pending = next;
      if (states.get(next) == null) {
        states.put(next, State.ACTIVE);
        stack.add(next);
        work.push(new Frame(next));
      }
    }
  }

  /**
   * Resolves one import of {@code from}: the unit it names, now one of {@code from}'s imports, or
   * {@code null} when it cannot be loaded or closes a cycle (both reported).
   */
  private Unit resolve(Unit from, Ast.ImportDecl imp, Map<Unit, State> states, List<Unit> stack) {
    String text = imp.path().value();
    if (text.isEmpty()) {
      diagnostics.error(
          Code.CIL0206,
          imp.path().span(),
          "empty import path",
          "name a file: `import \"common.cilia\"`");
      from.incompleteImports = true;
      return null;
    }
    Path target;
    try {
      target = from.path.resolveSibling(text).toAbsolutePath().normalize();
    } catch (java.nio.file.InvalidPathException e) {
      diagnostics.error(Code.CIL0206, imp.path().span(), "invalid import path `" + text + "`");
      from.incompleteImports = true;
      return null;
    }
    if (!target.startsWith(root)) {
      diagnostics.error(
          Code.CIL0207,
          imp.path().span(),
          "import `" + text + "` leaves the project root `" + shown(root) + "`",
          "keep shared files inside the project, or widen it with `--root`");
      from.incompleteImports = true;
      return null;
    }
    Unit unit = units.get(target);
    if (unit == null) {
      SourceFile source;
      try {
        source = loader.load(target);
      } catch (IOException e) {
        diagnostics.error(
            Code.CIL0206,
            imp.path().span(),
            "cannot read imported file `" + text + "`: " + reason(e),
            "the path is relative to the importing file's folder");
        from.incompleteImports = true;
        return null;
      }
      unit = parse(target, source);
      units.put(target, unit);
    }
    if (states.get(unit) == State.ACTIVE) {
      StringBuilder chain = new StringBuilder();
      int start = stack.indexOf(unit);
      for (Unit u : stack.subList(start, stack.size())) {
        chain.append(u.source.displayName()).append(" → ");
      }
      chain.append(unit.source.displayName());
      diagnostics.add(
          Diagnostic.of(
                  Code.CIL0208,
                  imp.path().span(),
                  "import cycle: " + chain,
                  "move what both files need into a third file that imports neither")
              .withRelated(
                  new Related(
                      dev.cilia.source.Span.startOf(unit.source), "the cycle starts here")));
      return null;
    }
    from.imports.add(unit);
    return unit;
  }

  private Unit parse(Path path, SourceFile source) {
    Parser.Result result = Parser.parse(source);
    diagnostics.addAll(result.diagnostics());
    return new Unit(path, source, result.file());
  }

  /** A folder as shown in messages: relative to the working folder when inside it. */
  private static String shown(Path folder) {
    Path cwd = Path.of("").toAbsolutePath();
    if (folder.equals(cwd)) {
      return ".";
    }
    return folder.startsWith(cwd) ? cwd.relativize(folder).toString() : folder.toString();
  }

  private static String reason(IOException e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
