package dev.cilia.cli;

import dev.cilia.diag.Diagnostic;
import dev.cilia.diag.Format;
import dev.cilia.diag.TextRenderer;
import dev.cilia.driver.InputError;
import dev.cilia.driver.InternalCompilerError;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Prints diagnostics in the chosen format, and the failures of a run: an unreadable input as one
 * line, an internal error (CIL0901) through the chosen renderer.
 */
final class Reporter {
  /** The commands whose stdout carries what they make, so their JSON and SARIF go to stderr. */
  private static final Set<String> PRODUCT_ON_STDOUT = Set.of("compile", "import");

  private final Terminal terminal;
  private final Format format;
  private final PrintStream machine;

  /** A reporter whose JSON and SARIF go to stdout. */
  Reporter(Terminal terminal, Format format) {
    this(terminal, format, terminal.out());
  }

  /** A reporter whose JSON and SARIF go to {@code machine}. */
  Reporter(Terminal terminal, Format format, PrintStream machine) {
    this.terminal = terminal;
    this.format = format;
    this.machine = machine;
  }

  /**
   * The reporter a command line would have used, for a failure outside any command's own reporter:
   * the {@code --format} it names (text when none or another command's format), and stderr for JSON
   * and SARIF when the command's stdout carries YAML or Cilia.
   */
  static Reporter forCommandLine(String[] args, Terminal terminal) {
    Format chosen = Format.TEXT;
    String command = null;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--")) {
        break;
      }
      if (command == null && !arg.startsWith("-")) {
        command = arg;
      } else if (arg.equals("--format") && i + 1 < args.length) {
        chosen = Format.parse(args[i + 1]).orElse(Format.TEXT);
      } else if (arg.startsWith("--format=")) {
        chosen = Format.parse(arg.substring("--format=".length())).orElse(Format.TEXT);
      }
    }
    return new Reporter(
        terminal, chosen, PRODUCT_ON_STDOUT.contains(command) ? terminal.err() : terminal.out());
  }

  /**
   * Text goes to stderr with a summary line; JSON and SARIF go to {@code machine} (stdout for
   * {@code check}, stderr when stdout carries YAML).
   */
  void diagnostics(List<Diagnostic> diagnostics, PrintStream machine) {
    if (format == Format.TEXT) {
      if (diagnostics.isEmpty()) {
        return;
      }
      boolean colour = terminal.colourErr();
      terminal.err().print(format.renderer(colour, Main.version()).render(diagnostics));
      terminal.err().println();
      terminal.err().println(TextRenderer.summary(diagnostics));
    } else {
      machine.print(format.renderer(false, Main.version()).render(diagnostics));
    }
  }

  /** A call into the driver that may find its inputs unreadable. */
  @FunctionalInterface
  interface DriverCall<T> {
    T call() throws InputError;
  }

  /**
   * Runs a driver call; an unreadable input or an internal compiler error is printed as one line
   * and gives empty, and the command exits with {@link ExitCode#USAGE}.
   */
  <T> Optional<T> run(DriverCall<T> call) {
    try {
      return Optional.of(call.call());
    } catch (InputError e) {
      inputError(e.getMessage());
    } catch (InternalCompilerError e) {
      internalError(e);
    } catch (RuntimeException | Error e) {
      internalError(new InternalCompilerError("run", "the inputs", e));
    }
    return Optional.empty();
  }

  int inputError(String message) {
    terminal.err().println("ciliac: " + message);
    return ExitCode.USAGE;
  }

  /**
   * CIL0901, exit 2: in text one line on stderr, in JSON or SARIF a report with that one
   * diagnostic; the stack (on stderr) only with {@code --debug}. Kept small so that it still prints
   * after running out of memory or stack; if the chosen renderer fails too, the text line is
   * printed.
   */
  int internalError(InternalCompilerError e) {
    boolean rendered = false;
    if (format != Format.TEXT) {
      try {
        machine.print(format.renderer(false, Main.version()).render(List.of(e.diagnostic())));
        machine.flush();
        rendered = true;
      } catch (RuntimeException | Error again) {
        rendered = false;
      }
    }
    if (!rendered) {
      terminal
          .err()
          .println(
              "ciliac: error[CIL0901]: "
                  + e.describe()
                  + "; "
                  + InternalCompilerError.REPORT_IT
                  + (terminal.debug() ? "" : " (" + InternalCompilerError.HINT + ")"));
    }
    if (terminal.debug() && e.getCause() != null) {
      e.getCause().printStackTrace(terminal.err());
    }
    return ExitCode.USAGE;
  }
}
