package dev.cilia.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cilia.cilium.Target;
import dev.cilia.diag.Code;
import dev.cilia.diag.Diagnostic;
import dev.cilia.driver.Compilation;
import dev.cilia.emit.Emitted;
import dev.cilia.testing.Cli;
import dev.cilia.testing.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** The prove stage: declared traffic passes, user conflicts are CIL0301, bugs are CIL0904. */
class ProverTest {
  @TempDir Path dir;

  Path file(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  static Compilation.Outcome compile(Target target, Path... files) throws Exception {
    return Compilation.run(
        new Compilation.Options(List.of(files), false, Optional.empty(), Optional.of(target)));
  }

  static List<Diagnostic> errors(Compilation.Outcome outcome) {
    return outcome.diagnostics().stream().filter(Diagnostic::isError).toList();
  }

  static Diagnostic only(Compilation.Outcome outcome, Code code) {
    List<Diagnostic> errors = errors(outcome);
    assertEquals(1, errors.size(), errors::toString);
    assertEquals(code, errors.get(0).code(), errors::toString);
    return errors.get(0);
  }

  static final String API_EGRESS =
      """
      policy api-egress in namespace shop {
        select app=api
        enforce egress
        allow https to world
      }
      """;

  @Test
  void aDenyInAnotherFileThatDropsAnAllowNamesBothStatements() throws Exception {
    Path allow = file("allow.cilia", API_EGRESS);
    Path deny =
        file(
            "deny.cilia",
            """
            # every pod of shop
            policy no-test-net in namespace shop {
              deny https to cidr 203.0.113.0/24
            }
            """);
    Compilation.Outcome outcome = compile(Target.V1_18, allow, deny);
    Diagnostic d = only(outcome, Code.CIL0301);
    assertTrue(d.span().file().displayName().endsWith("deny.cilia"), d::toString);
    assertEquals(3, d.span().line());
    assertEquals("deny https to cidr 203.0.113.0/24", d.span().text());
    assertTrue(d.message().contains("tcp/443"), d::message);
    assertEquals(1, d.related().size());
    assertTrue(d.related().get(0).span().file().displayName().endsWith("allow.cilia"));
    assertEquals(4, d.related().get(0).span().line());
    assertEquals("allow https to world", d.related().get(0).span().text());
    assertTrue(outcome.documents().isEmpty(), "nothing is emitted when the proof fails");
  }

  @Test
  void aConflictIsFoundOnEveryTarget() throws Exception {
    Path allow = file("allow.cilia", API_EGRESS);
    Path deny =
        file(
            "deny.cilia",
            """
            policy no-test-net in namespace shop {
              select app=api
              enforce egress
              deny https to cidr 203.0.113.0/24
            }
            """);
    for (Target t : Target.all()) {
      only(compile(t, allow, deny), Code.CIL0301);
    }
  }

  @Test
  void aDenyInANarrowerPolicyIsFound() throws Exception {
    Path p =
        file(
            "p.cilia",
            """
            policy all-pods in namespace shop {
              allow tcp 5432 to pods app=db
            }

            policy canary in namespace shop {
              select track=canary
              deny to pods app=db
            }
            """);
    Diagnostic d = only(compile(Target.V1_16, p), Code.CIL0301);
    assertEquals(7, d.span().line());
    assertEquals(2, d.related().get(0).span().line());
  }

  @Test
  void aDenyOnOnePortOfAnAllPortsAllowIsFound() throws Exception {
    Path p =
        file(
            "p.cilia",
            """
            policy api in namespace shop {
              enforce egress
              allow to cidr 10.0.0.0/8
              deny ssh to world
            }
            """);
    Diagnostic d = only(compile(Target.V1_18, p), Code.CIL0301);
    assertTrue(d.message().contains("tcp/22"), d::message);
  }

  @Test
  void aDenyThatDropsDnsLookupsDropsObserveDnsAndFqdnPeers() throws Exception {
    Path p =
        file(
            "p.cilia",
            """
            policy api in namespace shop {
              enforce egress
              observe dns "*.example.com"
              allow https to fqdn "api.partner.example.org"
            }

            policy no-dns in namespace shop {
              deny to namespace kube-system
            }
            """);
    List<Diagnostic> errors = errors(compile(Target.V1_18, p));
    assertEquals(2, errors.size(), errors::toString);
    for (Diagnostic d : errors) {
      assertEquals(Code.CIL0301, d.code());
      assertEquals(8, d.span().line());
      assertTrue(d.message().contains("DNS lookup"), d::message);
    }
    assertEquals(
        List.of(3, 4),
        errors.stream().map(d -> d.related().get(0).span().line()).sorted().toList());
  }

  @Test
  void denyAndAllowThatDoNotOverlapCompile() throws Exception {
    Path p =
        file(
            "p.cilia",
            """
            policy api in namespace shop {
              enforce egress
              allow https to cidr 10.0.0.0/8 except 10.1.0.0/16
              allow tcp 5432 to pods app=db, !canary
              deny https to cidr 10.1.0.0/16
              deny tcp 5432 to pods app=db, tier=legacy, canary
              deny smtp to world
            }
            """);
    Compilation.Outcome outcome = compile(Target.V1_16, p);
    assertEquals(List.of(), errors(outcome).stream().map(Diagnostic::toString).toList());
    assertTrue(outcome.proof().proved() > 0);
  }

  @Test
  void podsOfAPeerAreTheirOwnPolicysBusiness() throws Exception {
    // The db pods enforce ingress and let nothing in: the api policy's egress still passes,
    // which is all it answers for (docs/proof.md).
    Path p =
        file(
            "p.cilia",
            """
            policy api in namespace shop {
              select app=api
              enforce egress
              allow postgres to pods app=db
            }

            policy db in namespace shop {
              select app=db
              enforce ingress
              allow tcp 9187 from namespace monitoring
            }
            """);
    assertEquals(List.of(), errors(compile(Target.V1_18, p)));
  }

  @Test
  void aNamespacePeerOfOnlyNegativeRequirementsMatchesPodsOnly() throws Exception {
    // Found by the proof: without a namespace key the emitted selector also matched world.
    Path p =
        file(
            "p.cilia",
            """
            policy api in namespace shop {
              enforce egress
              allow to namespaces env!=dev
            }
            """);
    for (Target t : List.of(Target.V1_16, Target.V1_18)) {
      Compilation.Outcome outcome = compile(t, p);
      assertEquals(List.of(), errors(outcome));
      assertTrue(
          outcome.documents().get(0).yaml().contains("key: k8s:io.kubernetes.pod.namespace"),
          () -> outcome.documents().get(0).yaml());
    }
  }

  @Test
  void kubeServicePeersAreCountedAsUnknown() throws Exception {
    Path p =
        file(
            "p.cilia",
            """
            policy api in namespace shop {
              enforce egress
              allow to service backend in namespace shop
            }
            """);
    Compilation.Outcome outcome = compile(Target.V1_18, p);
    assertEquals(List.of(), errors(outcome));
    assertTrue(outcome.proof().unknown() > 0, outcome.proof()::toString);
  }

  // ------------------------------------------------------------ compiler bugs: CIL0904

  /** The documents of a compile with one document's YAML changed, as a buggy lowering would. */
  static List<Emitted> tampered(Compilation.Outcome outcome, String from, String to) {
    List<Emitted> out = new ArrayList<>();
    for (Emitted d : outcome.documents()) {
      assertTrue(d.yaml().contains(from), d::yaml);
      out.add(d.withYaml(d.yaml().replace(from, to)));
    }
    return out;
  }

  @Test
  void anAllowMissingFromTheYamlIsAnInternalError() throws Exception {
    Compilation.Outcome outcome = compile(Target.V1_18, file("p.cilia", API_EGRESS));
    assertFalse(outcome.hasErrors());
    Prover.Result result = Prover.prove(tampered(outcome, "port: \"443\"", "port: \"444\""));
    assertEquals(1, result.diagnostics().size(), result::toString);
    Diagnostic d = result.diagnostics().get(0);
    assertEquals(Code.CIL0904, d.code());
    assertEquals("allow https to world", d.span().text());
    assertTrue(d.message().contains("tcp/443 from shop/app=api to world"), d::message);
    assertTrue(d.message().contains("DENIED by shop/api-egress egress"), d::message);
  }

  @Test
  void anOpenEnforcedDirectionIsAnInternalError() throws Exception {
    Compilation.Outcome outcome = compile(Target.V1_18, file("p.cilia", API_EGRESS));
    Prover.Result result = Prover.prove(tampered(outcome, "egress: true", "egress: false"));
    assertEquals(1, result.diagnostics().size(), result::toString);
    Diagnostic d = result.diagnostics().get(0);
    assertEquals(Code.CIL0904, d.code());
    assertEquals("api-egress", d.span().text());
    assertTrue(d.message().contains("`enforce egress` must drop tcp/1"), d::message);
  }

  @Test
  void unobservedHttpIsAnInternalError() throws Exception {
    Path p =
        file(
            "p.cilia",
            """
            policy web in namespace shop {
              observe http on 8080 to namespace shop
            }
            """);
    Compilation.Outcome outcome = compile(Target.V1_16, p);
    Prover.Result result =
        Prover.prove(tampered(outcome, "      rules:\n        http:\n        - {}\n", ""));
    assertEquals(Code.CIL0904, result.diagnostics().get(0).code(), result::toString);
    assertTrue(result.diagnostics().get(0).message().contains("to be visible"));
  }

  // ------------------------------------------------------------ samples

  @Test
  void theErrorSampleMatchesItsGolden() {
    Cli.Run run = Cli.run("check", "samples/errors/deny-drops-allow.cilia");
    assertEquals(1, run.exitCode());
    Golden.assertMatches(
        Path.of("src/test/resources/golden/errors/deny-drops-allow.err"), run.err());
  }

  @TestFactory
  List<DynamicTest> everySampleProvesOnEveryTargetItCompilesFor() throws IOException {
    List<Path> samples;
    try (Stream<Path> files = Files.list(Path.of("samples"))) {
      samples = files.filter(p -> p.toString().endsWith(".cilia")).sorted().toList();
    }
    List<DynamicTest> tests = new ArrayList<>();
    for (Path sample : samples) {
      for (Target target : Target.all()) {
        tests.add(
            DynamicTest.dynamicTest(
                sample + " @ " + target,
                () -> {
                  Compilation.Outcome outcome = compile(target, sample);
                  for (Diagnostic d : outcome.diagnostics()) {
                    assertFalse(d.code() == Code.CIL0301 || d.code() == Code.CIL0904, d::toString);
                  }
                  if (!outcome.hasErrors() && !outcome.program().policies().isEmpty()) {
                    assertTrue(outcome.proof().proved() > 0, outcome.proof()::toString);
                    assertEquals(0, outcome.proof().skipped(), outcome.proof()::toString);
                  }
                }));
      }
    }
    return tests;
  }
}
