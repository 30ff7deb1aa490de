package dev.cilia.driver;

import dev.cilia.diag.Diagnostic;
import dev.cilia.format.Formatter;
import dev.cilia.source.SourceFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code ciliac fmt}: reads the inputs and gives each file's canonical text; writes nothing. */
public final class Formatting {
  private Formatting() {}

  /** One input file as read and as formatted; not formatted when it has syntax errors. */
  public record FileResult(
      Path path,
      String displayName,
      String original,
      Optional<String> formatted,
      List<Diagnostic> diagnostics) {
    public FileResult {
      diagnostics = List.copyOf(diagnostics);
    }

    /** Whether the file parsed and its canonical text differs from what is on disk. */
    public boolean changed() {
      return formatted.isPresent() && !formatted.get().equals(original);
    }

    /** Whether the file has syntax errors, and so is left as it is. */
    public boolean hasErrors() {
      return formatted.isEmpty() || diagnostics.stream().anyMatch(Diagnostic::isError);
    }
  }

  /** Formats every {@code .cilia} file of the inputs, in the order {@code check} reads them. */
  public static List<FileResult> run(List<Path> inputs, boolean recursive) throws InputError {
    List<FileResult> results = new ArrayList<>();
    for (SourceFile file : Inputs.read(inputs, recursive)) {
      Formatter.Result result;
      try {
        result = Formatter.format(file);
      } catch (RuntimeException | Error e) {
        throw new InternalCompilerError("format", file.displayName(), e);
      }
      results.add(
          new FileResult(
              file.path(), file.displayName(), file.text(), result.text(), result.diagnostics()));
    }
    return results;
  }

  /** The canonical text of an in-memory file, or empty when it has syntax errors. */
  public static Optional<String> format(Path path, String text) {
    SourceFile file = new SourceFile(path, Inputs.display(path), text);
    try {
      return Formatter.format(file).text();
    } catch (RuntimeException | StackOverflowError e) {
      throw new InternalCompilerError("format", file.displayName(), e);
    }
  }
}
