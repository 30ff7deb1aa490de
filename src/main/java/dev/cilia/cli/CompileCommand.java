package dev.cilia.cli;

import dev.cilia.driver.Compilation;
import dev.cilia.driver.OutputError;
import dev.cilia.driver.PolicyFiles;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ciliac compile}: YAML for every policy, to stdout or one file per policy. */
@Command(
    name = "compile",
    mixinStandardHelpOptions = true,
    description = {
      "Compiles .cilia files to CiliumNetworkPolicy / CiliumClusterwideNetworkPolicy YAML.",
      "Writes a `---` stream to stdout, or with -o DIR one file per policy (NAMESPACE.NAME.yaml,"
          + " clusterwide NAME.yaml), written all or nothing. Nothing is written when any error is"
          + " found.",
      "A `monitoring` block adds its Service, ServiceMonitor and PrometheusRule to the stream;"
          + " -o DIR also gets its Helm values (monitoring_*.yaml, docs/monitoring.md)."
    })
final class CompileCommand implements Callable<Integer> {
  private final Terminal terminal;

  @Mixin CommonOptions options;

  @Mixin ReportFormat.Any report;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "DIR|-",
      description = "Folder for the YAML files, or - for stdout (default: -).")
  String output = "-";

  CompileCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    OutputFolder.check(spec, output);
    Reporter reporter = new Reporter(terminal, report.format, terminal.err());
    Optional<Compilation.Outcome> ran = reporter.run(() -> Compilation.run(options.compilation()));
    if (ran.isEmpty()) {
      return ExitCode.USAGE;
    }
    Compilation.Outcome outcome = ran.get();
    reporter.diagnostics(outcome.diagnostics(), terminal.err());
    if (outcome.hasErrors()) {
      return ExitCode.FAILED;
    }
    if (output.equals("-")) {
      StringBuilder stream = new StringBuilder();
      for (var e : outcome.documents()) {
        stream.append("---\n").append(e.yaml());
      }
      boolean helmValues = false;
      for (Compilation.Generated g : outcome.monitoring()) {
        if (g.kubernetesObject()) {
          stream.append("---\n").append(g.yaml());
        } else {
          helmValues = true;
        }
      }
      terminal.out().print(stream);
      terminal.out().flush();
      if (helmValues && report.format == dev.cilia.diag.Format.TEXT) {
        terminal.err().println("the Helm values of the monitoring block are written with -o DIR");
      }
      return ExitCode.OK;
    }
    Map<String, String> files = new LinkedHashMap<>();
    outcome.documents().forEach(e -> files.put(e.fileName(), e.yaml()));
    outcome.monitoring().forEach(g -> files.put(g.fileName(), g.yaml()));
    Path directory = Path.of(output);
    try {
      PolicyFiles.write(directory, files, java.util.List.of());
    } catch (OutputError e) {
      return reporter.inputError(e.getMessage());
    }
    if (report.format == dev.cilia.diag.Format.TEXT) {
      terminal
          .err()
          .println(
              "wrote "
                  + outcome.documents().size()
                  + (outcome.documents().size() == 1 ? " policy" : " policies")
                  + (outcome.monitoring().isEmpty()
                      ? ""
                      : " and " + outcome.monitoring().size() + " monitoring files")
                  + " to "
                  + directory);
    }
    return ExitCode.OK;
  }
}
