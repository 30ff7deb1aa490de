package dev.cilia.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cilia.diag.Code;
import dev.cilia.diag.Diagnostic;
import dev.cilia.source.SourceFile;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The load stage: the import closure in load order, cycles and missing files as diagnostics. */
class LoadTest {
  private static final Path ROOT = Path.of("/project").toAbsolutePath();

  /** Files in memory: a loader over {@code files}, by name under {@link #ROOT}. */
  private static Load.Result load(Map<String, String> files, String input) {
    SourceLoader loader =
        path -> {
          String text = files.get(ROOT.relativize(path).toString());
          if (text == null) {
            throw new NoSuchFileException(path.toString());
          }
          return new SourceFile(path, ROOT.relativize(path).toString(), text);
        };
    try {
      return Load.load(List.of(loader.load(ROOT.resolve(input))), ROOT, loader);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void anImportChainTenThousandDeepLoadsOnAnOrdinaryStack() {
    // On the calling thread (no large stack): the work list, not recursion, follows the chain.
    int n = 10_000;
    Map<String, String> files = new HashMap<>();
    for (int i = 0; i < n; i++) {
      files.put(
          "f" + i + ".cilia",
          (i + 1 < n ? "import \"f" + (i + 1) + ".cilia\"\n" : "")
              + "let x"
              + i
              + " = pods app=x"
              + i
              + "\n");
    }
    Load.Result result = load(files, "f0.cilia");
    assertEquals(List.of(), result.diagnostics());
    assertEquals(n, result.units().size());
    assertEquals("f0.cilia", result.units().get(0).source.displayName());
    assertEquals("f9999.cilia", result.units().get(n - 1).source.displayName());
    assertEquals(1, result.units().get(0).imports.size());
  }

  @Test
  void aCycleIsOneDiagnosticNamingItsChain() {
    Load.Result result =
        load(
            Map.of(
                "a.cilia", "import \"b.cilia\"\n",
                "b.cilia", "import \"c.cilia\"\n",
                "c.cilia", "import \"a.cilia\"\n"),
            "a.cilia");
    List<Diagnostic> cycles =
        result.diagnostics().stream().filter(d -> d.code() == Code.CIL0208).toList();
    assertEquals(1, cycles.size(), result.diagnostics()::toString);
    assertTrue(
        cycles.get(0).message().endsWith("a.cilia → b.cilia → c.cilia → a.cilia"),
        cycles.get(0)::message);
  }

  @Test
  void aMissingImportMarksItsImporterIncomplete() {
    Load.Result result =
        load(
            Map.of("a.cilia", "import \"b.cilia\"\nimport \"gone.cilia\"\n", "b.cilia", ""),
            "a.cilia");
    assertEquals(
        List.of(Code.CIL0206), result.diagnostics().stream().map(Diagnostic::code).toList());
    assertTrue(result.units().get(0).incompleteImports);
    assertEquals(2, result.units().size());
  }
}
