package dev.cilia.driver;

import dev.cilia.cilium.Target;
import dev.cilia.diag.Diagnostic;
import dev.cilia.lint.Linter;
import dev.cilia.source.SourceFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One run of {@code ciliac lint}: read the YAML files (at most 8 MiB each, UTF-8), then lint them
 * together for the target, the newest unless given.
 */
public final class Linting {
  /** Which files, and for which target. */
  public record Options(List<Path> inputs, Optional<Target> cilium) {
    public Options {
      inputs = List.copyOf(inputs);
    }
  }

  /** The diagnostics in report order, the number of policy objects found, and the target. */
  public record Outcome(List<Diagnostic> diagnostics, int policies, String target) {
    public Outcome {
      diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
      return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
  }

  private Linting() {}

  /** Reads and lints; an unexpected exception becomes an {@link InternalCompilerError}. */
  public static Outcome run(Options options) throws InputError {
    List<SourceFile> files = read(options.inputs());
    Target target = options.cilium().orElse(Target.NEWEST);
    try {
      Linter.Result result = Linter.lint(files, target);
      return new Outcome(result.diagnostics(), result.policies(), target.version());
    } catch (RuntimeException | Error e) {
      throw new InternalCompilerError(
          "lint", files.isEmpty() ? "the inputs" : files.get(0).displayName(), e);
    }
  }

  /** Files as given, and the {@code .yaml}/{@code .yml} files of folders, each once. */
  private static List<SourceFile> read(List<Path> arguments) throws InputError {
    if (arguments.isEmpty()) {
      throw new InputError("no input files: name YAML files or folders that hold them");
    }
    List<SourceFile> files = new ArrayList<>();
    Set<Path> seen = new HashSet<>();
    for (Path argument : arguments) {
      for (Path file : expand(argument)) {
        Path key = file.toAbsolutePath().normalize();
        if (seen.add(key)) {
          files.add(Inputs.readFile(file, file.toString()));
        }
      }
    }
    return files;
  }

  private static List<Path> expand(Path argument) throws InputError {
    if (!Files.isDirectory(argument)) {
      if (!Files.exists(argument)) {
        throw new InputError("cannot read " + argument + ": no such file or folder");
      }
      if (argument.getFileName() != null && argument.getFileName().toString().endsWith(".cilia")) {
        throw new InputError(
            "cannot read "
                + argument
                + " as YAML: it is Cilia; use `ciliac check` (or `compile`) for .cilia files");
      }
      return List.of(argument);
    }
    List<Path> found;
    try (Stream<Path> list = Files.list(argument)) {
      found =
          list.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml"))
              .filter(Files::isRegularFile)
              .sorted()
              .toList();
    } catch (IOException | UncheckedIOException e) {
      throw new InputError("cannot read folder " + argument + ": " + Inputs.reason(e));
    }
    if (found.isEmpty()) {
      throw new InputError("no .yaml or .yml files in folder " + argument);
    }
    return found;
  }
}
