package dev.cilia.driver;

import dev.cilia.check.Vocabulary;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The language's fixed names and what they stand for, for editors. */
public final class Language {
  private Language() {}

  public static Set<String> keywords() {
    return Vocabulary.keywords();
  }

  /** Preset name to its ports as written in Cilia ({@code https} → {@code tcp 443}). */
  public static Map<String, String> presets() {
    return Vocabulary.presets();
  }

  /** Builtin peer names ({@code world}, {@code kube-dns}, …). */
  public static Set<String> builtinPeers() {
    return Vocabulary.builtinPeers();
  }

  /** What a builtin peer stands for, in Cilia. */
  public static Optional<String> builtinPeer(String name) {
    return Vocabulary.builtinPeer(name);
  }

  /** The names {@code entity NAME} takes. */
  public static Set<String> entities() {
    return Vocabulary.entities();
  }

  /** What compiling for {@code version} changes; empty when it is not a supported target. */
  public static List<String> targetNotes(String version) {
    return Insight.targetNotes(version);
  }
}
