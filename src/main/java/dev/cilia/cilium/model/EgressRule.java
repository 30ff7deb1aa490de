package dev.cilia.cilium.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;
import java.util.Map;

/** One item of {@code egress} or {@code egressDeny}; its members are ANDed. */
@JsonPropertyOrder({
  "toEndpoints",
  "toRequires",
  "toCIDR",
  "toCIDRSet",
  "toEntities",
  "toServices",
  "toFQDNs",
  "toNodes",
  "toGroups",
  "toPorts",
  "icmps",
  "authentication"
})
public record EgressRule(
    List<LabelSelector> toEndpoints,
    List<LabelSelector> toRequires,
    List<String> toCIDR,
    List<CidrRule> toCIDRSet,
    List<String> toEntities,
    List<ServiceSelector> toServices,
    List<FqdnSelector> toFQDNs,
    List<LabelSelector> toNodes,
    List<Map<String, Object>> toGroups,
    List<PortRule> toPorts,
    List<IcmpRule> icmps,
    Map<String, Object> authentication) {

  /** An item with one peer field set by the caller through the {@code with*} methods. */
  public static EgressRule empty() {
    return new EgressRule(null, null, null, null, null, null, null, null, null, null, null, null);
  }

  public EgressRule withToEndpoints(List<LabelSelector> v) {
    return new EgressRule(
        v,
        toRequires,
        toCIDR,
        toCIDRSet,
        toEntities,
        toServices,
        toFQDNs,
        toNodes,
        toGroups,
        toPorts,
        icmps,
        authentication);
  }

  public EgressRule withToCIDRSet(List<CidrRule> v) {
    return new EgressRule(
        toEndpoints,
        toRequires,
        toCIDR,
        v,
        toEntities,
        toServices,
        toFQDNs,
        toNodes,
        toGroups,
        toPorts,
        icmps,
        authentication);
  }

  public EgressRule withToEntities(List<String> v) {
    return new EgressRule(
        toEndpoints,
        toRequires,
        toCIDR,
        toCIDRSet,
        v,
        toServices,
        toFQDNs,
        toNodes,
        toGroups,
        toPorts,
        icmps,
        authentication);
  }

  public EgressRule withToServices(List<ServiceSelector> v) {
    return new EgressRule(
        toEndpoints,
        toRequires,
        toCIDR,
        toCIDRSet,
        toEntities,
        v,
        toFQDNs,
        toNodes,
        toGroups,
        toPorts,
        icmps,
        authentication);
  }

  public EgressRule withToFQDNs(List<FqdnSelector> v) {
    return new EgressRule(
        toEndpoints,
        toRequires,
        toCIDR,
        toCIDRSet,
        toEntities,
        toServices,
        v,
        toNodes,
        toGroups,
        toPorts,
        icmps,
        authentication);
  }

  public EgressRule withToPorts(List<PortRule> v) {
    return new EgressRule(
        toEndpoints,
        toRequires,
        toCIDR,
        toCIDRSet,
        toEntities,
        toServices,
        toFQDNs,
        toNodes,
        toGroups,
        v,
        icmps,
        authentication);
  }
}
