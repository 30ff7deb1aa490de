package dev.cilia.cli;

import dev.cilia.cilium.Target;
import dev.cilia.diag.Format;
import dev.cilia.driver.Linting;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ciliac lint}: checks existing CNP/CCNP YAML for a target; see docs/lint.md. */
@Command(
    name = "lint",
    mixinStandardHelpOptions = true,
    description = {
      "Checks CiliumNetworkPolicy / CiliumClusterwideNetworkPolicy YAML (streams, kubectl lists)"
          + " against the target's schema and the agent's import checks, and warns about"
          + " pitfalls.",
      "With --format json or sarif the report goes to stdout."
    })
final class LintCommand implements Callable<Integer> {
  private final Terminal terminal;

  @Option(
      names = "--cilium",
      paramLabel = "X.Y",
      description = "Target Cilium version (1.13–1.18; default: the newest).")
  Target cilium;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "Diagnostics as text, json or sarif (default: text).")
  Format format = Format.TEXT;

  @Option(
      names = {"-R", "--recursive"},
      description = "Also read .yaml/.yml files in subfolders of folder arguments.")
  boolean recursive;

  @Parameters(
      paramLabel = "FILES|DIRS|-",
      arity = "1..*",
      description = "YAML files, folders of .yaml/.yml files, or - for stdin.")
  List<Path> inputs = new ArrayList<>();

  LintCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() {
    Reporter reporter = new Reporter(terminal, format);
    Optional<Linting.Outcome> ran =
        reporter.run(
            () ->
                Linting.run(
                    new Linting.Options(
                        inputs, recursive, Optional.ofNullable(cilium), terminal.in())));
    if (ran.isEmpty()) {
      return ExitCode.USAGE;
    }
    Linting.Outcome outcome = ran.get();
    reporter.diagnostics(outcome.diagnostics(), terminal.out());
    if (outcome.hasErrors()) {
      return ExitCode.FAILED;
    }
    if (format == Format.TEXT) {
      int n = outcome.policies();
      terminal
          .err()
          .println(
              "ok: "
                  + n
                  + (n == 1 ? " policy" : " policies")
                  + " linted for Cilium "
                  + outcome.target());
    }
    return ExitCode.OK;
  }
}
