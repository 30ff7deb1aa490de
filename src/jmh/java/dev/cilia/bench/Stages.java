package dev.cilia.bench;

import dev.cilia.cilium.AgentChecks;
import dev.cilia.cilium.PolicyYaml;
import dev.cilia.cilium.SchemaValidator;
import dev.cilia.lower.Lowered;
import dev.cilia.lower.Lowerer;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * Times every stage over one corpus in a warm JVM: a quick profile of where a compile goes, for
 * docs/performance.md. Usage: {@code Stages CORPUS_DIR [ROUNDS]}.
 */
public final class Stages {
  private Stages() {}

  public static void main(String[] args) {
    Path dir = Path.of(args[0]);
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Fixture f = Fixture.load(dir);
    System.out.printf("%d files, %d policies%n", f.sources.size(), f.lowered.size());
    for (int round = 0; round < rounds; round++) {
      boolean last = round == rounds - 1;
      long total = 0;
      total += time(last, "parse", f::parseAll);
      total += time(last, "check (with parse)", () -> Fixture.check(dir, f.sources).diagnostics().size());
      total += time(last, "lower", () -> Lowerer.lower(f.program, Optional.empty()).documents().size());
      total +=
          time(last, "emit", () -> {
            int n = 0;
            for (Lowered l : f.lowered) {
              n += PolicyYaml.write(l.document()).length();
            }
            return n;
          });
      total +=
          time(last, "read trees", () -> {
            int n = 0;
            for (String y : f.yaml) {
              n += PolicyYaml.readTrees(y).size();
            }
            return n;
          });
      total +=
          time(last, "schema validate", () -> {
            int n = 0;
            for (int i = 0; i < f.trees.size(); i++) {
              n += SchemaValidator.validate(f.lowered.get(i).target(), f.trees.get(i)).size();
            }
            return n;
          });
      total +=
          time(last, "read policies", () -> {
            int n = 0;
            for (String y : f.yaml) {
              n += PolicyYaml.read(y).rules().size();
            }
            return n;
          });
      total +=
          time(last, "agent checks", () -> {
            int n = 0;
            for (int i = 0; i < f.readBack.size(); i++) {
              n += AgentChecks.check(f.lowered.get(i).target(), f.readBack.get(i)).size();
            }
            return n;
          });
      long whole = time(last, "Compilation.run", () -> Fixture.compile(dir).documents().size());
      if (last) {
        System.out.printf("%-22s %8.1f ms%n", "sum of stages", total / 1e6);
      }
    }
  }

  private static long time(boolean print, String name, IntSupplier work) {
    long start = System.nanoTime();
    int result = work.getAsInt();
    long elapsed = System.nanoTime() - start;
    if (print) {
      System.out.printf("%-22s %8.1f ms   (%d)%n", name, elapsed / 1e6, result);
    }
    return elapsed;
  }
}
