package dev.cilia.flows;

import java.util.List;
import java.util.Set;

/**
 * One distinct observed flow: a new connection from {@code source} to {@code destination} on {@code
 * protocol}/{@code port} (for ICMP the port is the type), with how often Hubble saw it and what
 * Hubble decided.
 *
 * @param records the Hubble records that collapsed into this flow
 * @param forwarded records with verdict FORWARDED, REDIRECTED, TRACED or TRANSLATED
 * @param policyDropped records DROPPED by policy ({@code POLICY_DENIED}, {@code POLICY_DENY}, or no
 *     reason given)
 * @param audited records with verdict AUDIT (policy audit mode: would have been dropped)
 * @param proxied whether some record shows the flow went through the L7 proxy
 * @param deniedBy the policies Hubble named in {@code egress_denied_by}/{@code ingress_denied_by}
 * @param dnsQueries names queried on this flow (DNS L7 requests), at most {@link
 *     FlowSet#MAX_QUERIES_PER_FLOW}
 */
public record ObservedFlow(
    Peer source,
    Peer destination,
    String protocol,
    int port,
    long records,
    long forwarded,
    long policyDropped,
    long audited,
    boolean proxied,
    Set<String> deniedBy,
    List<String> dnsQueries) {
  public ObservedFlow {
    deniedBy = Set.copyOf(deniedBy);
    dnsQueries = List.copyOf(dnsQueries);
  }

  /** {@code tcp/1521 from default/app=billing to ip 10.20.30.5}. */
  @Override
  public String toString() {
    return protocol + "/" + port + " from " + source + " to " + destination;
  }
}
