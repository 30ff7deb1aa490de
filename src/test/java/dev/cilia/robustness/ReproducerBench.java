package dev.cilia.robustness;

import dev.cilia.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The time bound of the reproducers, run by {@code bench/robustness.sh}: each must finish within
 * {@link #BOUND_SECONDS} in one JVM (the slowest today take about a second on a quiet machine).
 * Prints one line per reproducer; exits 1 when one is over the bound or reports wrongly.
 */
public final class ReproducerBench {
  static final double BOUND_SECONDS = 10.0;

  private ReproducerBench() {}

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("cilia-robustness");
    boolean ok = true;
    try {
      for (Reproducers.Case c : Reproducers.all()) {
        Path folder = Files.createDirectories(dir.resolve(c.name()));
        c.setup().write(folder);
        List<String> command = new ArrayList<>();
        for (String arg : c.args()) {
          command.add(arg.contains(".") ? folder.resolve(arg).toString() : arg);
        }
        long start = System.nanoTime();
        Cli.Run run = Cli.run(command.toArray(String[]::new));
        double seconds = (System.nanoTime() - start) / 1e9;
        boolean right =
            run.exitCode() == c.exit()
                && c.expected().stream().allMatch(run.err()::contains)
                && !run.err().contains("CIL0901");
        boolean fast = seconds <= BOUND_SECONDS;
        ok &= right && fast;
        System.out.printf(
            "%-34s %7.3f s  exit %d  %s%n",
            c.name(), seconds, run.exitCode(), right ? (fast ? "ok" : "TOO SLOW") : "WRONG");
      }
    } finally {
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    System.exit(ok ? 0 : 1);
  }
}
