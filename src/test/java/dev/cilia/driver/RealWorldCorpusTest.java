package dev.cilia.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.cilia.diag.Code;
import dev.cilia.eval.Flow;
import dev.cilia.lift.FlowSet;
import dev.cilia.lint.YamlPolicies;
import dev.cilia.verify.Explainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Published CNP/CCNP files ({@code ../shared/reference/realworld-cnp}): each lints without a crash,
 * imports with equal verdicts or says what it cannot express, and explains a flow of each policy.
 */
class RealWorldCorpusTest {
  static final Path FOLDER = Path.of("..", "shared", "reference", "realworld-cnp");

  static List<Path> files() throws IOException {
    if (!Files.isDirectory(FOLDER)) {
      if (System.getenv("CI") != null) {
        fail("the real-world corpus is missing at " + FOLDER.toAbsolutePath());
      }
      Assumptions.assumeTrue(
          false, "real-world corpus not found at " + FOLDER.toAbsolutePath() + "; skipping");
    }
    try (Stream<Path> list = Files.list(FOLDER)) {
      return list.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
          .sorted()
          .toList();
    }
  }

  @TestFactory
  List<DynamicTest> everyFile() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    List<Path> files = files();
    assertTrue(files.size() >= 50, "expected the corpus, found " + files.size() + " files");
    for (Path file : files) {
      tests.add(DynamicTest.dynamicTest(file.getFileName().toString(), () -> check(file)));
    }
    return tests;
  }

  private static void check(Path file) throws Exception {
    Linting.run(new Linting.Options(List.of(file), Optional.empty()));
    Compilation.Options options =
        new Compilation.Options(List.of(file), false, Optional.empty(), Optional.empty());
    PolicySources.Loaded loaded = PolicySources.load(options);
    if (loaded.yaml().isEmpty()) {
      // Invalid on purpose, or nothing the agent accepts: import says so and writes nothing.
      assertFalse(loaded.diagnostics().isEmpty(), "no policy and no diagnostic");
      return;
    }
    Importing.Outcome imported = Importing.run(options);
    assertTrue(
        imported.diagnostics().stream().noneMatch(d -> d.code() == Code.CIL0704),
        () -> "import changed meaning without saying why: " + imported.report());
    assertEquals(loaded.yaml().size(), imported.checks().size());
    for (Importing.Check c : imported.checks()) {
      assertTrue(c.differ().isEmpty() || c.todos() > 0, c::toString);
      boolean leftOut =
          imported.diagnostics().stream()
              .anyMatch(d -> d.code() == Code.CIL0703 && d.message().contains("left out"));
      assertTrue(c.flows() > 0 || leftOut, () -> "no flows checked for " + c.policy());
    }
    for (YamlPolicies.Read r : loaded.yaml()) {
      FlowSet flows = FlowSet.of(List.of(r.policy()));
      if (flows.flows().isEmpty()) {
        continue; // host policies: nodeSelector selects no pod
      }
      Flow f = flows.flows().iterator().next();
      Explain.Outcome explained =
          Explain.run(
              options,
              new Explain.Request(
                  new Explainer.Request(f.source(), f.destination(), f.protocol(), f.port())));
      assertTrue(explained.explanation().isPresent(), () -> explained.diagnostics().toString());
      assertTrue(explained.text().contains("selected by " + r.qualifiedName()), explained::text);
    }
  }
}
