package dev.cilia.lower;

import dev.cilia.cilium.Target;
import dev.cilia.cilium.model.CiliumPolicy;
import dev.cilia.ir.Policy;
import dev.cilia.source.Span;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One emitted document with the policy it came from, its target, and for each rule item (path such
 * as {@code egress[3]}) the statement that produced it.
 */
public record Lowered(
    Policy policy, Target target, CiliumPolicy document, Map<String, Span> origins) {
  public Lowered {
    origins = Collections.unmodifiableMap(new LinkedHashMap<>(origins));
  }

  /**
   * What the checks across documents need of one ({@link OpenAndEnforced}, {@link TestTargets},
   * {@link DirectionHints}): a few bytes, where the document itself is kilobytes.
   *
   * @param egressItems whether the document has an {@code egress} list
   * @param ingressItems whether the document has an {@code ingress} list
   */
  public record Shape(Policy policy, Target target, boolean egressItems, boolean ingressItems) {}

  /** This document's {@link Shape}. */
  public Shape shape() {
    return new Shape(
        policy, target, document.spec().egress() != null, document.spec().ingress() != null);
  }

  /** {@code NAMESPACE.NAME.yaml} for a CNP, {@code NAME.yaml} for a CCNP. */
  public String fileName() {
    return policy.clusterwide()
        ? policy.name() + ".yaml"
        : policy.namespace() + "." + policy.name() + ".yaml";
  }
}
