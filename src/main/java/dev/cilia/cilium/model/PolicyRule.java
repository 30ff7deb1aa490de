package dev.cilia.cilium.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;

/** One Cilium {@code Rule}: the {@code spec} of a policy or one entry of {@code specs}. */
@JsonPropertyOrder({
  "description",
  "endpointSelector",
  "nodeSelector",
  "enableDefaultDeny",
  "ingress",
  "ingressDeny",
  "egress",
  "egressDeny",
  "labels",
  "log"
})
public record PolicyRule(
    String description,
    LabelSelector endpointSelector,
    LabelSelector nodeSelector,
    DefaultDeny enableDefaultDeny,
    List<IngressRule> ingress,
    List<IngressRule> ingressDeny,
    List<EgressRule> egress,
    List<EgressRule> egressDeny,
    List<RuleLabel> labels,
    LogConfig log) {}
