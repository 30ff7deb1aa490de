package dev.cilia.bench;

import dev.cilia.cilium.PolicyYaml;
import dev.cilia.cilium.admission.AgentChecks;
import dev.cilia.cilium.admission.SchemaValidator;
import dev.cilia.lower.Lowered;
import dev.cilia.lower.Lowerer;
import java.util.Optional;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Each stage of the compiler over a whole corpus (one operation = every file or document of the
 * corpus), starting from the previous stage's output. {@code check} includes parsing, because the
 * checker loads the inputs and their imports itself.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx2g"})
public class StageBenchmarks {
  @Param({"1000"})
  public int policies;

  private Fixture fixture;

  @Setup(Level.Trial)
  public void setUp() {
    fixture = Fixture.generate(policies);
  }

  @Benchmark
  public int parse() {
    return fixture.parseAll();
  }

  @Benchmark
  public Object check() {
    return Fixture.check(fixture.dir, fixture.sources);
  }

  @Benchmark
  public Object lower() {
    return Lowerer.lower(fixture.program, Optional.empty());
  }

  @Benchmark
  public void emit(Blackhole bh) {
    for (Lowered l : fixture.lowered) {
      bh.consume(PolicyYaml.write(l.document()));
    }
  }

  /** The YAML read-back that validation starts from. */
  @Benchmark
  public void readBack(Blackhole bh) {
    for (String yaml : fixture.yaml) {
      for (var tree : PolicyYaml.readTrees(yaml)) {
        bh.consume(PolicyYaml.fromTree(tree));
      }
    }
  }

  @Benchmark
  public void schemaValidate(Blackhole bh) {
    for (int i = 0; i < fixture.trees.size(); i++) {
      bh.consume(SchemaValidator.validate(fixture.lowered.get(i).target(), fixture.trees.get(i)));
    }
  }

  @Benchmark
  public void agentChecks(Blackhole bh) {
    for (int i = 0; i < fixture.readBack.size(); i++) {
      bh.consume(AgentChecks.check(fixture.lowered.get(i).target(), fixture.readBack.get(i)));
    }
  }
}
