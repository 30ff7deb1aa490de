package dev.cilia.cilium.model;

import java.util.List;

/** One {@code icmps} entry. */
public record IcmpRule(List<IcmpField> fields) {
  /** ICMP family ({@code IPv4} default, {@code IPv6}) and type (number or name). */
  public record IcmpField(String family, String type) {}
}
