package dev.cilia.cilium;

/**
 * The cluster's DNS server as most clusters run it: pods {@code k8s-app=kube-dns} in namespace
 * {@code kube-system} (also CoreDNS), listening on {@link Ports#DNS}. The language's builtin peer
 * {@code kube-dns} and default resolver, and the evaluator's default resolver.
 */
public final class KubeDns {
  public static final String NAMESPACE = "kube-system";
  public static final String LABEL_KEY = "k8s-app";
  public static final String LABEL_VALUE = "kube-dns";

  private KubeDns() {}
}
