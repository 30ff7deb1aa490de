package dev.cilia.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cilia.cilium.Target;
import dev.cilia.diag.Code;
import dev.cilia.diag.Diagnostic;
import dev.cilia.diag.Severity;
import dev.cilia.source.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Each lint on a YAML sample in {@code src/test/resources/lint/}: the sample's first lines say the
 * target ({@code # cilium: 1.15}) and every expected error and warning ({@code # expect: CIL0506
 * 11:5, …}), which must be exactly the ones reported.
 */
class LinterTest {
  static final Path SAMPLES = Path.of("src/test/resources/lint");

  static SourceFile source(Path path) throws IOException {
    return new SourceFile(path, path.toString(), Files.readString(path));
  }

  static Linter.Result lint(Target target, String name, String yaml) {
    return Linter.lint(List.of(SourceFile.of(name, yaml)), target);
  }

  private static Optional<String> header(List<String> lines, String key) {
    return lines.stream()
        .filter(l -> l.startsWith("# " + key + ":"))
        .map(l -> l.substring(key.length() + 3).strip())
        .findFirst();
  }

  private static String render(Diagnostic d) {
    return d.code() + " " + d.span().line() + ":" + d.span().column();
  }

  @TestFactory
  List<DynamicTest> samplesReportExactlyWhatTheyExpect() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    try (Stream<Path> files = Files.list(SAMPLES)) {
      for (Path sample : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        tests.add(
            DynamicTest.dynamicTest(
                sample.getFileName().toString(),
                () -> {
                  List<String> lines = Files.readAllLines(sample);
                  Target target = Target.parse(header(lines, "cilium").orElseThrow()).orElseThrow();
                  String expect = header(lines, "expect").orElseThrow();
                  List<String> expected =
                      expect.isEmpty()
                          ? List.of()
                          : Arrays.stream(expect.split(",")).map(String::strip).sorted().toList();
                  Linter.Result result = Linter.lint(List.of(source(sample)), target);
                  List<String> actual =
                      result.diagnostics().stream()
                          .filter(d -> d.severity() != Severity.NOTE)
                          .map(LinterTest::render)
                          .sorted()
                          .toList();
                  assertEquals(expected, actual, () -> sample + ": " + result.diagnostics());
                  for (Diagnostic d : result.diagnostics()) {
                    assertEquals(d.code().severity(), d.severity(), d::toString);
                    assertFalse(d.message().endsWith("."), () -> "no final period: " + d);
                    assertTrue(
                        Character.isLowerCase(d.message().charAt(0))
                            || d.message().charAt(0) == '`',
                        () -> "lowercase message: " + d);
                  }
                }));
      }
    }
    return tests;
  }

  /** Every lint code has a sample. */
  @Test
  void everyLintCodeHasASample() throws IOException {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.list(SAMPLES)) {
      for (Path p : files.sorted().toList()) {
        all.append(Files.readString(p));
      }
    }
    all.append(Files.readString(Path.of("samples/yaml/l7-visibility.yaml")));
    for (Code code : Code.values()) {
      if (code.name().startsWith("CIL05")) {
        assertTrue(all.toString().contains(code.name()), code + " has no sample");
      }
    }
  }

  // ------------------------------------------------------------ the seed

  @Test
  void seedDropsOracleAndFtpWithTheFixForEachTarget() throws IOException {
    SourceFile seed = source(Path.of("samples/yaml/l7-visibility.yaml"));
    for (Target target : Target.all()) {
      Linter.Result result = Linter.lint(List.of(seed), target);
      assertFalse(result.hasErrors(), () -> target + ": " + result.diagnostics());
      assertEquals(1, result.policies());
      List<Diagnostic> warnings =
          result.diagnostics().stream().filter(d -> d.code() == Code.CIL0507).toList();
      assertEquals(1, warnings.size(), () -> target + ": " + result.diagnostics());
      Diagnostic d = warnings.get(0);
      assertEquals("10:3", d.span().line() + ":" + d.span().column());
      assertTrue(d.message().contains("Oracle on tcp/1521"), d::message);
      assertTrue(d.message().contains("FTP on tcp/21"), d::message);
      assertTrue(d.message().contains("HTTPS on tcp/443"), d::message);
      assertTrue(d.message().contains("kube-apiserver"), d::message);
      assertTrue(d.message().contains("other namespaces"), d::message);
      String hint = d.hint().orElseThrow();
      if (target.hasEnableDefaultDeny()) {
        assertTrue(hint.contains("`enableDefaultDeny: {egress: false}`"), hint);
      } else {
        assertTrue(hint.contains("`- toEntities: [all]`"), hint);
      }
      assertTrue(hint.contains("`observe dns \"*\"`"), hint);
      assertTrue(hint.contains("`observe http on 80, 8080`"), hint);
      assertTrue(hint.contains("without `enforce egress`"), hint);
    }
  }

  @Test
  void eachFixSilencesTheSeedWarning() throws IOException {
    String seed = Files.readString(Path.of("samples/yaml/l7-visibility.yaml"));
    String modern =
        seed.replace("  egress:\n", "  enableDefaultDeny:\n    egress: false\n  egress:\n");
    assertEquals(List.of(), lint(Target.V1_16, "fixed.yaml", modern).diagnostics());
    String old = seed + "  - toEntities: [all]\n";
    assertEquals(List.of(), lint(Target.V1_13, "fixed.yaml", old).diagnostics());
    String meant =
        seed.replace("  egress:\n", "  enableDefaultDeny:\n    egress: true\n  egress:\n");
    assertEquals(List.of(), lint(Target.V1_18, "meant.yaml", meant).diagnostics());
  }

  // ------------------------------------------------------------ hints of pitfalls the agent
  // refuses

  @Test
  void servicesWithPortsSaysWhichTargetsAcceptIt() throws IOException {
    Path sample = SAMPLES.resolve("services-with-ports.yaml");
    for (Target target : Target.all()) {
      List<Diagnostic> errors =
          Linter.lint(List.of(source(sample)), target).diagnostics().stream()
              .filter(d -> d.code() == Code.CIL0506)
              .toList();
      boolean rejected = !target.acceptsToServicesWithPorts();
      assertEquals(rejected ? 1 : 0, errors.size(), () -> target + ": " + errors);
      if (rejected) {
        assertTrue(
            errors
                .get(0)
                .message()
                .contains("\"Combining ToServices and ToPorts is not" + " supported yet\""));
        assertTrue(errors.get(0).hint().orElseThrow().contains("target 1.17+"));
      }
    }
  }

  @Test
  void l7OnNonTcpQuotesTheAgentAndSaysTcp() throws IOException {
    Diagnostic d =
        Linter.lint(List.of(source(SAMPLES.resolve("l7-not-tcp.yaml"))), Target.V1_18)
            .diagnostics()
            .get(0);
    assertTrue(
        d.message().contains("\"L7 rules can only apply to TCP (not ANY) except for DNS rules\""),
        d::message);
    assertTrue(d.hint().orElseThrow().contains("`protocol: TCP`"));
  }

  @Test
  void endPortIsFineFromOneSixteen() throws IOException {
    Path sample = SAMPLES.resolve("endport-below-1.16.yaml");
    for (Target target : Target.all()) {
      List<Code> codes =
          Linter.lint(List.of(source(sample)), target).diagnostics().stream()
              .map(Diagnostic::code)
              .toList();
      assertEquals(
          target.hasEndPort() ? List.of() : List.of(Code.CIL0510), codes, target::toString);
    }
  }

  // ------------------------------------------------------------ inputs

  @Test
  void deepNestingIsRefusedWithoutOverflowingTheStack() {
    String deep = "[".repeat(200_000) + "]".repeat(200_000) + "\n";
    Linter.Result result = lint(Target.V1_18, "deep.yaml", deep);
    assertEquals(
        List.of("CIL0501 1:101"), result.diagnostics().stream().map(LinterTest::render).toList());
    StringBuilder nested = new StringBuilder();
    for (int i = 0; i < 1000; i++) {
      nested.append("  ".repeat(i)).append("k:\n");
    }
    assertEquals(
        List.of(Code.CIL0501),
        lint(Target.V1_18, "nested.yaml", nested.toString()).diagnostics().stream()
            .map(Diagnostic::code)
            .toList());
  }

  @Test
  void controlCharactersAreADiagnostic() {
    Linter.Result result = lint(Target.V1_18, "nul.yaml", "a: b\u0000c\n");
    assertEquals(
        List.of("CIL0501 1:5"), result.diagnostics().stream().map(LinterTest::render).toList());
  }

  @Test
  void positionsCountCodePoints() {
    String yaml =
        "# 🙂 🙂\n"
            + "apiVersion: cilium.io/v2\n"
            + "kind: CiliumNetworkPolicy\n"
            + "metadata: {name: x, namespace: a}\n"
            + "spec: {description: \"🙂\", endpointSelector: {}, egress: [{toEntities:"
            + " [world-ipv4]}]}\n";
    Diagnostic d =
        lint(Target.V1_18, "emoji.yaml", yaml).diagnostics().stream()
            .filter(x -> x.code() == Code.CIL0511)
            .findFirst()
            .orElseThrow();
    assertEquals("world-ipv4", d.span().text());
    assertEquals("5:71", d.span().line() + ":" + d.span().column());
  }

  @Test
  void emptyStreamsHaveNoPolicies() {
    Linter.Result result = lint(Target.V1_18, "empty.yaml", "---\n# nothing\n---\n");
    assertEquals(List.of(), result.diagnostics());
    assertEquals(0, result.policies());
  }

  @Test
  void policiesOfAllFilesAreEvaluatedTogether() {
    String open =
        "apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: dns, namespace:"
            + " shop}\nspec:\n  endpointSelector: {}\n  enableDefaultDeny: {egress: false}\n"
            + "  egress:\n  - toEndpoints: [{matchLabels: {k8s:io.kubernetes.pod.namespace:"
            + " kube-system, k8s:k8s-app: kube-dns}}]\n    toPorts: [{ports: [{port: \"53\","
            + " protocol: ANY}], rules: {dns: [{matchPattern: \"*\"}]}}]\n";
    String fqdn =
        "apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: bank, namespace:"
            + " shop}\nspec:\n  endpointSelector: {}\n  enableDefaultDeny: {egress: true}\n"
            + "  egress:\n  - toFQDNs: [{matchName: api.bank.example.com}]\n";
    List<Diagnostic> alone = lint(Target.V1_18, "bank.yaml", fqdn).diagnostics();
    assertEquals(List.of(Code.CIL0508), alone.stream().map(Diagnostic::code).toList());
    List<Diagnostic> together =
        Linter.lint(
                List.of(SourceFile.of("dns.yaml", open), SourceFile.of("bank.yaml", fqdn)),
                Target.V1_18)
            .diagnostics();
    assertEquals(List.of(), together);
  }

  @Test
  void aDnsRuleForOtherLabelsOrAnotherResolverServesTheFqdnsOfTheRun() {
    // The DNS rule selects `kind: client`, the toFQDNs policy `other: client` (one pod carries
    // both), and the resolver is NodeLocal DNSCache: the name is served, no CIL0508.
    String dns =
        "apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: dns, namespace:"
            + " shop}\nspec:\n  endpointSelector: {matchLabels: {kind: client}}\n  egress:\n"
            + "  - toEndpoints: [{matchLabels: {k8s:io.kubernetes.pod.namespace: kube-system,"
            + " k8s:k8s-app: node-local-dns}}]\n    toPorts: [{ports: [{port: \"53\","
            + " protocol: ANY}], rules: {dns: [{matchPattern: \"*.bank.example.com\"}]}}]\n";
    String fqdn =
        "apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: bank, namespace:"
            + " shop}\nspec:\n  endpointSelector: {matchLabels: {other: client}}\n  egress:\n"
            + "  - toFQDNs: [{matchName: api.bank.example.com}]\n";
    assertEquals(List.of(), codes(Target.V1_16, dns, fqdn));
    String other = fqdn.replace("api.bank.example.com", "api.shop.example.com");
    assertEquals(List.of(Code.CIL0508), codes(Target.V1_16, dns, other));
  }

  @Test
  void skippedDocumentsAreOneNoteForTheRun() {
    String map = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\njust text\n";
    String deployment = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\n";
    List<Diagnostic> all =
        Linter.lint(
                List.of(SourceFile.of("a.yaml", map), SourceFile.of("b.yaml", deployment)),
                Target.V1_18)
            .diagnostics();
    assertEquals(1, all.size(), all::toString);
    Diagnostic note = all.get(0);
    assertEquals(Code.CIL0504, note.code());
    assertEquals(Severity.NOTE, note.severity());
    assertEquals("a.yaml", note.span().file().displayName());
    assertEquals(
        "skipped 3 documents that are not Cilium network policies (`ConfigMap`, not a Kubernetes"
            + " object, `Deployment`); the first is here",
        note.message());
  }

  /** The codes of one run over {@code documents}, each its own file. */
  private static List<Code> codes(Target target, String... documents) {
    List<SourceFile> files = new ArrayList<>();
    for (int i = 0; i < documents.length; i++) {
      files.add(SourceFile.of("f" + i + ".yaml", documents[i]));
    }
    return Linter.lint(files, target).diagnostics().stream().map(Diagnostic::code).toList();
  }
}
