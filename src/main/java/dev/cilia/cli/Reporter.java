package dev.cilia.cli;

import dev.cilia.diag.Diagnostic;
import dev.cilia.diag.Format;
import dev.cilia.diag.TextRenderer;
import dev.cilia.driver.InputError;
import dev.cilia.driver.InternalCompilerError;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/** Prints diagnostics in the chosen format, and the one-line failures of a run. */
final class Reporter {
  private final Terminal terminal;
  private final Format format;

  Reporter(Terminal terminal, Format format) {
    this.terminal = terminal;
    this.format = format;
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
   * One line, CIL0901, exit 2; the stack only with {@code --debug}. Kept small so that it still
   * prints after running out of memory or stack.
   */
  int internalError(InternalCompilerError e) {
    terminal
        .err()
        .println(
            "ciliac: error[CIL0901]: "
                + e.describe()
                + "; this is a bug in ciliac, please report it with the input"
                + (terminal.debug() ? "" : " (--debug prints the stack)"));
    if (terminal.debug() && e.getCause() != null) {
      e.getCause().printStackTrace(terminal.err());
    }
    return ExitCode.USAGE;
  }
}
