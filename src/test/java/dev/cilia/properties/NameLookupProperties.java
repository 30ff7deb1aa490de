package dev.cilia.properties;

import dev.cilia.diag.Diagnostic;
import dev.cilia.driver.Compilation;
import dev.cilia.driver.Tests;
import dev.cilia.eval.Endpoint;
import dev.cilia.eval.Verdict;
import dev.cilia.ir.Direction;
import dev.cilia.properties.Model.ObserveHttp;
import dev.cilia.properties.Model.Policy;
import dev.cilia.properties.Model.Program;
import dev.cilia.properties.Model.Rule;
import dev.cilia.properties.Model.Stmt;
import dev.cilia.verify.NameResolution;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;

/**
 * Name resolution is part of every declared flow (CILIUM-POLICY.md §3.9), and a test never passes
 * against zero selecting policies without a warning.
 */
class NameLookupProperties {
  private Tally tally;
  private long tries;

  @Provide
  Arbitrary<Program> programs() {
    return CiliaPrograms.programs();
  }

  @AfterProperty
  void stillMeaningful() {
    if (tally != null) {
      tally.assertMeaningful(tries / 2);
    }
  }

  /**
   * The lookups of every declared egress flow — an {@code fqdn}'s name, a Service name in a {@code
   * pods} peer's namespace, {@code kubernetes.default.svc} — resolve through the search list for
   * glibc, musl and c-ares clients.
   */
  @Property
  void declaredNamesResolveForEveryClient(@ForAll("programs") Program program) {
    if (tally == null) {
      tally = new Tally("declaredNamesResolveForEveryClient");
    }
    tries++;
    lookupsResolve(program, Compiled.of(program));
  }

  /**
   * The same under {@code enforce dns} in every policy that enforces egress: the DNS rule lists
   * only the declared names and their search-list forms, and still no lookup of a declared flow is
   * refused for any client.
   */
  @Property
  void declaredNamesResolveForEveryClientUnderStrictDns(@ForAll("programs") Program program) {
    if (tally == null) {
      tally = new Tally("declaredNamesResolveForEveryClientUnderStrictDns");
    }
    tries++;
    Map<String, String> strict = new TreeMap<>();
    program
        .files()
        .forEach(
            (name, text) ->
                strict.put(
                    name,
                    text.replace("  enforce egress\n", "  enforce egress\n  enforce dns\n")
                        .replace("  enforce\n", "  enforce\n  enforce dns\n")));
    lookupsResolve(program, Compiled.of(program, strict));
  }

  private void lookupsResolve(Program program, Compiled compiled) {
    for (Policy policy : program.policies()) {
      for (Endpoint.Pod pod : Intent.subjects(policy)) {
        for (Stmt stmt : policy.statements()) {
          List<Endpoint> others;
          if (stmt instanceof Rule r && !r.deny() && r.direction() == Direction.EGRESS) {
            others = Flows.others(r.peers().alternatives(), policy);
          } else if (stmt instanceof ObserveHttp h && h.direction() == Direction.EGRESS) {
            others = Flows.others(h, policy);
          } else {
            continue;
          }
          for (Endpoint other : others) {
            Optional<NameResolution.Names> names =
                NameResolution.names(pod, other, NameResolution.SearchList.DEFAULT);
            if (names.isEmpty()) {
              continue;
            }
            for (NameResolution.Result r :
                NameResolution.resolveAll(
                    compiled.evaluator(), pod, names.get(), NameResolution.SearchList.DEFAULT)) {
              Verdict v = r.verdict();
              if (r.resolved()) {
                tally.checked();
              } else if (Flows.droppedAtOtherEnd(v, Direction.EGRESS)) {
                tally.otherSide();
              } else if (tally.counts(v)) {
                throw new AssertionError(
                    compiled.explain(
                        "the lookup of `"
                            + r.written()
                            + "` by "
                            + r.client().word()
                            + " from "
                            + pod
                            + " for `"
                            + Model.text(stmt)
                            + "` does not resolve: "
                            + r.reason()
                            + " ("
                            + r.summary()
                            + "): "
                            + v));
              }
            }
          }
        }
      }
    }
  }

  @Provide
  Arbitrary<String> namespaces() {
    return Arbitraries.of("shop", "shpo", "billing", "kube-system", "other");
  }

  @Provide
  Arbitrary<String> apps() {
    return Arbitraries.of("api", "web", "db", "nothing-selects-me");
  }

  /**
   * A test block whose pod no policy selects never passes without a warning that names the pod
   * (CIL0311) or its namespace (CIL0312).
   */
  @Property
  void aTestNeverPassesVacuouslyWithoutAWarning(
      @ForAll("programs") Program program,
      @ForAll("namespaces") String namespace,
      @ForAll("apps") String app) {
    Map<String, String> files = new TreeMap<>(program.files());
    String pin =
        files.values().stream()
            .filter(t -> t.contains("cilium 1."))
            .findFirst()
            .map(t -> t.lines().filter(l -> l.startsWith("cilium ")).findFirst().orElse(""))
            .orElse("");
    files.put(
        "vacuous-test.cilia",
        pin
            + "\ntest \"probe\" for pods app="
            + app
            + " in namespace "
            + namespace
            + " {\n  expect allow tcp 443 to world\n}\n");
    List<String> inputs = new java.util.ArrayList<>(program.inputPaths());
    inputs.add("vacuous-test.cilia");
    Compilation.Outcome outcome = Compiled.run(files, inputs);
    net.jqwik.api.Assume.that(!outcome.hasErrors());
    Tests.Result result = Tests.run(outcome, Optional.empty());
    // The test pod as `ciliac test` sees it: its namespace has no labels but its name.
    Endpoint.Pod pod = Endpoint.pod(namespace, Map.of("app", app));
    dev.cilia.eval.Evaluator evaluator =
        new dev.cilia.eval.Evaluator(
            program.target(),
            outcome.documents().stream()
                .map(d -> dev.cilia.cilium.PolicyYaml.read(d.yaml()))
                .toList());
    boolean selected = !evaluator.selecting(pod).isEmpty();
    boolean warned =
        outcome.diagnostics().stream()
            .map(Diagnostic::code)
            .anyMatch(c -> c.name().equals("CIL0311") || c.name().equals("CIL0312"));
    if (!selected && result.failed() == 0 && !warned) {
      throw new AssertionError(
          "a test for "
              + pod
              + " passed although no policy selects it, without a warning:\n"
              + Compiled.renderedFiles(files));
    }
  }
}
