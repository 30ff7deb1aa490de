package dev.cilia.lsp;

import dev.cilia.cilium.Target;
import dev.cilia.diag.Code;
import dev.cilia.diag.Diagnostic;
import dev.cilia.driver.Compilation;
import dev.cilia.driver.InputError;
import dev.cilia.driver.Inputs;
import dev.cilia.driver.InternalCompilerError;
import dev.cilia.driver.Outline;
import dev.cilia.driver.Proofs;
import dev.cilia.source.SourceFile;
import dev.cilia.source.Span;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Analyses one folder as {@code ciliac check FOLDER} would, with the open buffers in place of the
 * files on disk: the folder's {@code .cilia} files are the inputs, their imports are followed.
 */
final class Project {
  private Project() {}

  /** The text and version of an open buffer. */
  record Buffer(String text, int version) {}

  /** Every stage, the proof included. */
  static Snapshot analyze(
      Path folder, Path root, Map<Path, Buffer> buffers, Optional<Target> cilium) {
    return proven(unproven(folder, root, buffers, cilium));
  }

  /**
   * Every stage but the proof, which {@link #proven} then adds, so that the other stages'
   * diagnostics need not wait for it.
   */
  static Snapshot unproven(
      Path folder, Path root, Map<Path, Buffer> buffers, Optional<Target> cilium) {
    List<Path> inputs = inputs(folder, buffers);
    Map<Path, String> texts = new LinkedHashMap<>();
    Map<Path, Integer> versions = new LinkedHashMap<>();
    buffers.forEach(
        (path, buffer) -> {
          texts.put(path, buffer.text());
          versions.put(path, buffer.version());
        });
    Map<Path, Outline> outlines = new LinkedHashMap<>();
    Map<Path, List<Diagnostic>> diagnostics = new LinkedHashMap<>();
    List<String> failures = new ArrayList<>();
    Optional<Compilation.Outcome> outcome = Optional.empty();
    List<SourceFile> files = new ArrayList<>();
    try {
      Compilation.Options options =
          new Compilation.Options(inputs, false, Optional.of(root), cilium);
      Compilation.Outcome compiled = Compilation.runUnproven(options, texts);
      outcome = Optional.of(compiled);
      files.addAll(compiled.files());
      for (Diagnostic d : compiled.diagnostics()) {
        diagnostics.computeIfAbsent(key(d.span().file()), k -> new ArrayList<>()).add(d);
      }
    } catch (InputError e) {
      failures.add(e.getMessage());
    } catch (InternalCompilerError e) {
      failures.add(e.describe());
      if (!inputs.isEmpty()) {
        SourceFile first = read(inputs.get(0), texts).orElse(SourceFile.of("?", ""));
        diagnostics
            .computeIfAbsent(key(first), k -> new ArrayList<>())
            .add(
                Diagnostic.of(
                    Code.CIL0901,
                    Span.startOf(first),
                    e.describe(),
                    "this is a bug in ciliac; `ciliac check` on the folder shows the same"));
      }
    }
    for (SourceFile file : files) {
      outlines.putIfAbsent(key(file), Outline.of(file));
    }
    for (Path input : inputs) {
      if (!outlines.containsKey(input)) {
        read(input, texts).ifPresent(file -> outlines.put(input, Outline.of(file)));
      }
      diagnostics.putIfAbsent(input, List.of());
    }
    return new Snapshot(folder, outcome, outlines, diagnostics, versions, failures, false);
  }

  /**
   * The snapshot with the proof's diagnostics and counts; itself when there is nothing to prove.
   */
  static Snapshot proven(Snapshot unproven) {
    if (unproven.proven()
        || unproven.outcome().isEmpty()
        || unproven.outcome().get().documents().isEmpty()) {
      return unproven.asProven();
    }
    Compilation.Outcome outcome;
    List<String> failures = new ArrayList<>(unproven.failures());
    Map<Path, List<Diagnostic>> diagnostics = new LinkedHashMap<>();
    unproven.diagnostics().keySet().forEach(k -> diagnostics.put(k, new ArrayList<>()));
    try {
      outcome = Proofs.prove(unproven.outcome().get());
    } catch (InternalCompilerError e) {
      failures.add(e.describe());
      return new Snapshot(
          unproven.folder(),
          unproven.outcome(),
          unproven.outlines(),
          unproven.diagnostics(),
          unproven.versions(),
          failures,
          true);
    }
    for (Diagnostic d : outcome.diagnostics()) {
      diagnostics.computeIfAbsent(key(d.span().file()), k -> new ArrayList<>()).add(d);
    }
    return new Snapshot(
        unproven.folder(),
        Optional.of(outcome),
        unproven.outlines(),
        diagnostics,
        unproven.versions(),
        failures,
        true);
  }

  /** The folder's {@code .cilia} files on disk and the open buffers in it, sorted. */
  static List<Path> inputs(Path folder, Map<Path, Buffer> buffers) {
    TreeSet<Path> out = new TreeSet<>();
    try {
      Inputs.folder(folder, false, EnumSet.of(Inputs.Kind.CILIA)).stream()
          .map(p -> p.toAbsolutePath().normalize())
          .forEach(out::add);
    } catch (InputError e) {
      // A folder that cannot be listed still has its open buffers.
    }
    for (Path path : buffers.keySet()) {
      if (folder.equals(path.getParent()) && path.getFileName().toString().endsWith(".cilia")) {
        out.add(path);
      }
    }
    return List.copyOf(out);
  }

  /** A file's text: the buffer when it is open, else the file on disk. */
  static Optional<SourceFile> read(Path path, Map<Path, String> texts) {
    String text = texts.get(path);
    if (text != null) {
      return Optional.of(new SourceFile(path, path.toString(), text));
    }
    try {
      return Optional.of(Inputs.readFile(path, path.toString()));
    } catch (InputError e) {
      return Optional.empty();
    }
  }

  static Path key(SourceFile file) {
    return file.path().toAbsolutePath().normalize();
  }
}
