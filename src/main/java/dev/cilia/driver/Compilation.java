package dev.cilia.driver;

import dev.cilia.check.Checker;
import dev.cilia.cilium.Target;
import dev.cilia.diag.Diagnostic;
import dev.cilia.diag.Diagnostics;
import dev.cilia.emit.Emitted;
import dev.cilia.ir.Program;
import dev.cilia.load.Load;
import dev.cilia.lower.Lowerer;
import dev.cilia.monitor.MonitoringOutput;
import dev.cilia.source.SourceFile;
import dev.cilia.verify.Prover;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One run of the compiler, as named stages: read, load, check, lower, emit, validate, prove. A
 * stage with errors stops the stages that need its output; every diagnostic found so far is kept.
 */
public final class Compilation {
  /**
   * The name of the threads that emit and validate documents beside the compiling one (on a machine
   * with more than one core); benchmarks add their CPU time to the compile's.
   */
  public static final String HELPER_THREAD = "ciliac-emit";

  /**
   * What to compile and for which target.
   *
   * @param clusterDomain the cluster domain of the pods' search list when not {@code cluster.local}
   *     ({@code --cluster-domain}, Maven {@code clusterDomain})
   */
  public record Options(
      List<Path> inputs,
      boolean recursive,
      Optional<Path> root,
      Optional<Target> cilium,
      Optional<String> clusterDomain) {
    public Options {
      inputs = List.copyOf(inputs);
    }

    public Options(
        List<Path> inputs, boolean recursive, Optional<Path> root, Optional<Target> cilium) {
      this(inputs, recursive, root, cilium, Optional.empty());
    }

    /** These options for a cluster whose domain is {@code domain} (none: {@code cluster.local}). */
    public Options withClusterDomain(Optional<String> domain) {
      return new Options(inputs, recursive, root, cilium, domain);
    }
  }

  /** Whether {@code domain} can be given as {@code --cluster-domain}. */
  public static boolean isClusterDomain(String domain) {
    return dev.cilia.ir.DnsSettings.isDomain(domain);
  }

  /**
   * A document of a {@code monitoring} block: Helm values ({@code kubernetesObject} false), a
   * Service, a ServiceMonitor or a PrometheusRule.
   */
  public record Generated(String fileName, String kind, String yaml, boolean kubernetesObject) {}

