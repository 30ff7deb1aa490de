package dev.cilia.cilium;

import java.util.List;
import java.util.Set;

/**
 * Cilium's reserved entities (CILIUM-POLICY.md §1.5): the one list every stage uses, for the
 * language's {@code entity NAME}, the emitted {@code toEntities}, the evaluator's identities, lint
 * and import.
 */
public final class Entities {
  public static final String WORLD = "world";
  public static final String CLUSTER = "cluster";
  public static final String HOST = "host";
  public static final String REMOTE_NODE = "remote-node";
  public static final String KUBE_APISERVER = "kube-apiserver";
  public static final String ALL = "all";

  /**
   * The CRD's entity enum, unchanged 1.13–1.18, in the CRD's order; the agent's {@code world-ipv4}
   * and {@code world-ipv6} are not in it, so the API server rejects them.
   */
  public static final List<String> CRD =
      List.of(
          ALL,
          WORLD,
          CLUSTER,
          HOST,
          "init",
          "ingress",
          "unmanaged",
          REMOTE_NODE,
          "health",
          "none",
          KUBE_APISERVER);

  /** The entities the agent knows that the CRD does not take. */
  public static final Set<String> AGENT_ONLY = Set.of("world-ipv4", "world-ipv6");

  /**
   * The entities that denote endpoints of their own: every one of {@link #CRD} but {@code all} and
   * {@code cluster} (sets of endpoints) and {@code none} (no endpoint).
   */
  public static final Set<String> ENDPOINTS =
      Set.of(HOST, REMOTE_NODE, KUBE_APISERVER, WORLD, "health", "init", "ingress", "unmanaged");

  /**
   * The entities that the language names without {@code entity}: {@code allow to world}. The others
   * are written {@code entity NAME}.
   */
  public static final Set<String> NAMED = Set.of(WORLD, CLUSTER, HOST, REMOTE_NODE, KUBE_APISERVER);

  /** The entities that are part of {@code cluster} besides pods. */
  public static final Set<String> CLUSTER_MEMBERS =
      Set.of(HOST, REMOTE_NODE, KUBE_APISERVER, "health", "init", "ingress");

  /**
   * The entities that a test names as the other end of a flow, and that import's self-check probes:
   * those of {@link #NAMED} that are one endpoint.
   */
  public static final List<String> PROBED = List.of(WORLD, HOST, REMOTE_NODE, KUBE_APISERVER);

  private Entities() {}

  /** Whether the CRD takes {@code name}. */
  public static boolean inCrd(String name) {
    return CRD.contains(name);
  }
}
