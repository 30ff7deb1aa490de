package dev.cilia.cilium.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/** {@code toServices} entry: a named Kubernetes Service, or (read only) a service selector. */
@JsonPropertyOrder({"k8sService", "k8sServiceSelector"})
public record ServiceSelector(K8sService k8sService, Map<String, Object> k8sServiceSelector) {

  /** {@code k8sService}: a Service by name and namespace. */
  @JsonPropertyOrder({"serviceName", "namespace"})
  public record K8sService(String serviceName, String namespace) {}

  public static ServiceSelector named(String name, String namespace) {
    return new ServiceSelector(new K8sService(name, namespace), null);
  }
}
