package dev.cilia.check;

import dev.cilia.cilium.Entities;
import dev.cilia.cilium.KubeDns;
import dev.cilia.cilium.Ports;
import dev.cilia.ir.PortRange;
import dev.cilia.ir.Transport;
import dev.cilia.syntax.Keywords;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Names every file knows: service presets, builtin peers and entities (LANGUAGE.md). */
final class Builtins {
  private Builtins() {}

  /** Service presets; {@code ftp} is a keyword, as it needs {@code passive L-H}. */
  static final Map<String, List<PortRange>> PRESETS =
      Map.ofEntries(
          Map.entry("http", tcp(80)),
          Map.entry("https", tcp(443)),
          // The apiserver's backend port after DNAT: 443 on managed clusters (EKS, GKE, AKS),
          // 6443 on self-managed ones (CILIUM-POLICY.md §3.6).
          Map.entry(
              "kube-api",
              List.of(PortRange.single(Transport.TCP, 443), PortRange.single(Transport.TCP, 6443))),
          Map.entry("dns", List.of(PortRange.single(Transport.ANY, Ports.DNS))),
          Map.entry("ntp", List.of(PortRange.single(Transport.UDP, 123))),
          Map.entry("oracle", tcp(1521)),
          Map.entry("oracle-tls", tcp(2484)),
          Map.entry("postgres", tcp(5432)),
          Map.entry("mysql", tcp(3306)),
          Map.entry("mssql", tcp(1433)),
          Map.entry("redis", tcp(6379)),
          Map.entry("mongodb", tcp(27017)),
          Map.entry("kafka", tcp(9092)),
          Map.entry("amqp", tcp(5672)),
          Map.entry("smtp", tcp(25)),
          Map.entry("submission", tcp(587)),
          Map.entry("ldap", tcp(389)),
          Map.entry("ldaps", tcp(636)),
          Map.entry("ssh", tcp(22)),
          Map.entry("sftp", tcp(22)));

  /** Builtin peers that are Cilium entities: those the language names without {@code entity}. */
  static final Set<String> ENTITY_PEERS = Entities.NAMED;

  /** The default resolver and the builtin peer {@code kube-dns}. */
  static final String KUBE_DNS = "kube-dns";

  static final String KUBE_DNS_NAMESPACE = KubeDns.NAMESPACE;
  static final String KUBE_DNS_LABEL_KEY = KubeDns.LABEL_KEY;
  static final String KUBE_DNS_LABEL_VALUE = KubeDns.LABEL_VALUE;

  /** Keywords of the grammar, which cannot name a {@code let} (from the lexer's vocabulary). */
  static boolean isKeyword(String name) {
    return Keywords.isReserved(name);
  }

  /** A name no {@code let} may take: a preset, a builtin peer or {@code ftp}. */
  static boolean isBuiltin(String name) {
    return isBuiltinName(name) || "ftp".equals(name);
  }

  /** A preset or a builtin peer. */
  static boolean isBuiltinName(String name) {
    return PRESETS.containsKey(name) || isBuiltinPeer(name);
  }

  /** A builtin peer: an entity named without {@code entity}, or {@code kube-dns}. */
  static boolean isBuiltinPeer(String name) {
    return ENTITY_PEERS.contains(name) || KUBE_DNS.equals(name);
  }

  private static List<PortRange> tcp(int port) {
    return List.of(PortRange.single(Transport.TCP, port));
  }
}
