package dev.cilia.eval;

import dev.cilia.source.SharedStrings;
import java.util.HashMap;
import java.util.Map;

/**
 * The security identity of an endpoint as peer selectors see it: labels by {@code source:key} and
 * by bare key, reserved kinds as bits, and the address or name of outside endpoints.
 */
final class Identity {
  static final int POD = 1;
  static final int HOST = 1 << 1;
  static final int REMOTE_NODE = 1 << 2;
  static final int KUBE_APISERVER = 1 << 3;
  static final int WORLD = 1 << 4;
  static final int HEALTH = 1 << 5;
  static final int INIT = 1 << 6;
  static final int INGRESS = 1 << 7;
  static final int UNMANAGED = 1 << 8;

  /** The kinds entity {@code cluster} covers (§1.5): everything but world. */
  static final int CLUSTER =
      POD | HOST | REMOTE_NODE | KUBE_APISERVER | HEALTH | INIT | INGRESS | UNMANAGED;

  static final String NAMESPACE_KEY = "io.kubernetes.pod.namespace";
  static final String NAMESPACE_LABELS_PREFIX = "io.cilium.k8s.namespace.labels.";
  static final String CLUSTER_KEY = "io.cilium.k8s.policy.cluster";
  static final String LOCAL_CLUSTER = "default";

  final Endpoint endpoint;
  final int kinds;

  /** {@code k8s:app} → value; {@code reserved:host} → "". */
  final Map<String, String> bySourceKey;

  /** {@code app} → value, for selector keys of source {@code any}. */
  final Map<String, String> byKey;

  /** The address of an {@link Endpoint.Ip}, else null. */
  final byte[] address;

  /** The normalized name of an {@link Endpoint.Fqdn}, else null. */
  final String name;

  /** {@link #toString()}, built once: every verdict's reason names its peer. */
  private String text;

  private static final Map<String, String> WORLD_LABELS = Map.of("reserved:world", "");
  private static final Map<String, String> WORLD_KEYS = Map.of("world", "");
  private static final String K8S_NAMESPACE = "k8s:" + NAMESPACE_KEY;
  private static final String K8S_CLUSTER = "k8s:" + CLUSTER_KEY;
  private static final String K8S_NAMESPACE_NAME =
      "k8s:" + NAMESPACE_LABELS_PREFIX + "kubernetes.io/metadata.name";

  private Identity(
      Endpoint endpoint,
      int kinds,
      Map<String, String> bySourceKey,
      Map<String, String> byKey,
      byte[] address,
      String name) {
    this.endpoint = endpoint;
    this.kinds = kinds;
    this.bySourceKey = bySourceKey;
    this.byKey = byKey;
    this.address = address;
    this.name = name;
  }

  private Identity(Endpoint endpoint, int kinds, Map<String, String> bySourceKey) {
    this(endpoint, kinds, bySourceKey, bareKeys(bySourceKey), null, null);
  }

  private static Map<String, String> bareKeys(Map<String, String> bySourceKey) {
    Map<String, String> out = new HashMap<>();
    for (Map.Entry<String, String> e : bySourceKey.entrySet()) {
      String k = e.getKey();
      out.put(SharedStrings.of(k.substring(k.indexOf(':') + 1)), e.getValue());
    }
    return out;
  }

  boolean is(int kind) {
    return (kinds & kind) != 0;
  }

  boolean isPod() {
    return (kinds & POD) != 0;
  }

  /** Outside endpoints whose address is not known: a name, or plain {@code world}. */
  boolean worldWithoutAddress() {
    return (kinds & WORLD) != 0 && address == null;
  }

  static Identity of(Endpoint endpoint) {
    if (endpoint instanceof Endpoint.Pod pod) {
      return pod(pod);
    } else if (endpoint instanceof Endpoint.Ip ip) {
      return new Identity(
          endpoint, WORLD, WORLD_LABELS, WORLD_KEYS, ip.address().getAddress(), null);
    } else if (endpoint instanceof Endpoint.Fqdn fqdn) {
      return new Identity(
          endpoint, WORLD, WORLD_LABELS, WORLD_KEYS, null, DnsNames.normalize(fqdn.name()));
    } else if (endpoint instanceof Endpoint.Entity entity) {
      return entity(endpoint, entityKind(entity.name()));
    }
    throw new AssertionError(endpoint);
  }

  /** The kube-apiserver identity with one co-label: remote-node (identity 7), host or world. */
  static Identity apiserverWith(Endpoint endpoint, int extra) {
    return entity(endpoint, KUBE_APISERVER | extra);
  }

  private static Identity entity(Endpoint endpoint, int kinds) {
    Map<String, String> labels = new HashMap<>();
    for (int bit = HOST; bit <= UNMANAGED; bit <<= 1) {
      if ((kinds & bit) != 0) {
        labels.put("reserved:" + entityName(bit), "");
      }
    }
    return new Identity(endpoint, kinds, labels);
  }

  private static Identity pod(Endpoint.Pod pod) {
    // The pod cache keeps thousands of identities, whose label keys repeat: one instance each.
    Map<String, String> labels = new HashMap<>();
    for (Map.Entry<String, String> e : pod.labels().entrySet()) {
      if (!LabelFilter.dropped(e.getKey())) {
        labels.put(SharedStrings.of("k8s:" + e.getKey()), e.getValue());
      }
    }
    labels.put(K8S_NAMESPACE, pod.namespace());
    labels.putIfAbsent(K8S_CLUSTER, LOCAL_CLUSTER);
    for (Map.Entry<String, String> e : pod.namespaceLabels().entrySet()) {
      labels.put(SharedStrings.of("k8s:" + NAMESPACE_LABELS_PREFIX + e.getKey()), e.getValue());
    }
    labels.put(K8S_NAMESPACE_NAME, pod.namespace());
    return new Identity(pod, POD, labels);
  }

  static int entityKind(String name) {
    return switch (name) {
      case "host" -> HOST;
      case "remote-node" -> REMOTE_NODE;
      case "kube-apiserver" -> KUBE_APISERVER;
      case "world" -> WORLD;
      case "health" -> HEALTH;
      case "init" -> INIT;
      case "ingress" -> INGRESS;
      case "unmanaged" -> UNMANAGED;
      default -> 0;
    };
  }

  static String entityName(int bit) {
    return switch (bit) {
      case HOST -> "host";
      case REMOTE_NODE -> "remote-node";
      case KUBE_APISERVER -> "kube-apiserver";
      case WORLD -> "world";
      case HEALTH -> "health";
      case INIT -> "init";
      case INGRESS -> "ingress";
      case UNMANAGED -> "unmanaged";
      default -> throw new AssertionError(bit);
    };
  }

  @Override
  public String toString() {
    String t = text;
    if (t == null) {
      t = endpoint.toString();
      text = t;
    }
    return t;
  }
}
