package dev.cilia.cli;

import dev.cilia.diag.Format;
import dev.cilia.driver.Tests;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ciliac test}: runs the {@code test} blocks of .cilia files against the compiled YAML. */
@Command(
    name = "test",
    mixinStandardHelpOptions = true,
    description = {
      "Compiles .cilia files and runs every `expect` of their `test` blocks against the emitted"
          + " policies and any CiliumNetworkPolicy YAML given next to them (.yaml/.yml files or"
          + " folders). Prints each failure with its flow, the expected and the actual verdict,"
          + " the rule that decided and its statement, then `N passed, N failed`. Exit 1 when a"
          + " test fails.",
      "With --format json the report is one JSON document on stdout."
    })
final class TestCommand implements Callable<Integer> {
  private final Terminal terminal;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin CommonOptions options;

  @Mixin ReportFormat.TextOrJson report;

  @CommandLine.Option(
      names = "--flows",
      paramLabel = "FILE",
      description =
          "Also replay these Hubble flow files (repeatable; - for stdin): exit 1 when the"
              + " policies would drop an observed flow.")
  List<String> flows = new java.util.ArrayList<>();

  TestCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() {
    if (report.format == Format.SARIF) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--format sarif is not available for `test`; use text or json");
    }
    Reporter reporter = new Reporter(terminal, report.format);
    Optional<Tests.Outcome> ran = reporter.run(() -> Tests.run(options.compilation()));
    if (ran.isEmpty()) {
      return ExitCode.USAGE;
    }
    Tests.Outcome outcome = ran.get();
    if (!outcome.ran()) {
      reporter.diagnostics(outcome.diagnostics(), terminal.out());
      return ExitCode.FAILED;
    }
    if (report.format == Format.TEXT) {
      // Warnings and notes say what the tests rest on (DNS allowed automatically, a test pod
      // that no policy selects), so they are shown too.
      reporter.diagnostics(outcome.diagnostics(), terminal.err());
      terminal.out().print(outcome.text());
    } else {
      terminal.out().print(outcome.json());
    }
    terminal.out().flush();
    int replayed = flows.isEmpty() ? ExitCode.OK : replay(reporter, outcome);
    return outcome.failed() > 0 || replayed != ExitCode.OK ? Math.max(replayed, 1) : ExitCode.OK;
  }

  /** {@code --flows}: the replay report after the test report. */
  private int replay(Reporter reporter, Tests.Outcome outcome) {
    Optional<dev.cilia.driver.Replay.Result> replayed =
        reporter.run(
            () ->
                dev.cilia.driver.Replay.over(
                    outcome.loaded().compiled().orElseThrow(),
                    flows,
                    terminal.in(),
                    options.cilium()));
    if (replayed.isEmpty()) {
      return ExitCode.USAGE;
    }
    dev.cilia.driver.Replay.Result r = replayed.get();
    terminal.err().print(r.summary());
    terminal.err().print(r.problemsText());
    terminal.out().print(report.format == Format.TEXT ? r.text() : r.json());
    terminal.out().flush();
    return r.dropped() > 0 || r.flows() == 0 ? ExitCode.FAILED : ExitCode.OK;
  }
}
