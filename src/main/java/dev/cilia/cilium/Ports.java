package dev.cilia.cilium;

import java.util.Map;

/** Ports and limits that Cilium's policies are built around (CILIUM-POLICY.md). */
public final class Ports {
  /** The DNS port of the resolver, where the DNS proxy listens for lookups. */
  public static final int DNS = 53;

  /** At most this many ports in one {@code toPorts} entry (the agent's check V16). */
  public static final int MAX_PER_TO_PORTS = 40;

  /**
   * Well-known ports that usually carry TLS or a protocol other than HTTP, where an HTTP parser
   * breaks the traffic (CILIUM-POLICY.md §3.4), and what runs there.
   */
  public static final Map<Integer, String> NON_HTTP =
      Map.ofEntries(
          Map.entry(21, "FTP"),
          Map.entry(22, "SSH"),
          Map.entry(25, "SMTP"),
          Map.entry(443, "TLS (HTTPS)"),
          Map.entry(465, "TLS (SMTPS)"),
          Map.entry(587, "mail submission with STARTTLS"),
          Map.entry(636, "TLS (LDAPS)"),
          Map.entry(1433, "Microsoft SQL Server"),
          Map.entry(1521, "Oracle Net"),
          Map.entry(2484, "TLS (Oracle Net)"),
          Map.entry(3306, "MySQL"),
          Map.entry(5432, "PostgreSQL"),
          Map.entry(6379, "Redis"),
          Map.entry(6443, "TLS (the kube-apiserver)"),
          Map.entry(8443, "TLS (HTTPS)"),
          Map.entry(9092, "Kafka"),
          Map.entry(27017, "MongoDB"));

  private Ports() {}

  /** Whether {@code port} usually carries something other than HTTP. */
  public static boolean isNonHttp(int port) {
    return NON_HTTP.containsKey(port);
  }
}
