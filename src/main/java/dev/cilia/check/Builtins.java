package dev.cilia.check;

import dev.cilia.ir.PortRange;
import dev.cilia.ir.Transport;
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
          Map.entry("dns", List.of(PortRange.single(Transport.ANY, 53))),
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

  /** Builtin peers that are Cilium entities. */
  static final Set<String> ENTITY_PEERS =
      Set.of("world", "cluster", "host", "remote-node", "kube-apiserver");

  /** The default resolver and the builtin peer {@code kube-dns}. */
  static final String KUBE_DNS = "kube-dns";

  static final String KUBE_DNS_NAMESPACE = "kube-system";
  static final String KUBE_DNS_LABEL_KEY = "k8s-app";
  static final String KUBE_DNS_LABEL_VALUE = "kube-dns";

  /** Entities of the CRD enum, 1.13–1.18 (CILIUM-POLICY.md §1.5). */
  static final Set<String> ENTITIES =
      Set.of(
          "all",
          "world",
          "cluster",
          "host",
          "init",
          "ingress",
          "unmanaged",
          "remote-node",
          "health",
          "none",
          "kube-apiserver");

  /** Keywords of the grammar, which cannot name a {@code let}. */
  static final Set<String> KEYWORDS =
      Set.of(
          "cilium",
          "import",
          "let",
          "resolver",
          "policy",
          "clusterwide",
          "in",
          "notin",
          "namespace",
          "namespaces",
          "pods",
          "test",
          "for",
          "expect",
          "description",
          "label",
          "select",
          "enforce",
          "egress",
          "ingress",
          "observe",
          "dns",
          "http",
          "on",
          "allow",
          "deny",
          "visible",
          "to",
          "from",
          "or",
          "except",
          "cidr",
          "ip",
          "fqdn",
          "entity",
          "service",
          "ftp",
          "passive",
          "tcp",
          "udp",
          "sctp",
          "any");

  static boolean isBuiltin(String name) {
    return PRESETS.containsKey(name)
        || ENTITY_PEERS.contains(name)
        || KUBE_DNS.equals(name)
        || "ftp".equals(name);
  }

  private static List<PortRange> tcp(int port) {
    return List.of(PortRange.single(Transport.TCP, port));
  }
}
