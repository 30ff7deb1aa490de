package dev.cilia.monitor;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.cilia.cilium.Target;
import dev.cilia.diag.Code;
import dev.cilia.diag.Diagnostic;
import dev.cilia.diag.Diagnostics;
import dev.cilia.diag.Related;
import dev.cilia.ir.Monitoring;
import dev.cilia.ir.Monitoring.HubbleMetric;
import dev.cilia.ir.Program;
import dev.cilia.ir.VersionPin;
import dev.cilia.source.Span;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * What {@code ciliac compile} writes beside the policies for a {@code monitoring} block: the Cilium
 * Helm values for Hubble and agent metrics, the agent metrics Service and ServiceMonitor, and a
 * PrometheusRule with the alerts derived from the policies (docs/monitoring.md).
 */
public final class MonitoringOutput {
  /** The tutorial's Hubble metrics, the defaults when a block lists none. */
  public static final List<String> DEFAULT_METRICS =
      List.of("dns:query;ignoreAAAA", "drop", "tcp", "flow", "icmp", "http");

  /** Names of the Service and ServiceMonitor for the agent's own metrics. */
  public static final String AGENT_METRICS = "cilium-agent-metrics";

  /** The pod label every Cilium agent pod carries, 1.13–1.18. */
  static final Map<String, String> AGENT_POD = Map.of("k8s-app", "cilium");

  /** One emitted document: its file name under {@code -o DIR}, its kind, its YAML. */
  public record Generated(String fileName, String kind, String yaml) {
    /** Whether {@code kubectl apply} takes it (Helm values it does not). */
    public boolean isKubernetesObject() {
      return !kind.equals(HELM_VALUES);
    }
  }

  /** The kind name of the Helm values fragment, which is not a Kubernetes object. */
  public static final String HELM_VALUES = "HelmValues";

  /** The documents (none when the program has no block) and what was found on the way. */
  public record Result(List<Generated> documents, List<Diagnostic> diagnostics) {
    public Result {
      documents = List.copyOf(documents);
      diagnostics = List.copyOf(diagnostics);
    }
  }

  /** The YAML mapper, built on first use: a program without monitoring never needs it. */
  private static final class Yaml {
    private Yaml() {}

