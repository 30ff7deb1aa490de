package dev.cilia.cli;

import dev.cilia.diag.Format;
import dev.cilia.diag.Severity;
import dev.cilia.driver.Explain;
import dev.cilia.driver.InputError;
import dev.cilia.driver.PodDetails;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ciliac explain}: why one flow passes or drops under the compiled policies. */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    description = {
      "Compiles .cilia files, reads CiliumNetworkPolicy/CiliumClusterwideNetworkPolicy YAML"
          + " (.yaml/.yml files, streams, lists, folders) as it is, and explains one flow: the"
          + " verdict, the policies that select the source and the destination, each side's"
          + " verdict, the rules that decided (e.g. payments/payments-api egress[3].toPorts[0])"
          + " and the .cilia statement or YAML line behind them.",
      "Endpoints: NAMESPACE/KEY=VALUE,... (a pod), 'ip ADDRESS', 'fqdn NAME' (--to only), or an"
          + " entity such as world, host, kube-apiserver or remote-node."
    })
final class ExplainCommand implements Callable<Integer> {
  private final Terminal terminal;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin CommonOptions options;

  @Mixin ReportFormat.TextOrJson report;

  @Option(
      names = "--from",
      required = true,
      paramLabel = "ENDPOINT",
      description = "The source, e.g. 'payments/app=payments-api' or 'ip 10.0.0.1'.")
  String from;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "ENDPOINT",
      description = "The destination, e.g. 'ip 10.20.30.5', 'fqdn api.example.com' or 'world'.")
  String to;

  @Option(
      names = "--port",
      required = true,
      paramLabel = "PROTO/PORT",
      description = "The protocol and port, e.g. tcp/1521 (tcp, udp or sctp).")
  String port;

  @Option(
      names = "--from-namespace-labels",
      paramLabel = "KEY=VALUE,...",
      description = "Labels of the source pod's namespace, e.g. env=prod.")
  String fromNamespaceLabels;

  @Option(
      names = "--to-namespace-labels",
      paramLabel = "KEY=VALUE,...",
      description = "Labels of the destination pod's namespace.")
  String toNamespaceLabels;

  @Option(
      names = "--from-service-account",
      paramLabel = "NAME",
      description = "The source pod's service account.")
  String fromServiceAccount;

  @Option(
      names = "--to-service-account",
      paramLabel = "NAME",
      description = "The destination pod's service account.")
  String toServiceAccount;

  ExplainCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() {
    if (report.format == Format.SARIF) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--format sarif is not available for `explain`; use text or json");
    }
    Explain.Request request;
    try {
      request =
          Explain.parse(
              from,
              to,
              port,
              PodDetails.parse("--from", fromNamespaceLabels, fromServiceAccount),
              PodDetails.parse("--to", toNamespaceLabels, toServiceAccount));
    } catch (InputError e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    Reporter reporter = new Reporter(terminal, report.format);
    Optional<Explain.Outcome> ran = reporter.run(() -> Explain.run(options.compilation(), request));
    if (ran.isEmpty()) {
      return ExitCode.USAGE;
    }
    Explain.Outcome outcome = ran.get();
    if (outcome.explanation().isEmpty()) {
      reporter.diagnostics(outcome.diagnostics(), terminal.out());
      return ExitCode.FAILED;
    }
    if (report.format == Format.TEXT) {
      reporter.diagnostics(
          outcome.diagnostics().stream().filter(d -> d.severity() != Severity.NOTE).toList(),
          terminal.err());
      terminal.out().print(outcome.text());
    } else {
      terminal.out().print(outcome.json());
    }
    terminal.out().flush();
    return ExitCode.OK;
  }
}
