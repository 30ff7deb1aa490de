package dev.cilia.check;

import dev.cilia.cilium.Entities;
import dev.cilia.ir.PortRange;
import dev.cilia.syntax.Keywords;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The names every file knows, for tools that offer or explain them (such as an editor). */
public final class Vocabulary {
  private Vocabulary() {}

  /** The grammar's keywords, sorted (the lexer's vocabulary). */
  public static Set<String> keywords() {
    return Keywords.all();
  }

  /** Each service preset with its ports as written in Cilia ({@code https} → {@code tcp 443}). */
  public static Map<String, String> presets() {
    Map<String, String> out = new TreeMap<>();
    Builtins.PRESETS.forEach((name, ports) -> out.put(name, written(ports)));
    return out;
  }

  /** The builtin peers: the entities that are names ({@code world}, …) and {@code kube-dns}. */
  public static Set<String> builtinPeers() {
    Set<String> out = new TreeSet<>(Builtins.ENTITY_PEERS);
    out.add(Builtins.KUBE_DNS);
    return out;
  }

  /** What a builtin peer selects, in words. */
  public static Optional<String> builtinPeer(String name) {
    if (Builtins.KUBE_DNS.equals(name)) {
      return Optional.of(
          "pods "
              + Builtins.KUBE_DNS_LABEL_KEY
              + "="
              + Builtins.KUBE_DNS_LABEL_VALUE
              + " in namespace "
              + Builtins.KUBE_DNS_NAMESPACE);
    }
    return Builtins.ENTITY_PEERS.contains(name) ? Optional.of("entity " + name) : Optional.empty();
  }

  /** The entity names of {@code entity NAME}, sorted. */
  public static Set<String> entities() {
    return new TreeSet<>(Entities.CRD);
  }

  private static String written(List<PortRange> ports) {
    return ports.stream().map(PortRange::toString).collect(Collectors.joining(", "));
  }
}
