package dev.cilia.driver;

import dev.cilia.cilium.Target;
import dev.cilia.verify.TestReport;
import dev.cilia.verify.TestRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the {@code test} blocks of a compiled program against the documents it emitted, for {@code
 * ciliac test} and the Maven {@code cilia:test} goal.
 */
public final class Tests {
  private Tests() {}

  /**
   * What was read (the compilation of the {@code .cilia} files and any YAML policies) and, when it
   * had no errors, the test report.
   */
  public record Outcome(PolicySources.Loaded loaded, Optional<TestReport> report) {
    public boolean ran() {
      return report.isPresent();
    }

    /** The compile's diagnostics, warnings and notes included: what the tests rest on. */
    public List<dev.cilia.diag.Diagnostic> diagnostics() {
      return loaded.diagnostics();
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

    /** The report with the compile's warnings and notes ({@code diagnostics}, {@code warnings}). */
    public String json() {
      return report.map(r -> r.json(diagnostics())).orElse("");
    }
  }

  /**
   * Compiles {@code options}' {@code .cilia} inputs, reads their YAML inputs, and runs the test
   * blocks against all their policies when nothing had errors.
   *
   * @throws InputError when the inputs cannot be read, or hold no {@code .cilia} file
   */
  public static Outcome run(Compilation.Options options) throws InputError {
    if (PolicySources.split(options.inputs(), options.recursive()).cilia().isEmpty()) {
      throw new InputError(
          "no .cilia files: `test` runs the `test` blocks of .cilia files (YAML policies may be"
              + " given next to them)");
    }
    PolicySources.Loaded loaded = PolicySources.load(options);
    if (loaded.hasErrors() || loaded.compiled().isEmpty()) {
      return new Outcome(loaded, Optional.empty());
    }
    try {
      return new Outcome(
          loaded,
          Optional.of(
              TestRunner.run(
                  loaded.compiled().get().program().tests(),
                  loaded.documents(),
                  options
                      .cilium()
                      .or(
                          () ->
                              loaded.yaml().isEmpty()
                                  ? Optional.empty()
                                  : Optional.of(loaded.target())))));
    } catch (RuntimeException | Error e) {
      throw new InternalCompilerError("test", "the test blocks", e);
    }
  }

  /** One {@code expect} line that did not hold, as the Maven plugin logs it. */
  public record Failure(Path file, int line, int column, String test, String message) {}

  /**
   * What a run found: {@code tests} blocks holding {@code expectations} lines, and the ones that
   * failed; {@code ran} is false when the compile had errors, so nothing could run.
   */
  public record Result(int tests, int expectations, List<Failure> failures, boolean ran) {
    public Result {
      failures = List.copyOf(failures);
    }

    public int failed() {
      return failures.size();
    }

    public int passed() {
      return ran ? expectations - failures.size() : 0;
    }
  }

  /** Runs every test of an outcome; {@code cilium} is the target override, as for compile. */
  public static Result run(Compilation.Outcome outcome, Optional<Target> cilium) {
    int blocks = outcome.program().tests().size();
    int expectations =
        outcome.program().tests().stream().mapToInt(t -> t.expectations().size()).sum();
    if (outcome.hasErrors()) {
      return new Result(blocks, expectations, List.of(), false);
    }
    TestReport report;
    try {
      report = TestRunner.run(outcome.program().tests(), outcome.documents(), cilium);
    } catch (RuntimeException | Error e) {
      throw new InternalCompilerError("test", "the test blocks", e);
    }
    List<Failure> failures = new ArrayList<>();
    for (TestReport.Check check : report.checks()) {
      if (check.passed()) {
        continue;
      }
      var span = check.expectation().span();
      failures.add(
          new Failure(
              span.file().path().toAbsolutePath(),
              span.line(),
              span.column(),
              check.test().title(),
              check.flow()
                  + ": expected "
                  + check.expected()
                  + ", got "
                  + check
                      .verdict()
                      .kind()
                      .name()
                      .toLowerCase(java.util.Locale.ROOT)
                      .replace('_', ' ')
                  + " ("
                  + check.verdict().reason()
                  + ")"));
    }
    return new Result(blocks, report.checks().size(), failures, true);
  }
}
