package dev.cilia.bench;

import dev.cilia.cilium.PolicyYaml;
import dev.cilia.cilium.admission.AgentChecks;
import dev.cilia.cilium.admission.SchemaValidator;
import dev.cilia.lower.Lowered;
import dev.cilia.lower.Lowerer;
import dev.cilia.verify.Prover;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * Times every stage over one corpus in a warm JVM: where a compile goes, for docs/performance.md
 * and the per-stage table of {@code bench/run.sh}. Usage: {@code Stages CORPUS_DIR [ROUNDS]};
 * prints, for each stage, a line {@code stage.NAME CPU_MS} with the mean thread CPU time over the
 * rounds after the first two (JIT warm-up), then {@code stage.Compilation.run} for the whole driver
 * and {@code stage.sum} for the sum of the stages.
 */
public final class Stages {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final Map<String, long[]> TOTALS = new LinkedHashMap<>();

  private Stages() {}

  public static void main(String[] args) {
    Path dir = Path.of(args[0]);
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    Fixture f = Fixture.load(dir);
    System.out.printf("files %d%npolicies %d%n", f.sources.size(), f.lowered.size());
    for (int round = 0; round < rounds; round++) {
      boolean last = round >= 2;
      long total = 0;
      total += time(last, "parse", f::parseAll);
      total += time(last, "check", () -> Fixture.check(dir, f.sources).diagnostics().size());
      total +=
          time(last, "lower", () -> Lowerer.lower(f.program, Optional.empty()).documents().size());
      total +=
          time(
              last,
              "emit",
              () -> {
                int n = 0;
                for (Lowered l : f.lowered) {
                  n += PolicyYaml.write(l.document()).length();
                }
                return n;
              });
      total +=
          time(
              last,
              "read-trees",
              () -> {
                int n = 0;
                for (String y : f.yaml) {
                  n += PolicyYaml.readTrees(y).size();
                }
                return n;
              });
      total +=
          time(
              last,
              "schema",
              () -> {
                int n = 0;
                for (int i = 0; i < f.trees.size(); i++) {
                  n += SchemaValidator.validate(f.lowered.get(i).target(), f.trees.get(i)).size();
                }
                return n;
              });
      total +=
          time(
              last,
              "tree-to-model",
              () -> {
                int n = 0;
                for (var tree : f.trees) {
                  n += PolicyYaml.fromTree(tree).rules().size();
                }
                return n;
              });
      total +=
          time(
              last,
              "agent-checks",
              () -> {
                int n = 0;
                for (int i = 0; i < f.readBack.size(); i++) {
                  n += AgentChecks.check(f.lowered.get(i).target(), f.readBack.get(i)).size();
                }
                return n;
              });
      total += time(last, "prove", () -> Prover.prove(f.emitted).diagnostics().size());
      time(last, "Compilation.run", () -> Fixture.compile(dir).documents().size());
      if (last) {
        TOTALS.computeIfAbsent("sum", k -> new long[2])[0] += total;
        TOTALS.get("sum")[1]++;
      }
    }
    TOTALS.forEach((name, t) -> System.out.printf("stage.%s %.1f%n", name, t[0] / 1e6 / t[1]));
  }

  private static long time(boolean count, String name, IntSupplier work) {
    long start = THREADS.getCurrentThreadCpuTime();
    int result = work.getAsInt();
    long elapsed = THREADS.getCurrentThreadCpuTime() - start;
    if (count && result >= 0) {
      long[] t = TOTALS.computeIfAbsent(name, k -> new long[2]);
      t[0] += elapsed;
      t[1]++;
    }
    return elapsed;
  }
}
