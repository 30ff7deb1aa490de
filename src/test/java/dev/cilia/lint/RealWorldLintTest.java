package dev.cilia.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cilia.cilium.Target;
import dev.cilia.diag.Code;
import dev.cilia.diag.Diagnostic;
import dev.cilia.diag.Severity;
import dev.cilia.source.SourceFile;
import dev.cilia.testing.MonitoringReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code ciliac lint --cilium 1.16} over the published CNP/CCNP files of {@code
 * ../shared/reference/realworld-cnp}, all in one run as {@code ciliac lint FOLDER} reads them: at
 * most one file in ten warns, and each warning is listed here (file, code, line) as one a reviewer
 * acts on.
 */
class RealWorldLintTest {
  private static final String CLI = "cilium__cilium-cli__vendor__github.com__cilium__cilium__";

  /**
   * The warnings of the run. {@code cnp-from-nodes.yaml}: its {@code fromNodes} selects a node
   * label that a default agent does not know (it needs {@code --enable-node-selector-labels}).
   */
  private static final List<String> EXPECTED =
      List.of("cilium__cilium__test__k8s__manifests__cnp-from-nodes.yaml CIL0516 10");

  @Test
  void theCorpusIsQuietWhereItsPoliciesAreFine() throws IOException {
    Path folder = MonitoringReference.require("realworld-cnp");
    List<SourceFile> files = new ArrayList<>();
    try (Stream<Path> list = Files.list(folder)) {
      for (Path p : list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        files.add(new SourceFile(p, p.getFileName().toString(), Files.readString(p)));
      }
    }
    assertTrue(files.size() >= 100, "expected the corpus, found " + files.size() + " files");
    Linter.Result result = Linter.lint(files, Target.V1_16);
    List<String> warnings = new ArrayList<>();
    Set<String> warned = new TreeSet<>();
    for (Diagnostic d : result.diagnostics()) {
      if (d.severity() == Severity.WARNING) {
        warnings.add(d.span().file().displayName() + " " + d.code() + " " + d.span().line());
        warned.add(d.span().file().displayName());
      }
    }
    assertEquals(EXPECTED, warnings, () -> String.join("\n", warnings));
    assertTrue(warned.size() * 10 <= files.size(), () -> warned.size() + " files warn");
    List<Diagnostic> notes =
        result.diagnostics().stream().filter(d -> d.severity() == Severity.NOTE).toList();
    assertEquals(List.of(Code.CIL0504), notes.stream().map(Diagnostic::code).toList());
    assertTrue(notes.get(0).span().file().displayName().startsWith(CLI), notes::toString);
  }
}
