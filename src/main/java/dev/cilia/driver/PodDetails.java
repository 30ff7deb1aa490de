package dev.cilia.driver;

import dev.cilia.eval.Endpoint;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a pod end of a flow carries besides its own labels: its namespace's labels and its service
 * account ({@code io.cilium.k8s.policy.serviceaccount}), as Cilium puts them into the identity.
 */
public record PodDetails(Map<String, String> namespaceLabels, Optional<String> serviceAccount) {
  /** Cilium's label for a pod's service account. */
  public static final String SERVICE_ACCOUNT = "io.cilium.k8s.policy.serviceaccount";

  public PodDetails {
    namespaceLabels = Map.copyOf(namespaceLabels);
  }

  /**
   * Reads {@code KEY=VALUE,…} namespace labels and a service account name, either may be absent.
   *
   * @throws InputError naming {@code option} when the labels are malformed
   */
  public static Optional<PodDetails> parse(
      String option, String namespaceLabels, String serviceAccount) throws InputError {
    if (namespaceLabels == null && serviceAccount == null) {
      return Optional.empty();
    }
    Map<String, String> labels = new LinkedHashMap<>();
    if (namespaceLabels != null && !namespaceLabels.isBlank()) {
      for (String pair : namespaceLabels.strip().split(",", -1)) {
        int eq = pair.indexOf('=');
        if (eq <= 0 || labels.containsKey(pair.substring(0, eq).strip())) {
          throw new InputError(
              option
                  + "-namespace-labels: expected KEY=VALUE labels separated by commas, found `"
                  + pair
                  + "`");
        }
        labels.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
      }
    }
    if (serviceAccount != null && !serviceAccount.matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?")) {
      throw new InputError(
          option
              + "-service-account: expected a service account name, found `"
              + serviceAccount
              + "`");
    }
    return Optional.of(new PodDetails(labels, Optional.ofNullable(serviceAccount)));
  }

  static Endpoint apply(String option, Endpoint end, Optional<PodDetails> details) {
    if (details.isEmpty()) {
      return end;
    }
    if (!(end instanceof Endpoint.Pod pod)) {
      throw new IllegalArgumentException(
          option + "-namespace-labels and " + option + "-service-account need a pod for " + option);
    }
    Map<String, String> labels = new LinkedHashMap<>(pod.labels());
    details.get().serviceAccount().ifPresent(sa -> labels.put(SERVICE_ACCOUNT, sa));
    Map<String, String> ns = new LinkedHashMap<>(pod.namespaceLabels());
    ns.putAll(details.get().namespaceLabels());
    return new Endpoint.Pod(pod.namespace(), labels, ns);
  }
}
