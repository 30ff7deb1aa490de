package dev.cilia.cilium;

/** Label keys Cilium gives every pod identity (CILIUM-POLICY.md §1.4). */
public final class CiliumLabels {
  private CiliumLabels() {}

  /** The pod's namespace. */
  public static final String NAMESPACE = "k8s:io.kubernetes.pod.namespace";

  /** Prefix of the namespace's own labels, e.g. {@code …labels.team}. */
  public static final String NAMESPACE_LABEL_PREFIX = "k8s:io.cilium.k8s.namespace.labels.";
}
