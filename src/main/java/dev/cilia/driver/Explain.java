package dev.cilia.driver;

import dev.cilia.cilium.Target;
import dev.cilia.verify.Explainer;
import dev.cilia.verify.Explanation;
import java.util.List;
import java.util.Optional;

/** {@code ciliac explain}: compiles, then explains one flow over what was emitted. */
public final class Explain {
  private Explain() {}

  /** A checked {@code --from}, {@code --to} and {@code --port}. */
  public record Request(Explainer.Request flow) {}

  /** The compilation and, when it had no errors, the explanation. */
  public record Outcome(Compilation.Outcome compilation, Optional<Explanation> explanation) {
    public String text() {
      return explanation.map(Explanation::text).orElse("");
    }

    public String json() {
      return explanation.map(Explanation::json).orElse("");
    }
  }

  /**
   * Checks the flow options before anything is compiled.
   *
   * @throws InputError with a message naming the option when one is malformed
   */
  public static Request parse(String from, String to, String port) throws InputError {
    try {
      return new Request(Explainer.parse(from, to, port));
    } catch (IllegalArgumentException e) {
      throw new InputError(e.getMessage());
    }
  }

  /**
   * Compiles and explains.
   *
   * @throws InputError when the inputs cannot be read, or target several Cilium versions
   */
  public static Outcome run(Compilation.Options options, Request request) throws InputError {
    Compilation.Outcome compiled = Compilation.run(options);
    if (compiled.hasErrors()) {
      return new Outcome(compiled, Optional.empty());
    }
    List<String> targets =
        compiled.documents().stream()
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
          compiled,
          Optional.of(
              Explainer.explain(
                  compiled.documents(), request.flow(), options.cilium().orElse(Target.NEWEST))));
    } catch (RuntimeException | Error e) {
      throw new InternalCompilerError("explain", "the emitted policies", e);
    }
  }
}
