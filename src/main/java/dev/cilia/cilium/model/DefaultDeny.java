package dev.cilia.cilium.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** {@code enableDefaultDeny} (Cilium 1.16+): unset means true for a direction that has rules. */
@JsonPropertyOrder({"ingress", "egress"})
public record DefaultDeny(Boolean ingress, Boolean egress) {}
