package dev.cilia.flows;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.StringJoiner;
import java.util.TreeMap;

/** One end of an observed flow, as its Hubble labels describe it. */
public sealed interface Peer permits Peer.Workload, Peer.Entity, Peer.World {

  /**
   * A pod: its namespace, its {@code k8s:} labels without volatile ones ({@code pod-template-hash},
   * …) and the labels of its namespace.
   */
  record Workload(
      String namespace, SortedMap<String, String> labels, SortedMap<String, String> namespaceLabels)
      implements Peer {
    public Workload {
      labels = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(labels));
      namespaceLabels = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(namespaceLabels));
    }

    @Override
    public String toString() {
      StringJoiner out = new StringJoiner(",", namespace + "/", "");
      labels.forEach((k, v) -> out.add(k + "=" + v));
      return out.toString();
    }
  }

  /** A reserved identity other than world: {@code host}, {@code kube-apiserver}, … */
  record Entity(String name) implements Peer {
    @Override
    public String toString() {
      return name;
    }
  }

  /** An address outside the cluster, with the DNS names Hubble knew for it (sorted). */
  record World(String address, List<String> names) implements Peer {
    public World {
      names = List.copyOf(names);
    }

    @Override
    public String toString() {
      return names.isEmpty()
          ? "ip " + address
          : "ip " + address + " (" + String.join(", ", names) + ")";
    }
  }

  /** Labels that change with every rollout and never identify a workload. */
  static boolean volatileLabel(String key) {
    return switch (key) {
      case "pod-template-hash",
          "controller-revision-hash",
          "controller-uid",
          "pod-template-generation",
          "statefulset.kubernetes.io/pod-name",
          "apps.kubernetes.io/pod-index",
          "batch.kubernetes.io/controller-uid",
          "batch.kubernetes.io/job-completion-index",
          "io.cilium.k8s.policy.cluster" ->
          true;
      default -> false;
    };
  }

  static Map<String, String> none() {
    return Map.of();
  }
}
