package dev.cilia.cli;

import dev.cilia.diag.Diagnostic;
import dev.cilia.diag.Format;
import dev.cilia.diag.Severity;
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

  TestCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() {
    if (options.format == Format.SARIF) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--format sarif is not available for `test`; use text or json");
    }
    Reporter reporter = new Reporter(terminal, options.format);
    Optional<Tests.Outcome> ran = reporter.run(() -> Tests.run(options.compilation()));
    if (ran.isEmpty()) {
      return ExitCode.USAGE;
    }
    Tests.Outcome outcome = ran.get();
    if (!outcome.ran()) {
      reporter.diagnostics(outcome.diagnostics(), terminal.out());
      return ExitCode.FAILED;
    }
    if (options.format == Format.TEXT) {
      // Notes about what compiling did are noise here; warnings still matter.
      List<Diagnostic> shown =
          outcome.diagnostics().stream().filter(d -> d.severity() != Severity.NOTE).toList();
      reporter.diagnostics(shown, terminal.err());
      terminal.out().print(outcome.text());
    } else {
      terminal.out().print(outcome.json());
    }
    terminal.out().flush();
    return outcome.failed() > 0 ? ExitCode.FAILED : ExitCode.OK;
  }
}
