package dev.cilia.driver;

import dev.cilia.cilium.Target;
import dev.cilia.diag.Diagnostic;
import dev.cilia.lint.Linter;
import dev.cilia.source.SourceFile;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One run of {@code ciliac lint}: read the YAML files and folders, or standard input for {@code -},
 * with {@link Inputs} (at most 8 MiB each, UTF-8), then lint them together for the target, the
 * newest unless given.
 */
public final class Linting {
  /** Which files, and for which target. */
  public record Options(
      List<Path> inputs, boolean recursive, Optional<Target> cilium, InputStream stdin) {
    public Options {
      inputs = List.copyOf(inputs);
    }

    /** Options for files and folders only; {@code -} reads nothing. */
    public Options(List<Path> inputs, Optional<Target> cilium) {
      this(inputs, false, cilium, InputStream.nullInputStream());
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
    List<SourceFile> files =
        Inputs.readYaml(options.inputs(), options.recursive(), options.stdin());
    Target target = options.cilium().orElse(Target.NEWEST);
    try {
      Linter.Result result = Linter.lint(files, target);
      return new Outcome(result.diagnostics(), result.policies(), target.version());
    } catch (RuntimeException | Error e) {
      throw new InternalCompilerError(
          "lint", files.isEmpty() ? "the inputs" : files.get(0).displayName(), e);
    }
  }
}
