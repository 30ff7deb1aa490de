/**
 * The emit stage: writes each lowered CNP/CCNP as YAML and reads those bytes back once into an
 * {@link dev.cilia.emit.Emitted} (text, tree, model), the one record that validation ({@code
 * cilium.admission}), the proof, {@code test} and {@code explain} ({@code verify}) and the writers
 * share. Imports {@code cilium}, {@code ir}, {@code lower} and {@code source}.
 */
package dev.cilia.emit;
