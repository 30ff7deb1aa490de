package dev.cilia.lint;

import dev.cilia.cilium.model.CidrRule;
import dev.cilia.cilium.model.EgressRule;
import dev.cilia.cilium.model.FqdnSelector;
import dev.cilia.cilium.model.IngressRule;
import dev.cilia.cilium.model.PortRule;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * One item of a rule's section, egress or ingress, allow or deny, seen the same way: the peer
 * fields under their egress names ({@code endpoints} for {@code toEndpoints} and {@code
 * fromEndpoints}), and {@link #field} to name one as the YAML does.
 *
 * @param path the item's JSON pointer ({@code /spec/ingressDeny/2})
 * @param fqdns {@code toFQDNs} (egress only, else empty)
 * @param services {@code toServices} (egress only, else 0)
 */
record Item(
    Rules.Section section,
    String path,
    List<LabelSelector> endpoints,
    List<LabelSelector> requires,
    List<String> cidr,
    List<CidrRule> cidrSet,
    List<String> entities,
    List<LabelSelector> nodes,
    List<FqdnSelector> fqdns,
    int services,
    int groups,
    List<PortRule> toPorts,
    int icmps,
    boolean empty) {

  static Item of(Rules.Section section, String path, EgressRule e) {
    return new Item(
        section,
        path,
        e.toEndpoints(),
        e.toRequires(),
        e.toCIDR(),
        e.toCIDRSet(),
        e.toEntities(),
        e.toNodes(),
        e.toFQDNs() == null ? List.of() : e.toFQDNs(),
        size(e.toServices()),
        size(e.toGroups()),
        e.toPorts(),
        size(e.icmps()),
        e.equals(EgressRule.empty()));
  }

  static Item of(Rules.Section section, String path, IngressRule i) {
    return new Item(
        section,
        path,
        i.fromEndpoints(),
        i.fromRequires(),
        i.fromCIDR(),
        i.fromCIDRSet(),
        i.fromEntities(),
        i.fromNodes(),
        List.of(),
        0,
        size(i.fromGroups()),
        i.toPorts(),
        size(i.icmps()),
        i.equals(IngressRule.empty()));
  }

  /** The YAML name of a peer field: {@code field("Entities")} is {@code toEntities} on egress. */
  String field(String suffix) {
    return (section.side == dev.cilia.eval.Side.EGRESS ? "to" : "from") + suffix;
  }

  /** The pointer of one of the item's fields, by its YAML name ({@code toPorts}). */
  String at(String yamlField) {
    return path + "/" + yamlField;
  }

  /** The port rules, never null, without null entries. */
  List<PortRule> ports() {
    return toPorts == null ? List.of() : toPorts.stream().filter(Objects::nonNull).toList();
  }

  /** Whether the item names a CIDR (as a string or in a {@code CIDRSet} entry). */
  boolean hasCidrs() {
    return cidr != null
        || (cidrSet != null
            && cidrSet.stream()
                .filter(Objects::nonNull)
                .map(CidrRule::cidr)
                .anyMatch(Objects::nonNull));
  }

  /** Whether the item names any peer; an item without one applies to every peer (§3.1.5). */
  boolean hasPeer() {
    return Stream.of(endpoints, cidr, cidrSet, entities, nodes).anyMatch(Objects::nonNull)
        || !fqdns.isEmpty()
        || services > 0
        || groups > 0;
  }

  private static int size(List<?> list) {
    return list == null ? 0 : list.size();
  }
}
