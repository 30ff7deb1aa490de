package dev.cilia.ir;

/** Egress ({@code to}) or ingress ({@code from}). */
public enum Direction {
  EGRESS,
  INGRESS
}