    static final YAMLMapper MAPPER =
        YAMLMapper.builder()
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
            .enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .disable(YAMLWriteFeature.SPLIT_LINES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .changeDefaultPropertyInclusion(
                incl ->
                    JsonInclude.Value.construct(
                        JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .build();
  }

  private final Program program;
  private final Monitoring monitoring;
  private final Diagnostics diagnostics = new Diagnostics();

  private MonitoringOutput(Program program, Monitoring monitoring) {
    this.program = program;
    this.monitoring = monitoring;
  }

  /** The documents for the program's block, for the override or the block's file's target. */
  public static Result generate(Program program, Optional<Target> override) {
    if (program.monitoring().isEmpty()) {
      return new Result(List.of(), List.of());
    }
    return new MonitoringOutput(program, program.monitoring().get()).run(override);
  }

  private Result run(Optional<Target> override) {
    Optional<Target> target = override;
    if (target.isEmpty()) {
      if (monitoring.pin() instanceof VersionPin.Pinned pinned) {
        target = Target.parse(pinned.version());
        if (target.isEmpty()) {
          diagnostics.error(
              Code.CIL0219,
              pinned.span(),
              "Cilium `" + pinned.version() + "` is not a supported target",
              "supported targets: " + Target.supportedList());
          return new Result(List.of(), diagnostics.sorted());
        }
      } else {
        target = Optional.of(Target.NEWEST);
      }
    }
    List<Alerts.Alert> alerts = Alerts.derive(program, monitoring, diagnostics);
    List<String> metrics = metrics(alerts);
    if (diagnostics.hasErrors()) {
      return new Result(List.of(), diagnostics.sorted());
    }
    List<Generated> out = new ArrayList<>();
    out.add(
        new Generated(
            "monitoring_helm-values.yaml",
            HELM_VALUES,
            header(target.get()) + write(helmValues(metrics))));
    out.add(new Generated("monitoring_service.yaml", "Service", write(service())));
    out.add(
        new Generated("monitoring_servicemonitor.yaml", "ServiceMonitor", write(serviceMonitor())));
    out.add(
        new Generated(
            "monitoring_prometheusrule.yaml", "PrometheusRule", write(prometheusRule(alerts))));
    return new Result(out, diagnostics.sorted());
  }

  private static String header(Target target) {
    return "# Cilium Helm values (chart "
        + target.version()
        + "): helm upgrade cilium cilium/cilium --reuse-values -f THIS_FILE\n";
  }

  // ---------------------------------------------------------------- metrics

  /**
   * The {@code hubble.metrics.enabled} list: the block's, checked against what the alerts need
   * (CIL0807), or the defaults completed with it.
   */
  private List<String> metrics(List<Alerts.Alert> alerts) {
    Map<String, Set<String>> needed = new LinkedHashMap<>();
    Map<String, Alerts.Alert> firstUse = new LinkedHashMap<>();
    for (Alerts.Alert alert : alerts) {
      String metric =
          switch (alert.metric()) {
            case "hubble_drop_total" -> "drop";
            case "hubble_policy_verdicts_total" -> "policy";
            default -> "";
          };
      if (metric.isEmpty()) {
        continue;
      }
      needed.computeIfAbsent(metric, m -> new LinkedHashSet<>()).addAll(alert.contextLabels());
      firstUse.putIfAbsent(metric, alert);
    }
    if (monitoring.metrics().isEmpty()) {
      List<String> out = new ArrayList<>();
      for (String m : DEFAULT_METRICS) {
        Set<String> labels = needed.get(m);
        out.add(labels == null || labels.isEmpty() ? m : withLabels(m, Set.of(), labels));
      }
      for (Map.Entry<String, Set<String>> e : needed.entrySet()) {
        if (!DEFAULT_METRICS.contains(e.getKey())) {
          out.add(
              e.getValue().isEmpty() ? e.getKey() : withLabels(e.getKey(), Set.of(), e.getValue()));
        }
      }
      return out;
    }
    for (Map.Entry<String, Set<String>> e : needed.entrySet()) {
      String name = e.getKey();
      Optional<HubbleMetric> metric = monitoring.metric(name);
      Set<String> have =
          metric.map(m -> (Set<String>) new LinkedHashSet<>(m.contextLabels())).orElse(Set.of());
      Set<String> missing = new LinkedHashSet<>(e.getValue());
      missing.removeAll(have);
      if (metric.isPresent() && missing.isEmpty()) {
        continue;
      }
      Alerts.Alert use = firstUse.get(name);
      String what = name.equals("drop") ? "the drop alerts" : "the L7 alerts (`alerts l7`)";
      Span at = metric.map(HubbleMetric::span).orElse(monitoring.metrics().get(0).span());
      String message =
          metric.isPresent()
              ? what
                  + " need the labels "
                  + String.join(", ", Alerts.sortedLabels(missing))
                  + " on the metric `"
                  + name
                  + "`, which its options do not enable"
              : what + " need the metric `" + name + "`, which is not listed";
      String hint =
          "list it as \""
              + withLabels(name, have, e.getValue())
              + "\""
              + (name.equals("policy") ? ", or leave L7 alerts out with `alerts drops, lost`" : "");
      diagnostics.add(
          Diagnostic.of(Code.CIL0807, at, message, hint)
              .withRelated(new Related(use.origin(), "this alert uses them")));
    }
    return monitoring.metrics().stream().map(HubbleMetric::text).toList();
  }

  private String withLabels(String name, Set<String> have, Set<String> needed) {
    Set<String> all = new LinkedHashSet<>(have);
    all.addAll(needed);
    Optional<HubbleMetric> written = monitoring.metric(name);
    List<String> options = new ArrayList<>();
    written.ifPresent(
        m ->
            m.options()
                .forEach(
                    (k, v) -> {
                      if (!k.equals("labelsContext")) {
                        options.add(v.isEmpty() ? k : k + "=" + String.join("|", v));
                      }
                    }));
    if (!all.isEmpty()) {
      options.add("labelsContext=" + String.join(",", Alerts.sortedLabels(all)));
    }
    return options.isEmpty() ? name : name + ":" + String.join(";", options);
  }

  // ---------------------------------------------------------------- documents

  private Map<String, Object> helmValues(List<String> metrics) {
    Map<String, Object> serviceMonitor = new LinkedHashMap<>();
    serviceMonitor.put("enabled", true);
    serviceMonitor.put("interval", monitoring.interval());
    if (!monitoring.selectorLabels().isEmpty()) {
      serviceMonitor.put("labels", monitoring.selectorLabels());
    }
    Map<String, Object> hubbleMetrics = new LinkedHashMap<>();
    hubbleMetrics.put("enabled", metrics);
    hubbleMetrics.put("enableOpenMetrics", monitoring.openMetrics());
    hubbleMetrics.put("port", monitoring.hubblePort());
    hubbleMetrics.put("serviceMonitor", serviceMonitor);
    Map<String, Object> hubble = new LinkedHashMap<>();
    hubble.put("enabled", true);
    hubble.put("metrics", hubbleMetrics);
    Map<String, Object> prometheus = new LinkedHashMap<>();
    prometheus.put("enabled", true);
    prometheus.put("port", monitoring.agentPort());
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("hubble", hubble);
    values.put("prometheus", prometheus);
    return values;
  }

  private Map<String, String> serviceLabels() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("app.kubernetes.io/name", AGENT_METRICS);
    labels.put("app.kubernetes.io/part-of", "cilium");
    return labels;
  }

  private Map<String, Object> metadata(String name, Map<String, String> labels) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", name);
    metadata.put("namespace", monitoring.namespace());
    if (!labels.isEmpty()) {
      metadata.put("labels", labels);
    }
    return metadata;
  }

