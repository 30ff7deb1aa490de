package dev.cilia.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cilia.diag.Code;
import dev.cilia.diag.Diagnostic;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectTest {
  @TempDir Path dir;

  @Test
  void theFolderIsCompiledWithTheBuffersInPlaceOfTheDisk() {
    Workspaces w = new Workspaces(dir);
    w.write("common.cilia", Workspaces.COMMON);
    Path app = w.write("app.cilia", "policy broken {");
    w.open("app.cilia", Workspaces.APP);
    Snapshot snapshot = w.analyze();
    assertTrue(snapshot.outcome().isPresent());
    assertFalse(snapshot.outcome().get().hasErrors(), snapshot.diagnostics().toString());
    assertEquals(1, snapshot.outcome().get().documents().size());
    assertEquals(List.of(), errors(snapshot.diagnostics(app)));
    assertEquals(1, snapshot.versions().get(app));
  }

  @Test
  void anImportedBufferIsReadFromTheEditorAndItsErrorsAreItsOwn() {
    Workspaces w = new Workspaces(dir);
    w.write("common.cilia", Workspaces.COMMON);
    Path app = w.write("app.cilia", Workspaces.APP);
    Path common = w.open("common.cilia", "let db = cidr 10.20.30.1/24\nlet web = tcp 8080\n");
    Snapshot snapshot = w.analyze();
    List<Diagnostic> inCommon = snapshot.diagnostics(common);
    assertEquals(List.of(Code.CIL0215), inCommon.stream().map(Diagnostic::code).toList());
    assertEquals(List.of(), errors(snapshot.diagnostics(app)));
  }

  @Test
  void everyFileOfTheFolderHasAnEntrySoThatOldDiagnosticsAreCleared() {
    Workspaces w = new Workspaces(dir);
    w.write("common.cilia", Workspaces.COMMON);
    Path app = w.write("app.cilia", Workspaces.APP);
    Path other = w.open("other.cilia", "let x = tcp 1\n");
    Snapshot snapshot = w.analyze();
    assertTrue(snapshot.diagnostics().containsKey(app));
    assertTrue(snapshot.diagnostics().containsKey(other));
    assertTrue(snapshot.outlines().containsKey(dir.toAbsolutePath().resolve("common.cilia")));
  }

  @Test
  void theTargetSettingOverridesTheFile() {
    Workspaces w = new Workspaces(dir);
    w.write("common.cilia", Workspaces.COMMON);
    w.write("app.cilia", Workspaces.APP);
    w.cilium = Optional.of(dev.cilia.cilium.Target.V1_18);
    Snapshot snapshot = w.analyze();
    assertEquals("1.18", snapshot.outcome().get().documents().get(0).target().version());
  }

  private static List<Diagnostic> errors(List<Diagnostic> diagnostics) {
    return diagnostics.stream().filter(Diagnostic::isError).toList();
  }

  static final String DENIED =
      """
      policy api in namespace shop {
        select app=api
        enforce egress
        allow https to world
      }

      policy no-test-net in namespace shop {
        deny https to cidr 203.0.113.0/24
      }
      """;

  @Test
  void theProofComesSecondAndKeepsTheDocuments() {
    Workspaces w = new Workspaces(dir);
    Path file = w.open("a.cilia", DENIED);
    Snapshot unproven = Project.unproven(w.folder, w.folder, w.buffers, Optional.empty());
    assertFalse(unproven.proven());
    assertEquals(List.of(), errors(unproven.diagnostics(file)));
    Snapshot proven = Project.proven(unproven);
    assertTrue(proven.proven());
    assertEquals(
        List.of(Code.CIL0301),
        errors(proven.diagnostics(file)).stream().map(Diagnostic::code).toList());
    assertEquals(2, proven.outcome().get().documents().size());
    assertTrue(proven.outcome().get().proof().proved() > 0);
    assertTrue(Project.proven(proven) == proven);
  }
}
