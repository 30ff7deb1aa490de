package dev.cilia.ir;

import java.util.List;

/**
 * How a policy's pods resolve names and which names their DNS rule allows (CILIUM-POLICY.md §3.9).
 *
 * @param clusterDomain the cluster domain of the pods' search list: {@code cluster.local} unless
 *     {@code --cluster-domain} (Maven {@code clusterDomain}) names another, as kubelet's {@code
 *     --cluster-domain} does
 * @param nodeSearch the node's own search domains, after the cluster's
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

  public DnsSettings withClusterDomain(String domain) {
    return new DnsSettings(domain, nodeSearch, strict);
  }

  /**
   * Whether {@code domain} can be a cluster domain: DNS labels ({@code
   * [a-z0-9]([-a-z0-9]*[a-z0-9])?}) joined by dots, 253 characters at most, without a trailing dot.
   */
  public static boolean isDomain(String domain) {
    return domain.length() <= 253
        && domain.matches(
            "[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*");
  }
}
