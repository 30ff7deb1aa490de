package dev.cilia.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cilia.diag.Code;
import dev.cilia.diag.Diagnostic;
import dev.cilia.diag.Related;
import dev.cilia.driver.Tests;
import dev.cilia.source.SourceFile;
import dev.cilia.source.Span;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LogLinesTest {
  private static final Path FILE = Path.of("/app/src/main/cilia/billing.cilia");

  private static Span at(SourceFile file, int line, int column, int length) {
    int start = file.offset(line, column);
    return new Span(file, start, start + length);
  }

  @Test
  void errorInTheCompilerPluginsShapeWithHintAndRelatedPlace() {
    SourceFile source =
        new SourceFile(
            FILE,
            "billing.cilia",
            "policy p in namespace n {\n  allow oracle to ip 10.0.0.1\n  deny tcp 1521 to world\n}\n");
    Diagnostic deny =
        Diagnostic.of(
                Code.CIL0301,
                at(source, 3, 3, 4),
                "`deny tcp 1521 to world` drops the declared `allow oracle to ip 10.0.0.1`",
                "remove the `deny` or narrow it")
            .withRelated(new Related(at(source, 2, 3, 5), "the `allow` it drops"));
    assertEquals(
        """
        /app/src/main/cilia/billing.cilia:[3,3] [CIL0301] `deny tcp 1521 to world` drops the \
        declared `allow oracle to ip 10.0.0.1`
          hint: remove the `deny` or narrow it
          /app/src/main/cilia/billing.cilia:[2,3] the `allow` it drops""",
        LogLines.text(deny));
  }

  @Test
  void failedExpectation() {
    Tests.Failure failure =
        new Tests.Failure(FILE, 12, 3, "billing keeps Oracle", "expected allow, found deny");
    assertEquals(
        "/app/src/main/cilia/billing.cilia:[12,3] test \"billing keeps Oracle\": expected allow,"
            + " found deny",
        LogLines.text(failure));
  }
}