  /**
   * The agent pods do not name their metrics port, so the Service targets the number and names its
   * own port, which the ServiceMonitor then refers to.
   */
  private Map<String, Object> service() {
    Map<String, Object> port = new LinkedHashMap<>();
    port.put("name", "metrics");
    port.put("port", monitoring.agentPort());
    port.put("targetPort", monitoring.agentPort());
    port.put("protocol", "TCP");
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("clusterIP", "None");
    spec.put("selector", AGENT_POD);
    spec.put("ports", List.of(port));
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("apiVersion", "v1");
    doc.put("kind", "Service");
    doc.put("metadata", metadata(AGENT_METRICS, serviceLabels()));
    doc.put("spec", spec);
    return doc;
  }

  private Map<String, Object> serviceMonitor() {
    Map<String, Object> endpoint = new LinkedHashMap<>();
    endpoint.put("port", "metrics");
    endpoint.put("interval", monitoring.interval());
    endpoint.put("path", "/metrics");
    endpoint.put("honorLabels", true);
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("selector", Map.of("matchLabels", Map.of("app.kubernetes.io/name", AGENT_METRICS)));
    spec.put("namespaceSelector", Map.of("matchNames", List.of(monitoring.namespace())));
    spec.put("endpoints", List.of(endpoint));
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("apiVersion", "monitoring.coreos.com/v1");
    doc.put("kind", "ServiceMonitor");
    doc.put("metadata", metadata(AGENT_METRICS, monitoring.selectorLabels()));
    doc.put("spec", spec);
    return doc;
  }

  private Map<String, Object> prometheusRule(List<Alerts.Alert> alerts) {
    Map<String, List<Object>> groups = new LinkedHashMap<>();
    for (Alerts.Alert alert : alerts) {
      Map<String, Object> labels = new LinkedHashMap<>();
      labels.put("severity", alert.severity());
      alert.policy().ifPresent(p -> labels.put("cilia_policy", p.qualifiedName()));
      Map<String, Object> annotations = new LinkedHashMap<>();
      annotations.put("summary", alert.summary());
      annotations.put("description", alert.description());
      alert.policy().ifPresent(p -> annotations.put("cilia_policy", p.qualifiedName()));
      annotations.put(
          "cilia_source", alert.origin().file().displayName() + ":" + alert.origin().line());
      Map<String, Object> rule = new LinkedHashMap<>();
      rule.put("alert", alert.name());
      rule.put("expr", alert.expr());
      rule.put("for", monitoring.alertFor());
      rule.put("labels", labels);
      rule.put("annotations", annotations);
      groups.computeIfAbsent(alert.group(), g -> new ArrayList<>()).add(rule);
    }
    List<Object> list = new ArrayList<>();
    groups.forEach(
        (name, rules) -> {
          Map<String, Object> group = new LinkedHashMap<>();
          group.put("name", name);
          group.put("rules", rules);
          list.add(group);
        });
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("apiVersion", "monitoring.coreos.com/v1");
    doc.put("kind", "PrometheusRule");
    doc.put("metadata", metadata("cilia-alerts", monitoring.selectorLabels()));
    doc.put("spec", Map.of("groups", list));
    return doc;
  }

  private static String write(Object document) {
    String yaml = Yaml.MAPPER.writeValueAsString(document);
    return yaml.endsWith("\n") ? yaml : yaml + "\n";
  }
}
