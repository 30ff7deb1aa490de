package dev.cilia.lower;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cilia.check.Checker;
import dev.cilia.diag.Diagnostic;
import dev.cilia.ir.Program;
import dev.cilia.source.SourceFile;
import java.nio.file.Path;
import java.util.List;

/** The checked program of one file without imports, for tests of lowering. */
final class CheckedPrograms {
  private CheckedPrograms() {}

  /**
   * {@code text} as {@code test.cilia}, checked; fails the test when the check reports an error.
   */
  static Program of(String text) {
    Checker.Result checked =
        Checker.check(
            List.of(SourceFile.of("test.cilia", text)),
            Path.of("").toAbsolutePath(),
            path -> {
              throw new java.io.IOException("no imports here");
            });
    assertTrue(checked.diagnostics().stream().noneMatch(Diagnostic::isError), checked.toString());
    return checked.program();
  }
}
