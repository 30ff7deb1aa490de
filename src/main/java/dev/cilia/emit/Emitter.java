package dev.cilia.emit;

import dev.cilia.cilium.PolicyYaml;
import dev.cilia.lower.Lowered;

/** Stage emit: the YAML text of a lowered document, read back once into an {@link Emitted}. */
public final class Emitter {
  private Emitter() {}

  public static Emitted emit(Lowered lowered) {
    return emit(lowered, PolicyYaml.write(lowered.document()));
  }

  /** The document {@code yaml}, already written from {@code lowered}, read back once. */
  public static Emitted emit(Lowered lowered, String yaml) {
    return Emitted.readBack(
        lowered.policy(), lowered.target(), lowered.fileName(), yaml, lowered.origins());
  }
}
