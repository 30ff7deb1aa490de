package dev.cilia.emit;

import dev.cilia.cilium.PolicyYaml;
import dev.cilia.lower.Lowered;

/** Stage emit: the YAML text of a lowered document, read back once into an {@link Emitted}. */
public final class Emitter {
  private Emitter() {}

  public static Emitted emit(Lowered lowered) {
    return Emitted.readBack(
        lowered.policy(),
        lowered.target(),
        lowered.fileName(),
        PolicyYaml.write(lowered.document()),
        lowered.origins());
  }
}
