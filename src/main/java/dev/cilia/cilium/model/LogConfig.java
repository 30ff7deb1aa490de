package dev.cilia.cilium.model;

/** {@code log} (Cilium 1.18+): a value copied into Hubble flows' {@code policy_log}. */
public record LogConfig(String value) {}
