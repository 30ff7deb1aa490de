package dev.cilia.cli;

import dev.cilia.diag.Format;
import dev.cilia.driver.Importing;
import dev.cilia.driver.OutputError;
import dev.cilia.driver.PolicyFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ciliac import}: Cilia for existing CiliumNetworkPolicy YAML, checked flow by flow. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Writes .cilia for CiliumNetworkPolicy/CiliumClusterwideNetworkPolicy YAML (files, streams,"
          + " lists, folders): one .cilia file per YAML file. Compiles it back and checks on a"
          + " generated flow set per policy that both allow, deny and proxy the same flows; prints"
          + " that check per policy. What Cilia cannot express is a warning at the YAML line and a"
          + " `# TODO(import)` comment in the output.",
      "Without -o the .cilia goes to stdout and the check to stderr. Exit 0 when every policy"
          + " round-trips with equal verdicts, 1 when something was left out or differs (the"
          + " files are still written), 2 on usage or I/O errors."
    })
final class ImportCommand implements Callable<Integer> {
  private final Terminal terminal;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin CommonOptions options;

  @Mixin ReportFormat.TextOrJson report;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "DIR",
      description = "Folder for the .cilia files, or - for stdout (default: -).")
  String output = "-";

  ImportCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() {
    if (report.format == Format.SARIF) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--format sarif is not available for `import`; use text or json");
    }
    OutputFolder.check(spec, output);
    Reporter reporter = new Reporter(terminal, report.format, terminal.err());
    Optional<Importing.Outcome> ran = reporter.run(() -> Importing.run(options.compilation()));
    if (ran.isEmpty()) {
      return ExitCode.USAGE;
    }
    Importing.Outcome outcome = ran.get();
    reporter.diagnostics(outcome.diagnostics(), terminal.err());
    if (outcome.files().isEmpty()) {
      return ExitCode.FAILED;
    }
    if (output.equals("-")) {
      boolean several = outcome.files().size() > 1;
      outcome
          .files()
          .forEach(
              (name, text) -> {
                if (several) {
                  terminal.out().println("# ---- " + name);
                }
                terminal.out().print(text);
              });
      terminal.out().flush();
      terminal.err().print(outcome.report());
    } else {
      try {
        PolicyFiles.write(Path.of(output), outcome.files(), List.of());
      } catch (OutputError e) {
        return reporter.inputError(e.getMessage());
      }
      outcome.files().keySet().forEach(n -> terminal.out().println("wrote " + Path.of(output, n)));
      terminal.out().print(outcome.report());
    }
    terminal.out().flush();
    return outcome.complete() ? ExitCode.OK : ExitCode.FAILED;
  }
}
