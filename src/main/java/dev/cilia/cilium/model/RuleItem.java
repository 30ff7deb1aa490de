package dev.cilia.cilium.model;

import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * One item of a rule's section, egress or ingress, allow or deny, seen the same way: the peer
 * fields without their direction ({@code endpoints} for {@code toEndpoints} and {@code
 * fromEndpoints}), {@link #field} to name one as the YAML does, {@link #at} for its pointer. A
 * field absent in the YAML is {@code null}, as in the object model; the egress-only fields are
 * {@code null} on ingress.
 *
 * @param path the item's JSON pointer ({@code /spec/ingressDeny/2})
 * @param fqdns {@code toFQDNs} (egress only)
 * @param services {@code toServices} (egress only)
 * @param empty whether the item is {@code {}}
 */
public record RuleItem(
    RuleView.Section section,
    String path,
    List<LabelSelector> endpoints,
    List<LabelSelector> requires,
    List<String> cidr,
    List<CidrRule> cidrSet,
    List<String> entities,
    List<ServiceSelector> services,
    List<FqdnSelector> fqdns,
    List<LabelSelector> nodes,
    List<Map<String, Object>> groups,
    List<PortRule> toPorts,
    List<IcmpRule> icmps,
    Map<String, Object> authentication,
    boolean empty) {

  static RuleItem of(RuleView.Section section, String path, EgressRule e) {
    return new RuleItem(
        section,
        path,
        e.toEndpoints(),
        e.toRequires(),
        e.toCIDR(),
        e.toCIDRSet(),
        e.toEntities(),
        e.toServices(),
        e.toFQDNs(),
        e.toNodes(),
        e.toGroups(),
        e.toPorts(),
        e.icmps(),
        e.authentication(),
        e.equals(EgressRule.empty()));
  }

  static RuleItem of(RuleView.Section section, String path, IngressRule i) {
    return new RuleItem(
        section,
        path,
        i.fromEndpoints(),
        i.fromRequires(),
        i.fromCIDR(),
        i.fromCIDRSet(),
        i.fromEntities(),
        null,
        null,
        i.fromNodes(),
        i.fromGroups(),
        i.toPorts(),
        i.icmps(),
        i.authentication(),
        i.equals(IngressRule.empty()));
  }

  /** Whether the item is in an egress section. */
  public boolean egress() {
    return section.egress();
  }

  /** Whether the item is in a deny section. */
  public boolean deny() {
    return section.deny();
  }

  /** The YAML name of a peer field: {@code field("Entities")} is {@code toEntities} on egress. */
  public String field(String suffix) {
    return (egress() ? "to" : "from") + suffix;
  }

  /** The pointer of one of the item's fields, by its YAML name ({@code toPorts}). */
  public String at(String yamlField) {
    return path + "/" + yamlField;
  }

  /** {@code toFQDNs}, never null. */
  public List<FqdnSelector> fqdnList() {
    return fqdns == null ? List.of() : fqdns;
  }

  /** The port rules, never null, without null entries. */
  public List<PortRule> ports() {
    return toPorts == null ? List.of() : toPorts.stream().filter(Objects::nonNull).toList();
  }

  /** Whether the item names a CIDR (as a string or in a {@code CIDRSet} entry). */
  public boolean hasCidrs() {
    return cidr != null
        || (cidrSet != null
            && cidrSet.stream()
                .filter(Objects::nonNull)
                .map(CidrRule::cidr)
                .anyMatch(Objects::nonNull));
  }

  /** Whether the item names any peer; an item without one applies to every peer (§3.1.5). */
  public boolean hasPeer() {
    return Stream.of(endpoints, cidr, cidrSet, entities, nodes).anyMatch(Objects::nonNull)
        || size(fqdns) > 0
        || size(services) > 0
        || size(groups) > 0;
  }

  /** The number of entries of a list that may be absent. */
  public static int size(List<?> list) {
    return list == null ? 0 : list.size();
  }
}
