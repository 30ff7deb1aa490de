package dev.cilia.cilium.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** One entry of a rule's {@code labels}. */
@JsonPropertyOrder({"key", "value", "source"})
public record RuleLabel(String key, String value, String source) {}
