package dev.cilia.cli;

import dev.cilia.cilium.Target;
import dev.cilia.diag.Format;
import dev.cilia.driver.Suggest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ciliac suggest}: .cilia policies that keep the observed flows working. */
@Command(
    name = "suggest",
    mixinStandardHelpOptions = true,
    description = {
      "Reads Hubble flows and prints .cilia policies (formatted as `ciliac fmt` does) that make"
          + " every observed flow the given policies would drop pass, with least privilege:"
          + " pods by their workload labels, FQDNs from the names Hubble saw, ip for nameless"
          + " addresses, presets for well-known ports, FTP with its observed passive ports."
          + " Without policies, proposes egress policies for every observed workload.",
      "The proposal is compiled with the policies and the flows are replayed over it; exit 1"
          + " when it would still drop a flow or does not compile."
    })
final class SuggestCommand implements Callable<Integer> {
  private final Terminal terminal;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--flows",
      required = true,
      paramLabel = "FILE",
      description = "Hubble flow file or folder (repeatable); - reads stdin.")
  List<String> flows = new ArrayList<>();

  @Option(
      names = "--cilium",
      paramLabel = "X.Y",
      description = "Target Cilium version (1.13–1.18); overrides `cilium X.Y` in files.")
  Target cilium;

  @Option(
      names = {"-R", "--recursive"},
      description = "Also read .cilia files in subfolders of folder arguments.")
  boolean recursive;

  @Parameters(paramLabel = "POLICIES", arity = "0..*", description = ".cilia files or folders.")
  List<Path> inputs = new ArrayList<>();

  SuggestCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() {
    Path scratch;
    try {
      scratch = Files.createTempDirectory("ciliac-suggest");
    } catch (IOException e) {
      return new Reporter(terminal, Format.TEXT)
          .inputError("cannot create a temporary folder: " + e.getMessage());
    }
    try {
      return suggest(scratch);
    } finally {
      dev.cilia.driver.Folders.deleteQuietly(scratch);
    }
  }

  private int suggest(Path scratch) {
    Reporter reporter = new Reporter(terminal, Format.TEXT);
    Optional<Suggest.Result> ran =
        reporter.run(
            () ->
                Suggest.run(
                    new dev.cilia.driver.Compilation.Options(
                        inputs, recursive, Optional.empty(), Optional.ofNullable(cilium)),
                    flows,
                    terminal.in(),
                    scratch));
    if (ran.isEmpty()) {
      return ExitCode.USAGE;
    }
    Suggest.Result result = ran.get();
    terminal.err().print(result.before().summary());
    terminal.err().print(result.before().problemsText());
    if (!result.compiles()) {
      reporter.diagnostics(result.diagnostics(), terminal.err());
      if (!result.text().isEmpty()) {
        terminal.err().println("error[CIL0608]: the proposal does not compile with the policies:");
        terminal.err().print(result.text());
      }
      return ExitCode.FAILED;
    }
    if (result.needed() == 0) {
      terminal.out().println("# nothing to add: no observed flow would be dropped");
      terminal.out().flush();
      return result.before().flows() == 0 ? ExitCode.FAILED : ExitCode.OK;
    }
    terminal.out().print(result.text());
    terminal.out().flush();
    if (!result.holds()) {
      terminal.err().print(result.after().get().text());
      terminal
          .err()
          .println(
              "error[CIL0608]: with the proposal, replay still drops "
                  + result.after().get().dropped()
                  + " observed flows (shown above)");
      return ExitCode.FAILED;
    }
    terminal
        .err()
        .println(
            "checked: with the proposal, replay of the same flows reports "
                + result.after().get().flows()
                + " flows, 0 would be dropped");
    return ExitCode.OK;
  }
}
