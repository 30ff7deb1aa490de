package dev.cilia.cilium.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;
import java.util.Map;

/** One item of {@code ingress} or {@code ingressDeny}; its members are ANDed. */
@JsonPropertyOrder({
  "fromEndpoints",
  "fromRequires",
  "fromCIDR",
  "fromCIDRSet",
  "fromEntities",
  "fromNodes",
  "fromGroups",
  "toPorts",
  "icmps",
  "authentication"
})
public record IngressRule(
    List<LabelSelector> fromEndpoints,
    List<LabelSelector> fromRequires,
    List<String> fromCIDR,
    List<CidrRule> fromCIDRSet,
    List<String> fromEntities,
    List<LabelSelector> fromNodes,
    List<Map<String, Object>> fromGroups,
    List<PortRule> toPorts,
    List<IcmpRule> icmps,
    Map<String, Object> authentication) {

  public static IngressRule empty() {
    return new IngressRule(null, null, null, null, null, null, null, null, null, null);
  }

  public IngressRule withFromEndpoints(List<LabelSelector> v) {
    return new IngressRule(
        v,
        fromRequires,
        fromCIDR,
        fromCIDRSet,
        fromEntities,
        fromNodes,
        fromGroups,
        toPorts,
        icmps,
        authentication);
  }

  public IngressRule withFromCIDRSet(List<CidrRule> v) {
    return new IngressRule(
        fromEndpoints,
        fromRequires,
        fromCIDR,
        v,
        fromEntities,
        fromNodes,
        fromGroups,
        toPorts,
        icmps,
        authentication);
  }

  public IngressRule withFromEntities(List<String> v) {
    return new IngressRule(
        fromEndpoints,
        fromRequires,
        fromCIDR,
        fromCIDRSet,
        v,
        fromNodes,
        fromGroups,
        toPorts,
        icmps,
        authentication);
  }

  public IngressRule withToPorts(List<PortRule> v) {
    return new IngressRule(
        fromEndpoints,
        fromRequires,
        fromCIDR,
        fromCIDRSet,
        fromEntities,
        fromNodes,
        fromGroups,
        v,
        icmps,
        authentication);
  }
}
