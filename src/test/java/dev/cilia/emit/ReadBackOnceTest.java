package dev.cilia.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cilia.cilium.PolicyYaml;
import dev.cilia.cilium.Target;
import dev.cilia.driver.Compilation;
import dev.cilia.driver.Explain;
import dev.cilia.driver.Tests;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The emit stage reads each emitted document back once; validation, the proof, {@code test} and
 * {@code explain} share that read (docs/performance.md).
 */
class ReadBackOnceTest {
  private static final Compilation.Options PAYMENTS =
      new Compilation.Options(
          List.of(Path.of("samples")), false, Optional.empty(), Optional.of(Target.V1_16));

  @Test
  void compileParsesEachDocumentOnce() throws Exception {
    long before = PolicyYaml.textParses();
    Compilation.Outcome outcome = Compilation.run(PAYMENTS);
    long parses = PolicyYaml.textParses() - before;
    assertFalse(outcome.hasErrors(), outcome.diagnostics()::toString);
    assertTrue(outcome.documents().size() >= 2, "the sample emits several documents");
    assertTrue(outcome.proof().proved() > 0, "the proof decided flows");
    assertEquals(outcome.documents().size(), parses);
  }

  @Test
  void testParsesNothingMoreThanCompile() throws Exception {
    long before = PolicyYaml.textParses();
    Tests.Outcome outcome = Tests.run(PAYMENTS);
    long parses = PolicyYaml.textParses() - before;
    assertTrue(outcome.ran() && outcome.passed() > 0, outcome::text);
    assertEquals(outcome.loaded().documents().size(), parses);
  }

  @Test
  void explainParsesNothingMoreThanCompile() throws Exception {
    Explain.Request request =
        Explain.parse("payments/app=payments-api,tier=web", "ip 10.20.30.5", "tcp/1521");
    long before = PolicyYaml.textParses();
    Explain.Outcome outcome = Explain.run(PAYMENTS, request);
    long parses = PolicyYaml.textParses() - before;
    assertTrue(outcome.explanation().isPresent());
    assertEquals(outcome.loaded().documents().size(), parses);
  }

  @Test
  void theTreeAndTheModelAreTheBytesReadBack() throws Exception {
    for (Emitted e : Compilation.run(PAYMENTS).documents()) {
      assertEquals(PolicyYaml.readTrees(e.yaml()), List.of(e.tree()));
      assertEquals(PolicyYaml.read(e.yaml()), e.model());
    }
  }

  @Test
  void aCompileKeepsNoTreeAfterValidation() throws Exception {
    for (Emitted e : Compilation.run(PAYMENTS).documents()) {
      assertTrue(e.readTree().isEmpty(), e.fileName() + " still holds its tree");
    }
  }
}
