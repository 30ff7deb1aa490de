package dev.cilia.eval;

import dev.cilia.cilium.Entities;
import java.net.InetAddress;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;

/** One end of a flow: a pod, an outside address, an outside name, or a reserved entity. */
public sealed interface Endpoint permits Endpoint.Pod, Endpoint.Ip, Endpoint.Fqdn, Endpoint.Entity {

  /**
   * A Cilium-managed pod. {@code kubernetes.io/metadata.name = namespace} is implied in the
   * namespace labels (CILIUM-POLICY.md §1.4).
   */
  record Pod(String namespace, Map<String, String> labels, Map<String, String> namespaceLabels)
      implements Endpoint {
    public Pod {
      if (namespace == null || namespace.isEmpty()) {
        throw new IllegalArgumentException("a pod needs a namespace");
      }
      labels = Map.copyOf(labels);
      namespaceLabels = Map.copyOf(namespaceLabels);
    }

    @Override
    public String toString() {
      StringJoiner out = new StringJoiner(",", namespace + "/", "");
      new TreeMap<>(labels).forEach((k, v) -> out.add(k + "=" + v));
      return out.toString();
    }
  }

  /** An address outside the cluster: identity {@code world} plus its CIDR prefixes. */
  record Ip(InetAddress address) implements Endpoint {
    public Ip {
      if (address == null) {
        throw new IllegalArgumentException("an ip endpoint needs an address");
      }
    }

    @Override
    public String toString() {
      return "ip " + address.getHostAddress();
    }
  }

  /**
   * An outside address learned by a DNS lookup of {@code name}. It is {@code world}; its address is
   * not known, so only prefixes of length 0 among CIDR peers match it.
   */
  record Fqdn(String name) implements Endpoint {
    public Fqdn {
      if (name == null || name.isEmpty()) {
        throw new IllegalArgumentException("an fqdn endpoint needs a name");
      }
    }

    @Override
    public String toString() {
      return "fqdn " + name;
    }
  }

  /**
   * A reserved identity that is not a pod: {@code host}, {@code remote-node}, {@code
   * kube-apiserver}, {@code world}, {@code health}, {@code init}, {@code ingress}, {@code
   * unmanaged} (CILIUM-POLICY.md §1.5).
   */
  record Entity(String name) implements Endpoint {
    /** The entity names that denote endpoints ({@code all}, {@code cluster} are sets). */
    public static final Set<String> NAMES = Entities.ENDPOINTS;

    public Entity {
      if (!NAMES.contains(name)) {
        throw new IllegalArgumentException(
            "expected one of " + new java.util.TreeSet<>(NAMES) + ", found entity `" + name + "`");
      }
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static Pod pod(String namespace, Map<String, String> labels) {
    return new Pod(namespace, labels, Map.of());
  }

  static Pod pod(
      String namespace, Map<String, String> labels, Map<String, String> namespaceLabels) {
    return new Pod(namespace, labels, namespaceLabels);
  }

  /** An IPv4 or IPv6 literal; never a host name (no DNS lookup happens). */
  static Ip ip(String literal) {
    return new Ip(Addresses.parse(literal));
  }

  static Fqdn fqdn(String name) {
    return new Fqdn(name);
  }

  static Entity entity(String name) {
    return new Entity(name);
  }
}
