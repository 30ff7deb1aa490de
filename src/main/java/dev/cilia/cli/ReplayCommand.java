package dev.cilia.cli;

import dev.cilia.diag.Diagnostic;
import dev.cilia.diag.Severity;
import dev.cilia.driver.Replay;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ciliac replay}: which observed Hubble flows the compiled policies would drop. */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Compiles .cilia files and decides every distinct flow Hubble observed (hubble observe -o"
          + " json, exporter files, JSON arrays, gzip; - for stdin) over the emitted policies."
          + " Prints the flows that would be dropped, grouped by workload and destination with"
          + " counts, the deciding rule and its .cilia line; flows Hubble saw dropped that would"
          + " now pass; flows whose L7 visibility would change; then `N flows, N would be"
          + " dropped`. Exit 1 when a flow would be dropped.",
      "With --format json the report is one JSON document; with sarif each dropped group is a"
          + " result at the statement that decided it."
    })
final class ReplayCommand implements Callable<Integer> {
  private final Terminal terminal;

  @Mixin CommonOptions options;

  @Mixin ReportFormat.Any report;

  @Option(
      names = "--flows",
      required = true,
      paramLabel = "FILE",
      description = "Hubble flow file or folder (repeatable); - reads stdin.")
  List<String> flows = new ArrayList<>();

  ReplayCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() {
    Reporter reporter = new Reporter(terminal, report.format);
    Optional<Replay.Outcome> ran =
        reporter.run(() -> Replay.run(options.compilation(), flows, terminal.in()));
    if (ran.isEmpty()) {
      return ExitCode.USAGE;
    }
    Replay.Outcome outcome = ran.get();
    if (outcome.result().isEmpty()) {
      reporter.diagnostics(outcome.compilation().diagnostics(), terminal.out());
      return ExitCode.FAILED;
    }
    Replay.Result result = outcome.result().get();
    List<Diagnostic> compiled =
        outcome.compilation().diagnostics().stream()
            .filter(d -> d.severity() != Severity.NOTE)
            .toList();
    terminal.err().print(result.summary());
    terminal.err().print(result.problemsText());
    switch (report.format) {
      case TEXT -> {
        reporter.diagnostics(compiled, terminal.err());
        terminal.out().print(result.text());
      }
      case JSON -> terminal.out().print(result.json());
      case SARIF -> {
        List<Diagnostic> all = new ArrayList<>(compiled);
        all.addAll(result.diagnostics());
        reporter.diagnostics(all, terminal.out());
      }
    }
    terminal.out().flush();
    return result.dropped() > 0 || result.flows() == 0 ? ExitCode.FAILED : ExitCode.OK;
  }
}
