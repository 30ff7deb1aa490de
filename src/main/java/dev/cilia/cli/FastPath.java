package dev.cilia.cli;

import dev.cilia.cilium.Target;
import dev.cilia.diag.Format;
import dev.cilia.driver.InternalCompilerError;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;

/**
 * The commands of most builds, {@code check FILES} and {@code compile [-o DIR] FILES} with an
 * optional {@code --cilium X.Y}, and {@code --version}, run without building picocli's command
 * model: its reflection takes more of a small check's start-up than the check itself
 * (docs/performance.md). Anything else, and anything these commands would refuse (an unsupported
 * target, an empty {@code -o}, a word that starts with {@code -} or {@code @}), goes to picocli,
 * which gives the same output and exit codes for what this path takes.
 */
final class FastPath {
  private FastPath() {}

  /** Runs {@code args} when this path takes them; empty when picocli must. */
  static OptionalInt run(String[] args, Terminal terminal) {
    Optional<Callable<Integer>> command = parse(args, terminal);
    if (command.isEmpty()) {
      return OptionalInt.empty();
    }
    try {
      return OptionalInt.of(command.get().call());
    } catch (InternalCompilerError e) {
      return OptionalInt.of(new Reporter(terminal, Format.TEXT).internalError(e));
    } catch (Exception e) {
      return OptionalInt.of(
          new Reporter(terminal, Format.TEXT)
              .internalError(new InternalCompilerError("run", "the inputs", e)));
    }
  }

  /**
   * The command for {@code args}, or empty when they are not a plain check or compile, or {@code
   * --version} alone.
   */
  static Optional<Callable<Integer>> parse(String[] args, Terminal terminal) {
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      return Optional.of(
          () -> {
            for (String line : new Main.Version().getVersion()) {
              terminal.out().println(line);
            }
            return ExitCode.OK;
          });
    }
    if (args.length < 2 || !(args[0].equals("check") || args[0].equals("compile"))) {
      return Optional.empty();
    }
    boolean compile = args[0].equals("compile");
    Target cilium = null;
    String output = null;
    List<Path> inputs = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      String value;
      if (a.equals("--cilium") || (compile && (a.equals("-o") || a.equals("--output")))) {
        if (i + 1 >= args.length) {
          return Optional.empty();
        }
        value = args[++i];
      } else if (a.startsWith("--cilium=")
          || (compile && a.startsWith("--output=") && a.length() > "--output=".length())) {
        value = a.substring(a.indexOf('=') + 1);
        a = a.substring(0, a.indexOf('='));
      } else if (a.isEmpty() || a.startsWith("-") || a.startsWith("@")) {
        return Optional.empty();
      } else {
        try {
          inputs.add(Path.of(a));
        } catch (java.nio.file.InvalidPathException e) {
          return Optional.empty();
        }
        continue;
      }
      if (value.isBlank() || value.startsWith("-") && !value.equals("-")) {
        return Optional.empty();
      }
      if (a.equals("--cilium")) {
        Optional<Target> target = Target.parse(value);
        if (cilium != null || target.isEmpty()) {
          return Optional.empty();
        }
        cilium = target.get();
      } else {
        if (output != null) {
          return Optional.empty();
        }
        output = value;
      }
    }
    if (inputs.isEmpty()) {
      return Optional.empty();
    }
    CommonOptions options = new CommonOptions();
    options.cilium = cilium;
    options.inputs = inputs;
    if (!compile) {
      CheckCommand check = new CheckCommand(terminal);
      check.options = options;
      check.report = new ReportFormat.Any();
      return Optional.of(check);
    }
    CompileCommand command = new CompileCommand(terminal);
    command.options = options;
    command.report = new ReportFormat.Any();
    if (output != null) {
      command.output = output;
    }
    return Optional.of(command);
  }
}
