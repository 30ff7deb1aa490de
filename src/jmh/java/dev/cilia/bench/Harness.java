package dev.cilia.bench;

import dev.cilia.diag.Work;
import dev.cilia.driver.Compilation;
import dev.cilia.eval.Evaluator;
import dev.cilia.eval.Flow;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The in-process measurements of bench/run.sh, each printed as {@code key value} lines that the
 * script turns into ratios.
 *
 * <ul>
 *   <li>{@code scaling DIR_100 DIR_1000 DIR_10000}: {@code Compilation.run} of each corpus in one
 *       warm JVM; after warm-up, the mean of interleaved runs of each size (wall and thread CPU).
 *   <li>{@code pair KEY DIR_SMALL DIR_LARGE}: as {@code scaling}, for two corpora of which the
 *       second is ten times the first; prints {@code KEY.small.*} and {@code KEY.large.*}.
 *   <li>{@code counts DIR...}: the proof's operation counts ({@code dev.cilia.diag.Work}) of one
 *       compile of each corpus.
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
      case "pair" -> pair(args[1], Path.of(args[2]), Path.of(args[3]));
      case "counts" -> {
        for (int i = 1; i < args.length; i++) {
          counts(Path.of(args[i]));
        }
      }
      default -> throw new IllegalArgumentException("unknown measurement " + args[0]);
    }
  }

  /** Wall, CPU (this thread) and GC (all collectors) nanoseconds of one run. */
  private record Time(long wall, long cpu, long gc) {
    Time min(Time other) {
      return new Time(Math.min(wall, other.wall), Math.min(cpu, other.cpu), Math.min(gc, other.gc));
    }
  }

  private static long gcNanos() {
    long millis = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      millis += Math.max(0, gc.getCollectionTime());
    }
    return millis * 1_000_000;
  }

  private static void scaling(Path small, Path medium, Path large) {
    // Warm-up: the JIT compiles the pipeline, as in a long-running build.
    for (int i = 0; i < 3; i++) {
      compile(medium);
      for (int j = 0; j < 10; j++) {
        compile(small);
      }
    }
    // Rounds interleave the sizes in proportion (one 10,000 run, ten 1,000 runs, a hundred 100
    // runs: the same number of policies each), so that other processes on a shared machine
    // disturb every size alike. The mean per run counts; the best run is printed beside it.
    int rounds = 3;
    Stats s100 = new Stats();
    Stats s1000 = new Stats();
    Stats s10000 = new Stats();
    for (int round = 0; round < rounds; round++) {
      s10000.add(compile(large));
      for (int i = 0; i < 10; i++) {
        s1000.add(compile(medium));
        for (int j = 0; j < 10; j++) {
          s100.add(compile(small));
        }
      }
    }
    s100.print("scaling.100");
    s1000.print("scaling.1000");
    s10000.print("scaling.10000");
  }

  private static void pair(String key, Path small, Path large) {
    for (int i = 0; i < 3; i++) {
      compile(small);
    }
    compile(large);
    Stats s = new Stats();
    Stats l = new Stats();
    for (int round = 0; round < 3; round++) {
      l.add(compile(large));
      for (int i = 0; i < 10; i++) {
        s.add(compile(small));
      }
    }
    s.print(key + ".small");
    l.print(key + ".large");
  }

  private static void counts(Path dir) {
    Work.reset();
    compile(dir);
    for (Work.Step step : Work.Step.values()) {
      System.out.printf("counts.%s.%s %d%n", dir.getFileName(), step, Work.count(step));
    }
  }

  /** Sums and minima of run times. */
  private static final class Stats {
    private long runs;
    private long wall;
    private long cpu;
    private long gc;
    private Time best = new Time(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE);

    void add(Time time) {
      runs++;
      wall += time.wall;
      cpu += time.cpu;
      gc += time.gc;
      best = best.min(time);
    }

    void print(String key) {
      System.out.printf("%s.runs %d%n", key, runs);
      System.out.printf("%s.wall_ms %.1f%n", key, wall / 1e6 / runs);
      System.out.printf("%s.cpu_ms %.1f%n", key, cpu / 1e6 / runs);
      System.out.printf("%s.gc_ms %.1f%n", key, gc / 1e6 / runs);
      System.out.printf("%s.best_wall_ms %.1f%n", key, best.wall / 1e6);
    }
  }

  private static Time compile(Path dir) {
    long gc = gcNanos();
    long wall = System.nanoTime();
    long cpu = compileCpu();
    Compilation.Outcome outcome = Fixture.compile(dir);
    Time time = new Time(System.nanoTime() - wall, compileCpu() - cpu, gcNanos() - gc);
    if (outcome.hasErrors() || outcome.documents().isEmpty()) {
      throw new IllegalStateException("the corpus in " + dir + " does not compile");
    }
    return time;
  }

  /**
   * CPU time of this thread and of the compiler's helper threads ({@link
   * Compilation#HELPER_THREAD}).
   */
  static long compileCpu() {
    long cpu = THREADS.getCurrentThreadCpuTime();
    for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
      if (info != null && info.getThreadName().equals(Compilation.HELPER_THREAD)) {
        cpu += Math.max(0, THREADS.getThreadCpuTime(info.getThreadId()));
      }
    }
    return cpu;
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
