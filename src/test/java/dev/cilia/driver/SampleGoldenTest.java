package dev.cilia.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cilia.cilium.PolicyYaml;
import dev.cilia.cilium.Target;
import dev.cilia.testing.Golden;
import dev.cilia.testing.UpstreamSchemas;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;

/** Every sample compiles, for each of several targets, to its golden YAML, byte for byte. */
class SampleGoldenTest {
  static final Path SAMPLES = Path.of("samples");
  static final Path GOLDEN = Path.of("src/test/resources/golden/samples");
  static final List<Target> TARGETS = List.of(Target.V1_13, Target.V1_16, Target.V1_18);

  static List<Path> samples() throws IOException {
    try (Stream<Path> files = Files.list(SAMPLES)) {
      return files.filter(p -> p.toString().endsWith(".cilia")).sorted().toList();
    }
  }

  static Compilation.Outcome compile(Path sample, Target target) throws InputError {
    return Compilation.run(
        new Compilation.Options(List.of(sample), false, Optional.empty(), Optional.of(target)));
  }

  static String stream(Compilation.Outcome outcome) {
    StringBuilder out = new StringBuilder();
    outcome.documents().forEach(d -> out.append("---\n").append(d.yaml()));
    return out.toString();
  }

  @TestFactory
  List<DynamicTest> samplesMatchTheirGoldenYaml() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path sample : samples()) {
      String name = sample.getFileName().toString().replace(".cilia", "");
      for (Target target : TARGETS) {
        tests.add(
            DynamicTest.dynamicTest(
                sample + " @ " + target,
                () -> {
                  Compilation.Outcome outcome = compile(sample, target);
                  assertFalse(outcome.hasErrors(), () -> outcome.diagnostics().toString());
                  String yaml = stream(outcome);
                  assertEquals(yaml, stream(compile(sample, target)), "same input, same bytes");
                  if (!outcome.documents().isEmpty()) {
                    Golden.assertMatches(GOLDEN.resolve(name + "." + target + ".yaml"), yaml);
                  }
                }));
      }
    }
    return tests;
  }

  @TestFactory
  List<DynamicTest> goldenYamlIsValidUnderTheUpstreamSchema() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    try (Stream<Path> files = Files.list(GOLDEN)) {
      for (Path golden : files.sorted().toList()) {
        String file = golden.getFileName().toString();
        String version = file.replaceAll("^.*\\.(1\\.\\d+)\\.yaml$", "$1");
        Target target = Target.parse(version).orElseThrow();
        tests.add(
            DynamicTest.dynamicTest(
                file + " under upstream " + target.upstreamSchemaVersion(),
                () -> {
                  UpstreamSchemas.assumePresent();
                  for (JsonNode doc : PolicyYaml.readTrees(Files.readString(golden))) {
                    List<String> problems = UpstreamSchemas.validate(target, doc);
                    assertTrue(problems.isEmpty(), () -> file + ": " + problems);
                  }
                }));
      }
    }
    return tests;
  }
}
