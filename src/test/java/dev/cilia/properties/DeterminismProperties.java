package dev.cilia.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cilia.driver.Compilation;
import dev.cilia.eval.Endpoint;
import dev.cilia.eval.Verdict;
import dev.cilia.ir.Direction;
import dev.cilia.properties.CiliaPrograms.Probe;
import dev.cilia.properties.Model.Policy;
import dev.cilia.properties.Model.Program;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** LANGUAGE.md's guarantee 6: same input, same bytes; statement order does not matter. */
class DeterminismProperties {
  @Provide
  Arbitrary<Program> programs() {
    return CiliaPrograms.programs();
  }

  @Provide
  Arbitrary<List<Probe>> probes() {
    return CiliaPrograms.probes();
  }

  /**
   * Two compilations of the same files, from two folders, emit the same documents byte for byte.
   */
  @Property
  void sameInputSameBytes(@ForAll("programs") Program program) {
    Map<String, String> files = program.files();
    Compilation.Outcome first = Compiled.run(files, program.inputPaths());
    Compilation.Outcome second = Compiled.run(files, program.inputPaths());
    assertEquals(
        Compiled.describe(first.diagnostics()),
        Compiled.describe(second.diagnostics()),
        () -> "diagnostics differ for\n" + program);
    assertEquals(
        Compiled.yaml(first), Compiled.yaml(second), () -> "output differs for\n" + program);
  }

  /**
   * Shuffling the lines of every policy body changes no verdict: Cilium's allows are a union
   * (CILIUM-POLICY.md §3.2), and the compiler must not make order matter either.
   */
  @Property
  void statementOrderDoesNotChangeVerdicts(
      @ForAll("programs") Program program,
      @ForAll long seed,
      @ForAll("probes") List<Probe> probes) {
    Compiled written = Compiled.of(program);
    Compiled shuffled = Compiled.of(program, program.filesShuffled(seed));
    for (Policy policy : program.policies()) {
      for (Endpoint.Pod pod : Intent.subjects(policy)) {
        List<Probe> flows = new ArrayList<>(probes);
        for (Model.Stmt stmt : policy.statements()) {
          if (stmt instanceof Model.Rule r) {
            for (Endpoint other : Flows.others(r.peers().alternatives(), policy)) {
              for (Intent.Port port : Intent.samples(r.service())) {
                flows.add(new Probe(other, port));
              }
            }
          }
        }
        for (Probe flow : flows) {
          for (Direction direction : Direction.values()) {
            if (direction == Direction.INGRESS && flow.other() instanceof Endpoint.Fqdn) {
              continue;
            }
            Verdict a = Flows.decide(written, pod, direction, flow.other(), flow.port());
            Verdict b = Flows.decide(shuffled, pod, direction, flow.other(), flow.port());
            if (a.kind() != b.kind()) {
              throw new AssertionError(
                  written.explain(
                      Flows.describe(pod, direction, flow.other(), flow.port())
                          + " is "
                          + a
                          + " as written, but "
                          + b
                          + " with the lines shuffled:\n"
                          + Compiled.renderedFiles(program.filesShuffled(seed))));
            }
          }
        }
        for (String name : List.of("api.example.com", "x.example.com", "other.example.org")) {
          Verdict a = written.evaluator().dnsLookup(pod, name);
          Verdict b = shuffled.evaluator().dnsLookup(pod, name);
          assertEquals(
              a.kind(),
              b.kind(),
              () ->
                  "lookup of "
                      + name
                      + " from "
                      + pod
                      + " for\n"
                      + program
                      + "\nshuffled:\n"
                      + Compiled.renderedFiles(program.filesShuffled(seed)));
        }
      }
    }
  }
}
