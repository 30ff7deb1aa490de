package dev.cilia.lsp;

import static dev.cilia.lsp.Workspaces.at;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NavigationTest {
  @TempDir Path dir;

  @Test
  void definitionOfALetInTheFileAndInAnImportedFile() {
    Workspaces w = new Workspaces(dir);
    Path common = w.write("common.cilia", Workspaces.COMMON);
    Path app = w.write("app.cilia", Workspaces.APP);
    Snapshot s = w.analyze();
    Location api = Navigation.definition(s, app, at(Workspaces.APP, "to api", 4)).get(0);
    assertEquals(Positions.uri(app), api.getUri());
    assertEquals(range(3, 4, 7), api.getRange());
    Location db = Navigation.definition(s, app, at(Workspaces.APP, "to db", 3)).get(0);
    assertEquals(Positions.uri(common), db.getUri());
    assertEquals(range(0, 4, 6), db.getRange());
  }

  @Test
  void definitionOfAnImportIsTheImportedFile() {
    Workspaces w = new Workspaces(dir);
    Path common = w.write("common.cilia", Workspaces.COMMON);
    Path app = w.write("app.cilia", Workspaces.APP);
    List<Location> found =
        Navigation.definition(w.analyze(), app, at(Workspaces.APP, "common.cilia", 2));
    assertEquals(List.of(new Location(Positions.uri(common), range(0, 0, 0))), found);
  }

  @Test
  void presetsAndUnknownWordsHaveNoDefinition() {
    Workspaces w = new Workspaces(dir);
    w.write("common.cilia", Workspaces.COMMON);
    Path app = w.write("app.cilia", Workspaces.APP);
    assertEquals(
        List.of(), Navigation.definition(w.analyze(), app, at(Workspaces.APP, "postgres", 1)));
    assertEquals(
        List.of(), Navigation.definition(w.analyze(), app, at(Workspaces.APP, "enforce", 1)));
  }

  @Test
  void referencesAcrossTheFilesThatImportTheLet() {
    Workspaces w = new Workspaces(dir);
    Path common = w.write("common.cilia", Workspaces.COMMON);
    Path app = w.write("app.cilia", Workspaces.APP);
    w.write("other.cilia", "import \"common.cilia\"\nlet db2 = db\n");
    w.write("shadow.cilia", "let db = cidr 10.0.0.0/8\nlet d = db\n");
    Snapshot s = w.analyze();
    List<Location> refs = Navigation.references(s, common, new Position(0, 5), true);
    assertEquals(3, refs.size(), refs.toString());
    assertEquals(Positions.uri(common), refs.get(0).getUri());
    assertEquals(2, Navigation.references(s, app, at(Workspaces.APP, "to db", 3), false).size());
  }

  private static Range range(int line, int from, int to) {
    return new Range(new Position(line, from), new Position(line, to));
  }
}
