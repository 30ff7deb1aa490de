package dev.cilia.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.cilia.cilium.PolicyYaml;
import dev.cilia.cilium.Target;
import dev.cilia.driver.Compilation;
import dev.cilia.driver.InputError;
import dev.cilia.eval.Endpoint;
import dev.cilia.eval.Evaluator;
import dev.cilia.eval.Protocol;
import dev.cilia.eval.Verdict;
import dev.cilia.testing.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Shrunk counterexamples of the properties, kept as golden cases with the flows they broke. */
class CounterexamplesTest {
  static final Path FOLDER = Path.of("src/test/resources/golden/properties");

  static Compilation.Outcome compile(Path file) throws InputError {
    return Compilation.run(
        new Compilation.Options(List.of(file), false, Optional.empty(), Optional.empty()));
  }

  /** The documents as one YAML stream, as the sample goldens hold them. */
  static String stream(Compilation.Outcome outcome) {
    StringBuilder out = new StringBuilder();
    outcome.documents().forEach(d -> out.append("---\n").append(d.yaml()));
    return out.toString();
  }

  @TestFactory
  List<DynamicTest> counterexamplesMatchTheirGoldenYaml() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    try (Stream<Path> files = Files.list(FOLDER)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".cilia")).sorted().toList()) {
        tests.add(
            DynamicTest.dynamicTest(
                file.toString(),
                () -> {
                  Compilation.Outcome outcome = compile(file);
                  assertFalse(outcome.hasErrors(), () -> outcome.diagnostics().toString());
                  Golden.assertMatches(
                      Path.of(file.toString().replaceFirst("\\.cilia$", ".yaml")), stream(outcome));
                }));
      }
    }
    return tests;
  }

  @Test
  void namespacesPeerWithoutLabelsNamesPodsOnly() throws InputError {
    Compilation.Outcome outcome = compile(FOLDER.resolve("namespaces-peer-without-labels.cilia"));
    Evaluator evaluator =
        new Evaluator(
            Target.V1_16,
            outcome.documents().stream().map(d -> PolicyYaml.read(d.yaml())).toList());
    Endpoint.Pod web = Intent.pod("payments", Map.of("app", "web"));
    assertEquals(
        Verdict.Kind.DENIED,
        evaluator.decide(web, Endpoint.ip("198.19.21.43"), Protocol.SCTP, 2).kind());
    assertEquals(
        Verdict.Kind.DENIED,
        evaluator.decide(web, Endpoint.entity("host"), Protocol.TCP, 443).kind());
    assertEquals(
        Verdict.Kind.ALLOWED,
        evaluator.decide(web, Intent.pod("shop", Map.of("app", "web")), Protocol.TCP, 443).kind());
  }
}
