package dev.cilia.cli;

import dev.cilia.cilium.Target;
import dev.cilia.driver.DiffReport;
import dev.cilia.driver.Diffing;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ciliac diff OLD NEW}: the flows whose verdict changes between two policy sets. */
@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    description = {
      "Compiles or reads both sides (.cilia and CiliumNetworkPolicy YAML files or folders; git:REF"
          + " means the other side's paths at that Git revision, read with `git show`) and prints"
          + " the flows whose verdict changes (allowed, visible, denied), grouped by workload and"
          + " peer, each with an example flow and the rules responsible on each side.",
      "Exit 0 when nothing changes, 1 when something does, 2 on errors."
    })
final class DiffCommand implements Callable<Integer> {
  private final Terminal terminal;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "OLD", description = "Path, or git:REF.")
  String oldSide;

  @Parameters(index = "1", paramLabel = "NEW", description = "Path, or git:REF.")
  String newSide;

  @Option(
      names = "--cilium",
      paramLabel = "X.Y",
      description = "Target Cilium version for both sides (default: the new side's).")
  Target cilium;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "text, markdown or json (default: text).")
  String format = "text";

  @Option(
      names = {"-R", "--recursive"},
      description = "Also read subfolders of folder arguments.")
  boolean recursive;

  DiffCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() {
    if (!format.equals("text") && !format.equals("markdown") && !format.equals("json")) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--format: expected text, markdown or json, found `" + format + "`");
    }
    Reporter reporter =
        new Reporter(
            terminal,
            format.equals("json") ? dev.cilia.diag.Format.JSON : dev.cilia.diag.Format.TEXT);
    Optional<Diffing.Outcome> ran =
        reporter.run(() -> Diffing.run(oldSide, newSide, recursive, Optional.ofNullable(cilium)));
    if (ran.isEmpty()) {
      return ExitCode.USAGE;
    }
    Diffing.Outcome outcome = ran.get();
    if (outcome.hasErrors()) {
      reporter.diagnostics(
          outcome.diagnostics().stream()
              .filter(d -> d.severity() != dev.cilia.diag.Severity.NOTE)
              .toList(),
          terminal.err());
      return ExitCode.USAGE;
    }
    String text =
        switch (format) {
          case "markdown" -> DiffReport.markdown(outcome);
          case "json" -> DiffReport.json(outcome);
          default -> DiffReport.text(outcome);
        };
    terminal.out().print(text);
    terminal.out().flush();
    return outcome.groups().isEmpty() ? ExitCode.OK : ExitCode.FAILED;
  }
}
