package dev.cilia.bench;

import dev.cilia.driver.Compilation;
import dev.cilia.verify.Evaluator;
import dev.cilia.verify.Flow;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The in-process measurements of bench/run.sh, each printed as {@code key value} lines that the
 * script turns into ratios.
 *
 * <ul>
 *   <li>{@code scaling DIR_100 DIR_1000 DIR_10000}: {@code Compilation.run} of each corpus in one
 *       warm JVM; after warm-up, the best of several runs of each size (wall and thread CPU).
 *   <li>{@code evaluator DIR_1000 SECONDS}: {@code Evaluator.decide} verdicts per second on one
 *       thread over flows among the corpus's pods, after a warm-up of the same length.
 * </ul>
 */
public final class Harness {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private Harness() {}

  public static void main(String[] args) {
    Locale.setDefault(Locale.ROOT);
    switch (args[0]) {
      case "scaling" -> scaling(Path.of(args[1]), Path.of(args[2]), Path.of(args[3]));
      case "evaluator" -> evaluator(Path.of(args[1]), Double.parseDouble(args[2]));
      default -> throw new IllegalArgumentException("unknown measurement " + args[0]);
    }
  }

  /** Wall and CPU nanoseconds of one run. */
  private record Time(long wall, long cpu) {
    Time min(Time other) {
      return new Time(Math.min(wall, other.wall), Math.min(cpu, other.cpu));
    }
  }

  private static void scaling(Path small, Path medium, Path large) {
    // Warm-up: the JIT compiles the pipeline on the middle size, as in a long-running build.
    for (int i = 0; i < 3; i++) {
      compile(medium);
      compile(small);
    }
    Time t100 = best(small, 7);
    Time t1000 = best(medium, 4);
    Time t10000 = best(large, 2);
    print("scaling.100", t100);
    print("scaling.1000", t1000);
    print("scaling.10000", t10000);
  }

  private static Time best(Path dir, int runs) {
    Time best = new Time(Long.MAX_VALUE, Long.MAX_VALUE);
    for (int i = 0; i < runs; i++) {
      System.gc();
      best = best.min(compile(dir));
    }
    return best;
  }

  private static Time compile(Path dir) {
    long wall = System.nanoTime();
    long cpu = THREADS.getCurrentThreadCpuTime();
    Compilation.Outcome outcome = Fixture.compile(dir);
    Time time =
        new Time(System.nanoTime() - wall, THREADS.getCurrentThreadCpuTime() - cpu);
    if (outcome.hasErrors() || outcome.documents().isEmpty()) {
      throw new IllegalStateException("the corpus in " + dir + " does not compile");
    }
    return time;
  }

  private static void print(String key, Time time) {
    System.out.printf("%s.wall_ms %.1f%n", key, time.wall / 1e6);
    System.out.printf("%s.cpu_ms %.1f%n", key, time.cpu / 1e6);
  }

  private static void evaluator(Path dir, double seconds) {
    Fixture fixture = Fixture.load(dir);
    long built = System.nanoTime();
    Evaluator evaluator = new Evaluator(Fixture.evaluatorTarget(), fixture.readBack);
    System.out.printf("evaluator.build_ms %.1f%n", (System.nanoTime() - built) / 1e6);
    Flow[] flows = Flows.of(fixture.readBack, 100_000, Corpus.SEED);
    decideFor(evaluator, flows, 0, seconds); // warm-up: JIT, and the per-pod caches
    // One-second windows of this thread's CPU time: the best is the least disturbed by other
    // processes on a shared machine, the median is printed beside it.
    int windows = (int) Math.max(3, Math.round(seconds));
    double[] rates = new double[windows];
    long offset = 0;
    long allowed = 0;
    for (int w = 0; w < windows; w++) {
      long[] counts = decideFor(evaluator, flows, offset, 1.0);
      offset += counts[0];
      allowed += counts[2];
      rates[w] = counts[0] / (counts[1] / 1e9);
    }
    java.util.Arrays.sort(rates);
    System.out.printf("evaluator.policies %d%n", fixture.readBack.size());
    System.out.printf("evaluator.flows %d%n", flows.length);
    System.out.printf("evaluator.verdicts %d%n", offset);
    System.out.printf("evaluator.allowed %d%n", allowed);
    System.out.printf("evaluator.windows %d%n", windows);
    System.out.printf("evaluator.median_per_s %.0f%n", rates[windows / 2]);
    System.out.printf("evaluator.best_per_s %.0f%n", rates[windows - 1]);
  }

  /** Decides flows round-robin from {@code offset} for {@code seconds} of this thread's CPU. */
  private static long[] decideFor(Evaluator evaluator, Flow[] flows, long offset, double seconds) {
    long budget = (long) (seconds * 1e9);
    long start = THREADS.getCurrentThreadCpuTime();
    long count = 0;
    long allowed = 0;
    long elapsed = 0;
    while (elapsed < budget) {
      for (int i = 0; i < 10_000; i++) {
        Flow flow = flows[(int) ((offset + count) % flows.length)];
        if (evaluator.decide(flow).passes()) {
          allowed++;
        }
        count++;
      }
      elapsed = THREADS.getCurrentThreadCpuTime() - start;
    }
    return new long[] {count, elapsed, allowed};
  }
}
