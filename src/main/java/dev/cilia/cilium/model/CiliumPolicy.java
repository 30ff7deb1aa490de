package dev.cilia.cilium.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.List;

/**
 * One {@code CiliumNetworkPolicy} or {@code CiliumClusterwideNetworkPolicy} object. Mirrors
 * Cilium's Go types: an absent field is {@code null}, an explicitly empty list is empty.
 */
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec", "specs"})
public record CiliumPolicy(
    String apiVersion, String kind, ObjectMeta metadata, PolicyRule spec, List<PolicyRule> specs) {

  public static final String API_VERSION = "cilium.io/v2";
  public static final String KIND_NAMESPACED = "CiliumNetworkPolicy";
  public static final String KIND_CLUSTERWIDE = "CiliumClusterwideNetworkPolicy";

  @JsonIgnore
  public boolean isClusterwide() {
    return KIND_CLUSTERWIDE.equals(kind);
  }

  /** {@code spec} and every {@code specs} entry, in order. */
  @JsonIgnore
  public List<PolicyRule> rules() {
    List<PolicyRule> all = new java.util.ArrayList<>();
    if (spec != null) {
      all.add(spec);
    }
    if (specs != null) {
      all.addAll(specs);
    }
    return all;
  }

  /** {@code namespace/name} for a CNP, {@code name} for a CCNP. */
  @JsonIgnore
  public String qualifiedName() {
    String name = metadata == null ? "" : metadata.getName();
    String ns = metadata == null ? null : metadata.getNamespace();
    return ns == null || ns.isEmpty() ? name : ns + "/" + name;
  }
}
