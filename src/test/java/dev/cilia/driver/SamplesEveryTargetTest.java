package dev.cilia.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cilia.cilium.PolicyYaml;
import dev.cilia.cilium.Target;
import dev.cilia.cilium.admission.AgentChecks;
import dev.cilia.cilium.admission.AgentViolation;
import dev.cilia.cilium.admission.SchemaValidator;
import dev.cilia.diag.Code;
import dev.cilia.diag.Diagnostic;
import dev.cilia.emit.Emitted;
import dev.cilia.lint.Linter;
import dev.cilia.source.SourceFile;
import dev.cilia.testing.UpstreamSchemas;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;

/**
 * Guarantee 5 for every sample on every target (not only the targets with goldens): the output
 * passes our schema, the upstream schema where there is one, the agent's import checks, and {@code
 * ciliac lint} finds no error in it.
 */
class SamplesEveryTargetTest {
  record Case(Path sample, Target target) {
    @Override
    public String toString() {
      return sample + " @ " + target;
    }
  }

  static List<Case> cases() throws IOException {
    List<Case> cases = new ArrayList<>();
    for (Path sample : SampleGoldenTest.samples()) {
      for (Target target : Target.all()) {
        cases.add(new Case(sample, target));
      }
    }
    return cases;
  }

  static List<JsonNode> documents(Case c) throws InputError {
    Compilation.Outcome outcome = SampleGoldenTest.compile(c.sample(), c.target());
    assertFalse(outcome.hasErrors(), () -> c + ": " + outcome.diagnostics());
    List<JsonNode> docs = new ArrayList<>();
    for (Emitted e : outcome.documents()) {
      docs.addAll(PolicyYaml.readTrees(e.yaml()));
    }
    return docs;
  }

  @TestFactory
  List<DynamicTest> outputPassesOurSchemaAndTheAgentChecks() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (Case c : cases()) {
      tests.add(
          DynamicTest.dynamicTest(
              c.toString(),
              () -> {
                for (JsonNode doc : documents(c)) {
                  assertEquals(List.of(), SchemaValidator.validate(c.target(), doc), c::toString);
                  List<AgentViolation> violations =
                      AgentChecks.check(c.target(), PolicyYaml.fromTree(doc));
                  assertEquals(List.of(), violations, c::toString);
                }
              }));
    }
    return tests;
  }

  @TestFactory
  List<DynamicTest> outputPassesTheUpstreamSchema() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (Case c : cases()) {
      tests.add(
          DynamicTest.dynamicTest(
              c + " under upstream " + c.target().upstreamSchemaVersion(),
              () -> {
                UpstreamSchemas.assumePresent();
                for (JsonNode doc : documents(c)) {
                  List<String> problems = UpstreamSchemas.validate(c.target(), doc);
                  assertTrue(problems.isEmpty(), () -> c + ": " + problems);
                }
              }));
    }
    return tests;
  }

  /**
   * {@code ciliac lint} accepts what {@code ciliac compile} emits. From 1.16 it has nothing to say;
   * below, an enforced direction cannot say that its default-deny is meant, so CIL0507 remains.
   */
  @TestFactory
  List<DynamicTest> lintFindsNothingWrongInTheOutput() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (Case c : cases()) {
      tests.add(
          DynamicTest.dynamicTest(
              c.toString(),
              () -> {
                Compilation.Outcome outcome = SampleGoldenTest.compile(c.sample(), c.target());
                List<SourceFile> files = new ArrayList<>();
                for (Emitted e : outcome.documents()) {
                  files.add(SourceFile.of(e.fileName(), e.yaml()));
                }
                Linter.Result result = Linter.lint(files, c.target());
                assertEquals(outcome.documents().size(), result.policies());
                Set<Code> allowed =
                    c.target().hasEnableDefaultDeny() ? Set.of() : Set.of(Code.CIL0507);
                List<Diagnostic> unexpected =
                    result.diagnostics().stream().filter(d -> !allowed.contains(d.code())).toList();
                assertEquals(List.of(), unexpected, c::toString);
              }));
    }
    return tests;
  }
}
