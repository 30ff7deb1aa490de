package dev.cilia.bench;

import dev.cilia.eval.Evaluator;
import dev.cilia.eval.Flow;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The evaluator on the emitted documents of a corpus, read back from YAML: {@code decide} is
 * verdicts per second on one thread (the 1,000,000/s target of bench/run.sh), {@code build} is the
 * cost of indexing the policies once per compile.
 */
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx2g"})
@Threads(1)
public class EvaluatorBenchmark {
  static final int FLOWS = 100_000;

  @Param({"1000"})
  public int policies;

  private Fixture fixture;
  private Evaluator evaluator;
  private Flow[] flows;

  @Setup(Level.Trial)
  public void setUp() {
    fixture = Fixture.generate(policies);
    evaluator = new Evaluator(Fixture.evaluatorTarget(), fixture.readBack);
    flows = Flows.of(fixture.readBack, FLOWS, Corpus.SEED);
    for (Flow flow : flows) {
      evaluator.decide(flow); // fills the per-pod caches, as a proof's first flows would
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @OperationsPerInvocation(FLOWS)
  public void decide(Blackhole bh) {
    for (Flow flow : flows) {
      bh.consume(evaluator.decide(flow));
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public Evaluator build() {
    return new Evaluator(Fixture.evaluatorTarget(), fixture.readBack);
  }
}
