package dev.cilia.driver;

import dev.cilia.verify.TestReport;
import dev.cilia.verify.TestRunner;
import java.util.Optional;

/** {@code ciliac test}: compiles, then runs every {@code test} block against what was emitted. */
public final class Tests {
  private Tests() {}

  /** The compilation and, when it had no errors, the test report. */
  public record Outcome(Compilation.Outcome compilation, Optional<TestReport> report) {
    public boolean ran() {
      return report.isPresent();
    }

    public int passed() {
      return report.map(TestReport::passed).orElse(0);
    }

    public int failed() {
      return report.map(TestReport::failed).orElse(0);
    }

    /** Each failure and the line {@code N passed, N failed}. */
    public String text() {
      return report.map(TestReport::text).orElse("");
    }

    public String json() {
      return report.map(TestReport::json).orElse("");
    }
  }

  /** Compiles {@code options}' inputs and runs their tests when the compile has no errors. */
  public static Outcome run(Compilation.Options options) throws InputError {
    Compilation.Outcome compiled = Compilation.run(options);
    if (compiled.hasErrors()) {
      return new Outcome(compiled, Optional.empty());
    }
    try {
      return new Outcome(
          compiled,
          Optional.of(
              TestRunner.run(
                  compiled.program().tests(),
                  compiled.documents().stream().map(Compilation.Emitted::evidence).toList(),
                  options.cilium())));
    } catch (RuntimeException | StackOverflowError e) {
      throw new InternalCompilerError("test", "the test blocks", e);
    }
  }
}
