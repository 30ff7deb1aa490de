package dev.cilia.driver;

import dev.cilia.diag.Diagnostics;
import dev.cilia.verify.Prover;

/** The prove stage on its own, after {@link Compilation#runUnproven}. */
public final class Proofs {
  private Proofs() {}

  /**
   * The outcome with the proof's diagnostics and counts added. Unlike {@link Compilation#run}, the
   * documents are kept when the proof fails, so that an editor can still show them.
   */
  public static Compilation.Outcome prove(Compilation.Outcome unproven) {
    if (unproven.documents().isEmpty()) {
      return unproven;
    }
    Prover.Result proof;
    try {
      proof = Prover.prove(unproven.documents());
    } catch (RuntimeException | StackOverflowError e) {
      throw new InternalCompilerError("prove", "the emitted policies", e);
    }
    Diagnostics diagnostics = new Diagnostics();
    diagnostics.addAll(unproven.diagnostics());
    diagnostics.addAll(proof.diagnostics());
    return new Compilation.Outcome(
        diagnostics.sorted(), unproven.documents(), unproven.program(), unproven.files(), proof);
  }
}
