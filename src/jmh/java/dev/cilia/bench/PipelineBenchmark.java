package dev.cilia.bench;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The whole pipeline, {@code Compilation.run}, as {@code ciliac check DIR} runs it: read, check,
 * lower, emit, validate, and every stage the driver has (translation validation included, since it
 * is a stage of {@code Compilation.run}). The difference between this and the sum of {@link
 * StageBenchmarks} is what the driver's later stages cost.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx2g"})
public class PipelineBenchmark {
  @Param({"100", "1000"})
  public int policies;

  private Path dir;

  @Setup(Level.Trial)
  public void setUp() {
    dir = Fixture.generate(policies).dir;
  }

  @Benchmark
  public Object compile() {
    return Fixture.compile(dir);
  }
}
