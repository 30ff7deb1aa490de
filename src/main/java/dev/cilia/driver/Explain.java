package dev.cilia.driver;

import dev.cilia.cilium.Target;
import dev.cilia.diag.Diagnostic;
import dev.cilia.verify.Explainer;
import dev.cilia.verify.Explanation;
import java.util.List;
import java.util.Optional;

/** {@code ciliac explain}: compiles, then explains one flow over what was emitted. */
public final class Explain {
  private Explain() {}

  /** A checked {@code --from}, {@code --to} and {@code --port}. */
  public record Request(Explainer.Request flow) {}

  /**
   * What was read and, when it had no errors, the explanation; {@code compilation} is the {@code
   * .cilia} compile, empty when only YAML was given.
   */
  public record Outcome(PolicySources.Loaded loaded, Optional<Explanation> explanation) {
    public String text() {
      return explanation.map(Explanation::text).orElse("");
    }

    public String json() {
      return explanation.map(Explanation::json).orElse("");
    }

    public List<Diagnostic> diagnostics() {
      return loaded.diagnostics();
    }
  }

  /**
   * Checks the flow options before anything is compiled.
   *
   * @throws InputError with a message naming the option when one is malformed
   */
  public static Request parse(String from, String to, String port) throws InputError {
    return parse(from, to, port, Optional.empty(), Optional.empty());
  }

  /**
   * Checks the flow options; {@code fromPod} and {@code toPod} add namespace labels and a service
   * account to a pod end.
   *
   * @throws InputError with a message naming the option when one is malformed, or when pod details
   *     are given for an end that is not a pod
   */
  public static Request parse(
      String from, String to, String port, Optional<PodDetails> fromPod, Optional<PodDetails> toPod)
      throws InputError {
    try {
      Explainer.Request r = Explainer.parse(from, to, port);
      return new Request(
          new Explainer.Request(
              PodDetails.apply("--from", r.source(), fromPod),
              PodDetails.apply("--to", r.destination(), toPod),
              r.protocol(),
              r.port()));
    } catch (IllegalArgumentException e) {
      throw new InputError(e.getMessage());
    }
  }

  /**
   * Compiles the {@code .cilia} inputs, reads the YAML ones, and explains.
   *
   * @throws InputError when the inputs cannot be read, or target several Cilium versions
   */
  public static Outcome run(Compilation.Options options, Request request) throws InputError {
    PolicySources.Loaded loaded = PolicySources.load(options);
    if (loaded.hasErrors()) {
      return new Outcome(loaded, Optional.empty());
    }
    List<String> targets =
        loaded.documents().stream()
            .map(d -> d.target())
            .distinct()
            .sorted()
            .map(Target::toString)
            .toList();
    if (targets.size() > 1) {
      throw new InputError(
          "the files target several Cilium versions ("
              + String.join(", ", targets)
              + "); choose one with --cilium");
    }
    try {
      return new Outcome(
          loaded,
          Optional.of(Explainer.explain(loaded.documents(), request.flow(), loaded.target())));
    } catch (RuntimeException | Error e) {
      throw new InternalCompilerError("explain", "the policies", e);
    }
  }
}
