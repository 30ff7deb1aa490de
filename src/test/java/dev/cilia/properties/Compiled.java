package dev.cilia.properties;

import dev.cilia.cilium.PolicyYaml;
import dev.cilia.cilium.model.CiliumPolicy;
import dev.cilia.diag.Diagnostic;
import dev.cilia.driver.Compilation;
import dev.cilia.driver.InputError;
import dev.cilia.emit.Emitted;
import dev.cilia.eval.Evaluator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Assume;

/**
 * A generated program compiled by {@link Compilation#run} from a fresh temporary folder (jqwik has
 * no {@code @TempDir} per try), with an evaluator over the emitted YAML as read back.
 */
record Compiled(
    Model.Program program,
    Compilation.Outcome outcome,
    List<CiliumPolicy> policies,
    Evaluator evaluator) {

  /** Compiles a valid program; a compile error fails the property with the source. */
  static Compiled of(Model.Program program) {
    return of(program, program.files());
  }

  /** Compiles {@code files} (a rendering of {@code program}). */
  static Compiled of(Model.Program program, Map<String, String> files) {
    Compilation.Outcome outcome = run(files, program.inputPaths());
    if (outcome.hasErrors()) {
      // A deny that drops a declared allow across files is a user conflict the proof stage
      // reports (CIL0301 and the codes after CIL0309); generated programs avoid the known ones.
      boolean conflictsOnly =
          outcome.diagnostics().stream()
              .filter(Diagnostic::isError)
              .allMatch(d -> isProofConflict(d.code().name()));
      Assume.that(!conflictsOnly);
      throw new AssertionError(
          "a valid program did not compile:\n"
              + describe(outcome.diagnostics())
              + "\n--- program\n"
              + renderedFiles(files));
    }
    List<CiliumPolicy> policies =
        outcome.documents().stream().map(d -> PolicyYaml.read(d.yaml())).toList();
    Evaluator evaluator =
        new Evaluator(program.target(), policies, Intent.resolver(program), Evaluator.DNS_PORT);
    return new Compiled(program, outcome, policies, evaluator);
  }

  private static boolean isProofConflict(String code) {
    return code.equals("CIL0301") || (code.startsWith("CIL03") && code.compareTo("CIL0309") > 0);
  }

  /** Writes the files into a new temporary folder, compiles the inputs, deletes the folder. */
  static Compilation.Outcome run(Map<String, String> files, List<String> inputs) {
    Path root;
    try {
      root = Files.createTempDirectory("cilia-properties");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      for (Map.Entry<String, String> file : files.entrySet()) {
        Path path = root.resolve(file.getKey());
        Files.createDirectories(path.getParent());
        // Lone surrogates become `?`: the compiler reads UTF-8 bytes, as from disk.
        Files.write(path, file.getValue().getBytes(StandardCharsets.UTF_8));
      }
      List<Path> paths = new ArrayList<>();
      for (String input : inputs) {
        paths.add(root.resolve(input));
      }
      return Compilation.run(
          new Compilation.Options(paths, false, Optional.of(root), Optional.empty()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InputError e) {
      throw new AssertionError("input error on generated files: " + e.getMessage(), e);
    } finally {
      delete(root);
    }
  }

  private static void delete(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every emitted document, in order, with its file name. */
  String yaml() {
    return yaml(outcome);
  }

  static String yaml(Compilation.Outcome outcome) {
    StringBuilder out = new StringBuilder();
    for (Emitted e : outcome.documents()) {
      out.append("--- # ").append(e.fileName()).append('\n').append(e.yaml());
    }
    return out.toString();
  }

  /** Diagnostics one per line, paths relative to the temporary root. */
  static String describe(List<Diagnostic> diagnostics) {
    return diagnostics.stream()
        .map(d -> d.span().location() + ": " + d.code() + " " + d.message())
        .map(line -> line.replaceAll("\\S*cilia-properties\\d+/", ""))
        .collect(Collectors.joining("\n"));
  }

  static String renderedFiles(Map<String, String> files) {
    StringBuilder out = new StringBuilder();
    files.forEach((path, text) -> out.append("# --- ").append(path).append('\n').append(text));
    return out.toString();
  }

  /** A failure message: what went wrong, the program, and what was emitted. */
  String explain(String what) {
    return what
        + "\n--- program (Cilium "
        + program.target()
        + ")\n"
        + program
        + "\n--- emitted\n"
        + yaml();
  }
}
