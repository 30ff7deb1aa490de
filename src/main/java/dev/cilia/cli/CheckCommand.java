package dev.cilia.cli;

import dev.cilia.driver.Compilation;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ciliac check}: every stage of {@code compile}, no output files. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Parses, type-checks, lowers and validates .cilia files without writing YAML.",
      "With --format json or sarif the report goes to stdout."
    })
final class CheckCommand implements Callable<Integer> {
  private final Terminal terminal;

  @Mixin CommonOptions options;

  @Mixin ReportFormat.Any report;

  CheckCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() {
    Reporter reporter = new Reporter(terminal, report.format);
    Optional<Compilation.Outcome> ran = reporter.run(() -> Compilation.run(options.compilation()));
    if (ran.isEmpty()) {
      return ExitCode.USAGE;
    }
    Compilation.Outcome outcome = ran.get();
    reporter.diagnostics(outcome.diagnostics(), terminal.out());
    if (outcome.hasErrors()) {
      return ExitCode.FAILED;
    }
    if (report.format == dev.cilia.diag.Format.TEXT) {
      int n = outcome.documents().size();
      terminal.err().println("ok: " + n + (n == 1 ? " policy" : " policies") + " checked");
    }
    return ExitCode.OK;
  }
}
