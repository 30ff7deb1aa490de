package dev.cilia.ir;

import dev.cilia.source.Span;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A checked {@code monitoring} block with its defaults filled in (docs/monitoring.md).
 *
 * @param namespace where the Cilium agent runs, and where the Service and ServiceMonitor go
 * @param metrics the Hubble metrics as written; empty when the block does not list them, then the
 *     defaults apply and are completed with what the alerts need
 * @param selectorLabels the labels the Prometheus operator selects ServiceMonitors and rules by
 * @param alerts the alert groups to emit
 * @param alertFor how long a condition must hold before its alert fires ({@code for:})
 */
public record Monitoring(
    String namespace,
    List<HubbleMetric> metrics,
    boolean openMetrics,
    int hubblePort,
    int agentPort,
    String interval,
    SortedMap<String, String> selectorLabels,
    Set<AlertGroup> alerts,
    String alertFor,
    VersionPin pin,
    Span span) {
  /**
   * The labels Hubble's {@code labelsContext} option can add, in the order they are written
   * (CILIUM-POLICY.md §6.1).
   */
  public static final List<String> CONTEXT_LABELS =
      List.of(
          "source_ip",
          "source_namespace",
          "source_pod",
          "source_workload",
          "source_workload_kind",
          "source_app",
          "destination_ip",
          "destination_namespace",
          "destination_pod",
          "destination_workload",
          "destination_workload_kind",
          "destination_app",
          "traffic_direction");

  /** The pod labels Hubble takes a workload's app name from ({@code source_app}, …). */
  public static final List<String> APP_LABELS = List.of("app", "app.kubernetes.io/name", "k8s-app");

  public Monitoring {
    metrics = List.copyOf(metrics);
    selectorLabels = Collections.unmodifiableSortedMap(new TreeMap<>(selectorLabels));
    alerts = Set.copyOf(alerts);
  }

  /** The alert groups a block can ask for. */
  public enum AlertGroup {
    /** Declared traffic of an enforcing policy's pods dropped by policy. */
    DROPS,
    /** L7 (HTTP, DNS) requests of observed traffic denied by the proxy. */
    L7,
    /** Hubble losing flow events. */
    LOST
  }

  /**
   * One Hubble metric as Cilium's {@code hubble.metrics.enabled} spells it: {@code
   * name[:option=value;option…]}; {@code options} maps each option to its values (split at {@code
   * ,} for {@code labelsContext}, at {@code |} for the other context options).
   */
  public record HubbleMetric(
      String name, Map<String, List<String>> options, String text, Span span) {
    public HubbleMetric {
      options = Collections.unmodifiableMap(new java.util.LinkedHashMap<>(options));
    }

    /** The labels {@code labelsContext} adds, or none. */
    public List<String> contextLabels() {
      return options.getOrDefault("labelsContext", List.of());
    }
  }

  /** The metric of that name, if listed. */
  public Optional<HubbleMetric> metric(String name) {
    return metrics.stream().filter(m -> m.name().equals(name)).findFirst();
  }
}
