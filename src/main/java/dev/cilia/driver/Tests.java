package dev.cilia.driver;

import dev.cilia.ir.TestCase;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs the {@code test} blocks of a compiled program against the documents it emitted, for
 * {@code ciliac test} and the Maven {@code cilia:test} goal.
 *
 * <p>No runner is wired in yet: {@link #run} counts the tests and reports {@link Result#ran()}
 * false, so callers can say that the tests were found but not run.
 */
public final class Tests {
  private Tests() {}

  /** One {@code expect} line that did not hold. */
  public record Failure(Path file, int line, int column, String test, String message) {}

  /**
   * What a run found: {@code tests} blocks holding {@code expectations} lines, and the ones that
   * failed; {@code ran} is false when the tests could only be counted.
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

  /** Runs every test of an outcome without errors. */
  public static Result run(Compilation.Outcome outcome) {
    List<TestCase> tests = outcome.program().tests();
    int expectations = tests.stream().mapToInt(t -> t.expectations().size()).sum();
    return new Result(tests.size(), expectations, List.of(), false);
  }
}
