package dev.cilia.cli;

import dev.cilia.lsp.Stdio;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code ciliac lsp}: the language server on stdin and stdout. */
@Command(
    name = "lsp",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the Cilia language server (LSP 3.17) on stdin and stdout, for editors (docs/editors.md).",
      "Each edit re-checks the folder of the file, with the open editors' text in place of the"
          + " files on disk."
    })
final class LspCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    return Stdio.run(
        new FileInputStream(FileDescriptor.in), new FileOutputStream(FileDescriptor.out));
  }
}