  /**
   * The outcome: diagnostics in report order and, when there are no errors, the documents; {@code
   * proof} counts the flows the prove stage decided ({@link Prover.Result#NONE} when it did not
   * run).
   */
  public record Outcome(
      List<Diagnostic> diagnostics,
      List<Emitted> documents,
      Program program,
      List<SourceFile> files,
      Prover.Result proof,
      List<Generated> monitoring) {
    public Outcome {
      diagnostics = List.copyOf(diagnostics);
      documents = List.copyOf(documents);
      files = List.copyOf(files);
      monitoring = List.copyOf(monitoring);
    }

    /** An outcome without monitoring documents. */
    public Outcome(
        List<Diagnostic> diagnostics,
        List<Emitted> documents,
        Program program,
        List<SourceFile> files,
        Prover.Result proof) {
      this(diagnostics, documents, program, files, proof, List.of());
    }

    public boolean hasErrors() {
      return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
  }

  private final Options options;
  private final Map<Path, String> buffers;
  private boolean proves = true;
  private final Diagnostics diagnostics = new Diagnostics();
  private String stage = "read";
  private String location = "the command line";

  private Compilation(Options options, Map<Path, String> buffers) {
    this.options = options;
    this.buffers = Buffers.normalized(buffers);
  }

  /** Runs every stage; an unexpected exception becomes an {@link InternalCompilerError}. */
  public static Outcome run(Options options) throws InputError {
    return run(options, Map.of());
  }

  /**
   * Runs every stage with some files' text given in memory (an editor's open buffers): a path of
   * {@code buffers} is read from there, not from disk, as an input and as an import.
   */
  public static Outcome run(Options options, Map<Path, String> buffers) throws InputError {
    return new Compilation(options, buffers).runStages();
  }

  /**
   * Every stage but the proof ({@link Outcome#proof()} is {@link Prover.Result#NONE}), for an
   * editor that shows the other stages' diagnostics first; {@link Proofs#prove} adds it.
   */
  public static Outcome runUnproven(Options options, Map<Path, String> buffers) throws InputError {
    Compilation compilation = new Compilation(options, buffers);
    compilation.proves = false;
    return compilation.runStages();
  }

  private Outcome runStages() throws InputError {
    Compilation compilation = this;
    try {
      return compilation.stages();
    } catch (InputError e) {
      throw e;
    } catch (RuntimeException | Error e) {
      throw new InternalCompilerError(compilation.stage, compilation.location, e);
    }
  }

  private Outcome stages() throws InputError {
    List<SourceFile> inputs = read();
    Checker.Result checked = check(load(inputs));
    if (options.clusterDomain().isPresent()) {
      checked =
          new Checker.Result(
              checked.program().withClusterDomain(options.clusterDomain().get()),
              checked.diagnostics(),
              checked.files());
    }
    if (checked.hasErrors()) {
      return outcome(List.of(), checked.program(), checked.files());
    }
    List<Emitted> emitted = lowerEmitAndValidate(checked.program());
    if (diagnostics.hasErrors()) {
      return outcome(List.of(), checked.program(), checked.files());
    }
    List<Generated> monitoring = monitor(checked.program());
    if (diagnostics.hasErrors()) {
      return outcome(List.of(), checked.program(), checked.files());
    }
    if (!proves) {
      return outcome(emitted, checked.program(), checked.files());
    }
    Prover.Result proof = prove(emitted);
    diagnostics.addAll(
        dev.cilia.verify.TestRunner.warnings(checked.program().tests(), emitted, options.cilium()));
    if (diagnostics.hasErrors()) {
      return new Outcome(
          diagnostics.sorted(), List.of(), checked.program(), checked.files(), proof);
    }
    return new Outcome(
        diagnostics.sorted(), emitted, checked.program(), checked.files(), proof, monitoring);
  }

  private Outcome outcome(List<Emitted> emitted, Program program, List<SourceFile> files) {
    return new Outcome(diagnostics.sorted(), emitted, program, files, Prover.Result.NONE);
  }

  /** Stage read: the input files and folders. */
  private List<SourceFile> read() throws InputError {
    stage = "read";
    return Inputs.read(options.inputs(), options.recursive(), buffers);
  }

  /** Stage load: parse the inputs and the files they import, and the import graph. */
  private Load.Result load(List<SourceFile> inputs) {
    stage = "load";
    location = inputs.isEmpty() ? "the inputs" : inputs.get(0).displayName();
    Path root = Inputs.root(options.inputs(), options.root());
    return Load.load(
        inputs,
        root,
        path -> {
          location = Inputs.display(path);
          Optional<SourceFile> buffered = Buffers.find(buffers, path);
          if (buffered.isPresent()) {
            return buffered.get();
          }
          try {
            return Inputs.readFile(path, Inputs.display(path));
          } catch (InputError e) {
            throw new java.io.IOException(e.getMessage().replaceFirst("^cannot read [^:]*: ", ""));
          }
        });
  }

  /** Stage check: names, types, values. */
  private Checker.Result check(Load.Result loaded) {
    stage = "check";
    location = loaded.files().isEmpty() ? "the inputs" : loaded.files().get(0).displayName();
    Checker.Result result = Checker.check(loaded);
    diagnostics.addAll(result.diagnostics());
    return result;
  }

  /**
   * Stages lower, emit and validate, one document at a time: lowered (IR to the CNP or CCNP for its
   * policy's target), then written as YAML, read back once (tree and model) and checked against the
   * target's schema and the agent ({@link Emitting}, which may take a document on another core). A
   * document is let go once written, and its tree once validated, so that a large run never holds
   * all its lowered documents or trees at once (docs/performance.md). What emit and validate report
   * counts only when lowering reports no error, as if they had run after it.
   */
  private List<Emitted> lowerEmitAndValidate(Program program) {
    Emitting emitting = new Emitting();
    stage = "lower";
    location = "the checked program";
    List<Diagnostic> lowering = Lowerer.lower(program, options.cilium(), emitting::add);
    diagnostics.addAll(lowering);
    boolean lowered = lowering.stream().noneMatch(Diagnostic::isError);
    Diagnostics reports = new Diagnostics();
    List<Emitted> out;
    try {
      out = emitting.finish(reports);
    } catch (Emitting.Failed failed) {
      if (!lowered) {
        return List.of();
      }
      stage = failed.stage;
      location = failed.location;
      Throwable cause = failed.getCause();
      if (cause instanceof Error error) {
        throw error;
      }
      throw (RuntimeException) cause;
    }
    if (!lowered) {
      return List.of();
    }
    diagnostics.addAll(reports.sorted());
    out.sort(Comparator.comparing(Emitted::policy, Lowerer.DOCUMENT_ORDER));
    return out;
  }

  /**
   * Stage prove: the emitted bytes, read back, let every declared flow through, make observed flows
   * visible and drop undeclared ones under {@code enforce} (LANGUAGE.md guarantees 1, 3, 4).
   */
  private Prover.Result prove(List<Emitted> emitted) {
    stage = "prove";
    location = "the emitted policies";
    Prover.Result result = Prover.prove(emitted);
    diagnostics.addAll(result.diagnostics());
    return result;
  }

  /** Stage monitor: Helm values, Service, ServiceMonitor and alerts for a monitoring block. */
  private List<Generated> monitor(Program program) {
    stage = "monitor";
    location = "the monitoring block";
    MonitoringOutput.Result result = MonitoringOutput.generate(program, options.cilium());
    diagnostics.addAll(result.diagnostics());
    return result.documents().stream()
        .map(g -> new Generated(g.fileName(), g.kind(), g.yaml(), g.isKubernetesObject()))
        .toList();
  }
}
