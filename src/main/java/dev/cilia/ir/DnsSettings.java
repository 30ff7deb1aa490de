package dev.cilia.ir;

import java.util.List;

/**
 * How a policy's pods resolve names and which names their DNS rule allows (CILIUM-POLICY.md §3.9).
 *
 * @param clusterDomain the cluster domain of the pods' search list ({@code cluster.local} unless
 *     the {@code resolver} says {@code domain "…"})
 * @param nodeSearch the node's own search domains, after the cluster's ({@code search "…"})
 * @param strict {@code enforce dns}: the DNS rule lists only the declared names and their search
 *     forms instead of every name
 */
public record DnsSettings(String clusterDomain, List<String> nodeSearch, boolean strict) {
  public static final String CLUSTER_DOMAIN = "cluster.local";

  public static final DnsSettings DEFAULT = new DnsSettings(CLUSTER_DOMAIN, List.of(), false);

  public DnsSettings {
    nodeSearch = List.copyOf(nodeSearch);
  }

  public DnsSettings withStrict(boolean value) {
    return new DnsSettings(clusterDomain, nodeSearch, value);
  }
}
