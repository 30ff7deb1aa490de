package dev.cilia.bench;

import dev.cilia.check.Checker;
import dev.cilia.cilium.PolicyYaml;
import dev.cilia.cilium.Target;
import dev.cilia.cilium.model.CiliumPolicy;
import dev.cilia.driver.Compilation;
import dev.cilia.driver.InputError;
import dev.cilia.driver.Inputs;
import dev.cilia.emit.Emitted;
import dev.cilia.emit.Emitter;
import dev.cilia.ir.Program;
import dev.cilia.lower.Lowered;
import dev.cilia.lower.Lowerer;
import dev.cilia.source.SourceFile;
import dev.cilia.syntax.Parser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A corpus taken through every stage once, so that a benchmark of one stage starts from the
 * previous stage's output: sources, checked program, lowered documents, emitted YAML, the trees and
 * policies read back from it, and the emitted documents the proof reads.
 */
public final class Fixture {
  public final Path dir;
  public final List<SourceFile> sources;
  public final Program program;
  public final List<Lowered> lowered;
  public final List<String> yaml;
  public final List<JsonNode> trees;
  public final List<CiliumPolicy> readBack;
  public final List<Emitted> emitted;

  private Fixture(Path dir) throws InputError {
    this.dir = dir;
    sources = Inputs.read(List.of(dir), false);
    Checker.Result checked = check(dir, sources);
    if (checked.hasErrors()) {
      throw new IllegalStateException("the corpus in " + dir + " does not check");
    }
    program = checked.program();
    Lowerer.Result result = Lowerer.lower(program, Optional.empty());
    if (result.hasErrors()) {
      throw new IllegalStateException("the corpus in " + dir + " does not lower");
    }
    lowered = result.documents();
    yaml = new ArrayList<>();
    trees = new ArrayList<>();
    readBack = new ArrayList<>();
    emitted = new ArrayList<>();
    for (Lowered l : lowered) {
      String text = PolicyYaml.write(l.document());
      yaml.add(text);
      trees.addAll(PolicyYaml.readTrees(text));
      readBack.add(PolicyYaml.read(text));
      emitted.add(Emitter.emit(l, text).validated());
    }
  }

  /** Loads (and checks) the corpus in {@code dir}. */
  public static Fixture load(Path dir) {
    try {
      return new Fixture(dir);
    } catch (InputError e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /** Writes the corpus of {@code n} policies (fixed seed) to a fresh temporary folder, loads it. */
  public static Fixture generate(int n) {
    try {
      Path dir = java.nio.file.Files.createTempDirectory("cilia-corpus-" + n + "-");
      Corpus.write(dir, n, Corpus.SEED);
      return load(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stage check as the driver runs it (parsing included: the checker loads the imports). */
  public static Checker.Result check(Path dir, List<SourceFile> sources) {
    return Checker.check(
        sources,
        Inputs.root(List.of(dir), Optional.empty()),
        path -> {
          try {
            return Inputs.readFile(path, path.toString());
          } catch (InputError e) {
            throw new IOException(e.getMessage());
          }
        });
  }

  /** Parses every source; returns the number of trees, so the work cannot be dropped. */
  public int parseAll() {
    int trees = 0;
    for (SourceFile source : sources) {
      trees += Parser.parse(source).file().isPresent() ? 1 : 0;
    }
    return trees;
  }

  /** The whole pipeline, as {@code ciliac check DIR} runs it. */
  public static Compilation.Outcome compile(Path dir) {
    try {
      return Compilation.run(
          new Compilation.Options(List.of(dir), false, Optional.empty(), Optional.empty()));
    } catch (InputError e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /** The target that the evaluator benchmarks decide flows for. */
  public static Target evaluatorTarget() {
    return Target.NEWEST;
  }
}
