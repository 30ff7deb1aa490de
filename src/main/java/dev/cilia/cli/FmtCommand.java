package dev.cilia.cli;

import dev.cilia.diag.Diagnostics;
import dev.cilia.diag.Format;
import dev.cilia.driver.Formatting;
import dev.cilia.driver.InputError;
import dev.cilia.driver.InternalCompilerError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ciliac fmt}: rewrites files in the canonical layout, or with --check lists them. */
@Command(
    name = "fmt",
    mixinStandardHelpOptions = true,
    description = {
      "Rewrites .cilia files in the canonical layout (docs/formatting.md), keeping comments.",
      "Prints the names of the files it changed. A file with syntax errors is reported and left"
          + " as it is."
    })
final class FmtCommand implements Callable<Integer> {
  private final Terminal terminal;

  @Option(
      names = "--check",
      description = "Change nothing: list the files that are not formatted and exit 1 if any.")
  boolean check;

  @Option(
      names = {"-R", "--recursive"},
      description = "Also format .cilia files in subfolders of folder arguments.")
  boolean recursive;

  @Parameters(paramLabel = "FILES|DIRS", arity = "1..*", description = ".cilia files or folders.")
  List<Path> inputs = new ArrayList<>();

  FmtCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() {
    Reporter reporter = new Reporter(terminal, Format.TEXT);
    List<Formatting.FileResult> results;
    try {
      results = Formatting.run(inputs, recursive);
    } catch (InputError e) {
      return reporter.inputError(e.getMessage());
    } catch (InternalCompilerError e) {
      return reporter.internalError(e);
    }
    Diagnostics diagnostics = new Diagnostics();
    int invalid = 0;
    int changed = 0;
    boolean writeFailed = false;
    for (Formatting.FileResult file : results) {
      if (file.hasErrors()) {
        invalid++;
        diagnostics.addAll(file.diagnostics());
      } else if (file.changed()) {
        changed++;
        if (!check) {
          try {
            replace(file.path(), file.formatted().orElseThrow());
          } catch (IOException e) {
            terminal.err().println("ciliac: cannot write " + file.displayName() + ": " + e);
            writeFailed = true;
            continue;
          }
        }
        terminal.out().println(file.displayName());
      }
    }
    reporter.diagnostics(diagnostics.sorted(), terminal.err());
    if (invalid > 0) {
      terminal.err().println("ciliac: " + files(invalid) + " with syntax errors left unchanged");
    }
    if (check && changed > 0) {
      terminal
          .err()
          .println(
              "ciliac: "
                  + files(changed)
                  + " not formatted; run `ciliac fmt` to format "
                  + (changed == 1 ? "it" : "them"));
    }
    if (writeFailed) {
      return ExitCode.USAGE;
    }
    return invalid > 0 || (check && changed > 0) ? ExitCode.FAILED : ExitCode.OK;
  }

  private static String files(int n) {
    return n + (n == 1 ? " file" : " files");
  }

  /**
   * Replaces a file's contents atomically: the new text goes to a temporary sibling, which takes
   * the file's permissions and is then moved over it, so readers see the old or the new text.
   */
  static void replace(Path file, String text) throws IOException {
    Path target = file.toRealPath();
    Path temporary =
        Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".tmp");
    try {
      Files.writeString(temporary, text, StandardCharsets.UTF_8);
      try {
        Files.setPosixFilePermissions(temporary, Files.getPosixFilePermissions(target));
      } catch (UnsupportedOperationException e) {
        // Not a POSIX file system: the temporary file keeps the default permissions.
      }
      try {
        Files.move(
            temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
  }
}
