package dev.cilia.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.cilia.cilium.PolicyYaml;
import dev.cilia.diag.Diagnostic;
import dev.cilia.emit.Emitted;
import dev.cilia.lower.Lowered;
import dev.cilia.lower.Lowerer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Emit and validate may take documents on helper threads ({@link Emitting}); the outcome is the one
 * a single thread gives: every document, in document order, the same bytes and the same diagnostics
 * on every run.
 */
class EmittingTest {
  @TempDir Path dir;

  private Path project(int policies) throws IOException {
    StringBuilder text = new StringBuilder("cilium 1.17\n");
    for (int i = 0; i < policies; i++) {
      // Namespaces out of order, so that the documents must be sorted after emitting.
      String namespace = "team-" + ((i * 7) % 13);
      text.append("policy api-")
          .append(i)
          .append(" in namespace ")
          .append(namespace)
          .append(" {\n  select app=api-")
          .append(i)
          .append("\n  enforce egress\n  observe dns \"*\"\n  allow https to fqdn \"api-")
          .append(i)
          .append(".example.com\"\n  allow tcp ")
          .append(1000 + i)
          .append(" to world\n}\n");
    }
    text.append(
        "clusterwide policy guard {\n  select namespaces team=a\n  deny tcp 25 to world\n}\n");
    Path file = dir.resolve("many.cilia");
    Files.writeString(file, text);
    return file;
  }

  private static Compilation.Outcome compile(Path file) throws InputError {
    return Compilation.run(
        new Compilation.Options(List.of(file), false, Optional.empty(), Optional.empty()));
  }

  @Test
  void everyRunGivesTheDocumentsAndDiagnosticsOfOneThread() throws Exception {
    Path file = project(120);
    Compilation.Outcome first = compile(file);
    assertFalse(first.hasErrors(), first.diagnostics().toString());
    assertEquals(121, first.documents().size());

    // The order and bytes of lowering alone, on this thread.
    List<Lowered> lowered = Lowerer.lower(first.program(), Optional.empty()).documents();
    assertEquals(
        lowered.stream().map(l -> PolicyYaml.write(l.document())).toList(),
        first.documents().stream().map(Emitted::yaml).toList());

    for (int run = 0; run < 3; run++) {
      Compilation.Outcome again = compile(file);
      assertEquals(
          first.documents().stream().map(Emitted::yaml).toList(),
          again.documents().stream().map(Emitted::yaml).toList());
      assertEquals(
          first.diagnostics().stream().map(Diagnostic::toString).toList(),
          again.diagnostics().stream().map(Diagnostic::toString).toList());
    }
  }
}
