package dev.cilia.lsp;

import dev.cilia.driver.Outline;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/** Go to definition and find references for {@code let}s and imports. */
final class Navigation {
  private Navigation() {}

  /** A {@code let} and the file it is declared in. */
  record Definition(Path file, Outline.Symbol let) {}

  static List<Location> definition(Snapshot snapshot, Path file, Position position) {
    Optional<Outline> outline = snapshot.outline(file);
    if (outline.isEmpty()) {
      return List.of();
    }
    int offset = Positions.offset(outline.get().file(), position);
    Optional<Outline.Import> imported = outline.get().importAt(offset);
    if (imported.isPresent()) {
      Path target = imported.get().target();
      return List.of(new Location(Positions.uri(target), new Range(start(), start())));
    }
    return target(snapshot, file, offset)
        .map(d -> List.of(Positions.location(d.let().name().span())))
        .orElse(List.of());
  }

  static List<Location> references(
      Snapshot snapshot, Path file, Position position, boolean includeDeclaration) {
    Optional<Outline> outline = snapshot.outline(file);
    if (outline.isEmpty()) {
      return List.of();
    }
    int offset = Positions.offset(outline.get().file(), position);
    Optional<Definition> target = target(snapshot, file, offset);
    if (target.isEmpty()) {
      return List.of();
    }
    List<Location> out = new ArrayList<>();
    if (includeDeclaration) {
      out.add(Positions.location(target.get().let().name().span()));
    }
    for (Outline other : snapshot.outlines().values()) {
      Path otherPath = Project.key(other.file());
      for (Outline.Use use : other.uses()) {
        if (use.name().text().equals(target.get().let().name().text())
            && resolve(snapshot, otherPath, use.name().text()).equals(target)) {
          out.add(Positions.location(use.name().span()));
        }
      }
    }
    return out;
  }

  /** The {@code let} named at {@code offset}: a use of it, or its own name. */
  static Optional<Definition> target(Snapshot snapshot, Path file, int offset) {
    Outline outline = snapshot.outline(file).orElseThrow();
    Optional<Outline.Use> use = outline.useAt(offset);
    if (use.isPresent()) {
      return resolve(snapshot, file, use.get().name().text());
    }
    return outline.lets().stream()
        .filter(l -> Outline.contains(l.name().span(), offset))
        .findFirst()
        .map(l -> new Definition(file, l));
  }

  /** The {@code let} a name means in {@code file}: its own, else one of a file it imports. */
  static Optional<Definition> resolve(Snapshot snapshot, Path file, String name) {
    Optional<Outline> outline = snapshot.outline(file);
    if (outline.isEmpty()) {
      return Optional.empty();
    }
    for (Outline.Symbol let : outline.get().lets()) {
      if (let.name().text().equals(name)) {
        return Optional.of(new Definition(file, let));
      }
    }
    for (Outline.Import imported : outline.get().imports()) {
      Optional<Outline> other = snapshot.outline(imported.target());
      if (other.isEmpty()) {
        continue;
      }
      for (Outline.Symbol let : other.get().lets()) {
        if (let.name().text().equals(name)) {
          return Optional.of(new Definition(imported.target(), let));
        }
      }
    }
    return Optional.empty();
  }

  private static Position start() {
    return new Position(0, 0);
  }
}
