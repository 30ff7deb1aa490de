package dev.cilia.check;

import dev.cilia.diag.Code;
import dev.cilia.diag.Diagnostic;
import dev.cilia.diag.Diagnostics;
import dev.cilia.diag.Related;
import dev.cilia.ir.Monitoring;
import dev.cilia.ir.Monitoring.AlertGroup;
import dev.cilia.ir.Monitoring.HubbleMetric;
import dev.cilia.ir.Policy;
import dev.cilia.ir.Statement;
import dev.cilia.ir.VersionPin;
import dev.cilia.source.Span;
import dev.cilia.syntax.Ast;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The {@code monitoring} block: its settings (names, values, defaults) and the checks that need the
 * policies, such as HTTP metrics without HTTP visibility (docs/monitoring.md).
 */
public final class MonitoringChecker {
  /** Hubble metric names of Cilium 1.13–1.18 (CILIUM-POLICY.md §6.1). */
  static final Set<String> METRICS =
      Set.of(
          "dns",
          "drop",
          "tcp",
          "flow",
          "icmp",
          "http",
          "httpV2",
          "port-distribution",
          "flows-to-world",
          "policy",
          "kafka");

  /** The labels {@code labelsContext} can add. */
  static final Set<String> CONTEXT_LABELS = Set.copyOf(Monitoring.CONTEXT_LABELS);

  static final List<String> SETTINGS =
      List.of(
          "namespace",
          "metrics",
          "openmetrics",
          "hubble-port",
          "agent-port",
          "interval",
          "label",
          "alerts",
          "for");

  /** A Prometheus duration, as the operator's CRDs check it. */
  static final Pattern DURATION =
      Pattern.compile(
          "(0|([0-9]+y)?([0-9]+w)?([0-9]+d)?([0-9]+h)?([0-9]+m)?([0-9]+s)?([0-9]+ms)?)");

  private final Diagnostics diagnostics;
  private boolean ok = true;

  private MonitoringChecker(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  /**
   * The program's monitoring block, checked, if the files declare one (at most one may); reports on
   * {@code diagnostics}. Empty also when the block has errors.
   */
  public static Optional<Monitoring> check(
      List<Ast.CiliaFile> files, List<Policy> policies, Diagnostics diagnostics) {
    Ast.MonitoringDecl first = null;
    Ast.CiliaFile firstFile = null;
    for (Ast.CiliaFile file : files) {
      for (Ast.Decl decl : file.decls()) {
        if (decl instanceof Ast.MonitoringDecl m) {
          if (first == null) {
            first = m;
            firstFile = file;
          } else {
            diagnostics.add(
                Diagnostic.of(
                        Code.CIL0801,
                        m.keyword().span(),
                        "`monitoring` is declared twice",
                        "keep one `monitoring` block for all compiled files")
                    .withRelated(new Related(first.keyword().span(), "first declared here")));
          }
        }
      }
    }
    if (first == null) {
      return Optional.empty();
    }
    MonitoringChecker checker = new MonitoringChecker(diagnostics);
    Optional<Monitoring> monitoring = checker.settings(first, pin(firstFile));
    if (monitoring.isPresent()) {
      checker.againstPolicies(monitoring.get(), files, policies);
    }
    return monitoring;
  }

  private static VersionPin pin(Ast.CiliaFile file) {
    for (Ast.Decl decl : file.decls()) {
      if (decl instanceof Ast.CiliumDecl c) {
        return new VersionPin.Pinned(c.version().text(), c.version().span());
      }
    }
    return VersionPin.NONE;
  }

  // ---------------------------------------------------------------- settings

  private Optional<Monitoring> settings(Ast.MonitoringDecl decl, VersionPin pin) {
    Map<String, Ast.MonitoringSetting> given = new LinkedHashMap<>();
    List<Ast.MonitoringSetting> labels = new ArrayList<>();
    List<Ast.MonitoringValue> metricValues = new ArrayList<>();
    for (Ast.MonitoringSetting setting : decl.settings()) {
      String name = setting.name().text();
      if (!SETTINGS.contains(name)) {
        diagnostics.error(
            Code.CIL0802,
            setting.name().span(),
            "unknown monitoring setting `" + name + "`",
            "settings: " + String.join(", ", SETTINGS));
        ok = false;
      } else if (name.equals("label")) {
        labels.add(setting);
      } else if (name.equals("metrics")) {
        metricValues.addAll(setting.values());
      } else if (given.containsKey(name)) {
        diagnostics.add(
            Diagnostic.of(Code.CIL0810, setting.name().span(), "`" + name + "` is given twice")
                .withRelated(new Related(given.get(name).name().span(), "first given here")));
        ok = false;
      } else {
        given.put(name, setting);
      }
    }
    String namespace =
        single(given.get("namespace"))
            .map(
                v -> {
                  if (!Values.isDnsLabel(v.value().text())) {
                    invalid(v, "`" + v.value().text() + "` is not a valid namespace", NS_HINT);
                  }
                  return v.value().text();
                })
            .orElse("kube-system");
    boolean openMetrics =
        single(given.get("openmetrics"))
            .map(
                v -> {
                  String t = v.value().text();
                  if (!t.equals("true") && !t.equals("false")) {
                    invalid(v, "`openmetrics` is `true` or `false`", "write `openmetrics true`");
                  }
                  return t.equals("true");
                })
            .orElse(true);
    int hubblePort = port(given.get("hubble-port"), 9965);
    int agentPort = port(given.get("agent-port"), 9962);
    String interval = duration(given.get("interval"), "30s");
    String alertFor = duration(given.get("for"), "1m");
    List<HubbleMetric> metrics = metrics(metricValues);
    Set<AlertGroup> alerts = alerts(given.get("alerts"));
    TreeMap<String, String> selectorLabels = new TreeMap<>();
    for (Ast.MonitoringSetting setting : labels) {
      for (Ast.MonitoringValue v : setting.values()) {
        if (v.key().isEmpty()) {
          invalid(v, "`label` takes KEY=VALUE", "write `label release=kube-prometheus-stack`");
          continue;
        }
        String key = v.key().get().text();
        Optional<String> problem = Values.labelKeyProblem(key);
        if (problem.isPresent()) {
          invalid(v, "`" + key + "` is not a valid label key: " + problem.get(), null);
        } else if (!Values.isLabelValue(v.value().text())) {
          invalid(v, "`" + v.value().text() + "` is not a valid label value", null);
        } else {
          selectorLabels.put(key, v.value().text());
        }
      }
    }
    if (!ok) {
      return Optional.empty();
    }
    return Optional.of(
        new Monitoring(
            namespace,
            metrics,
            openMetrics,
            hubblePort,
            agentPort,
            interval,
            selectorLabels,
            alerts,
            alertFor,
            pin,
            decl.span()));
  }

  private static final String NS_HINT =
      "namespaces are lowercase letters, digits and `-`, 63 characters at most";

  private void invalid(Ast.MonitoringValue v, String message, String hint) {
    diagnostics.add(
        hint == null
            ? Diagnostic.of(Code.CIL0803, v.span(), message)
            : Diagnostic.of(Code.CIL0803, v.span(), message, hint));
    ok = false;
  }

  /** The one value of a setting that takes one. */
  private Optional<Ast.MonitoringValue> single(Ast.MonitoringSetting setting) {
    if (setting == null) {
      return Optional.empty();
    }
    Ast.MonitoringValue v = setting.values().get(0);
    if (setting.values().size() > 1) {
      invalid(
          setting.values().get(1),
          "`" + setting.name().text() + "` takes one value",
          "remove the values after the first");
    } else if (v.key().isPresent()) {
      invalid(v, "`" + setting.name().text() + "` takes a value, not KEY=VALUE", null);
    }
    return Optional.of(v);
  }

  private int port(Ast.MonitoringSetting setting, int fallback) {
    Optional<Ast.MonitoringValue> v = single(setting);
    if (v.isEmpty()) {
      return fallback;
    }
    Optional<Integer> port =
        v.get().quoted() ? Optional.empty() : Values.port(v.get().value().text());
    if (port.isEmpty() || port.get() == 0) {
      invalid(v.get(), "`" + v.get().value().text() + "` is not a port", "ports are 1–65535");
      return fallback;
    }
    return port.get();
  }

  private String duration(Ast.MonitoringSetting setting, String fallback) {
    Optional<Ast.MonitoringValue> v = single(setting);
    if (v.isEmpty()) {
      return fallback;
    }
    String text = v.get().value().text();
    if (text.isEmpty() || !DURATION.matcher(text).matches()) {
      invalid(
          v.get(),
          "`" + text + "` is not a Prometheus duration",
          "write a duration such as `30s`, `1m` or `1h30m`");
      return fallback;
    }
    return text;
  }

  private Set<AlertGroup> alerts(Ast.MonitoringSetting setting) {
    if (setting == null) {
      return EnumSet.allOf(AlertGroup.class);
    }
    Set<AlertGroup> groups = EnumSet.noneOf(AlertGroup.class);
    for (Ast.MonitoringValue v : setting.values()) {
      String t = v.value().text();
      switch (v.key().isPresent() ? "" : t) {
        case "drops" -> groups.add(AlertGroup.DROPS);
        case "l7" -> groups.add(AlertGroup.L7);
        case "lost" -> groups.add(AlertGroup.LOST);
        case "none" -> {
          if (setting.values().size() > 1) {
            invalid(v, "`none` stands alone", "write `alerts none` or list the groups");
          }
        }
        default ->
            invalid(
                v, "unknown alert group `" + t + "`", "alert groups: drops, l7, lost (or `none`)");
      }
    }
    return groups;
  }

  /** The values of every {@code metrics} line, in order. */
  private List<HubbleMetric> metrics(List<Ast.MonitoringValue> written) {
    List<HubbleMetric> metrics = new ArrayList<>();
    Map<String, Ast.MonitoringValue> seen = new LinkedHashMap<>();
    for (Ast.MonitoringValue v : written) {
      if (v.key().isPresent()) {
        invalid(v, "a Hubble metric is a name with options, not KEY=VALUE", QUOTE_HINT);
        continue;
      }
      Optional<HubbleMetric> metric = metric(v);
      if (metric.isEmpty()) {
        continue;
      }
      String name = metric.get().name();
      String family = name.equals("httpV2") ? "http" : name;
      if (seen.containsKey(family)) {
        diagnostics.add(
            Diagnostic.of(
                    Code.CIL0804,
                    v.span(),
                    seen.get(family).value().text().startsWith(name)
                        ? "the metric `" + name + "` is listed twice"
                        : "`http` and `httpV2` exclude each other",
                    "keep one of them")
                .withRelated(new Related(seen.get(family).span(), "first listed here")));
        ok = false;
        continue;
      }
      seen.put(family, v);
      metrics.add(metric.get());
    }
    return metrics;
  }

  private static final String QUOTE_HINT =
      "write it as Cilium does, in quotes when it has options: \"drop:labelsContext=source_app\"";

  /** {@code name[:option[=value];…]} as the agent's {@code --hubble-metrics} reads it. */
  private Optional<HubbleMetric> metric(Ast.MonitoringValue v) {
    String text = v.value().text();
    int colon = text.indexOf(':');
    String name = colon < 0 ? text : text.substring(0, colon);
    if (!METRICS.contains(name)) {
      invalid(
          v,
          "unknown Hubble metric `" + name + "`",
          "metrics: " + String.join(", ", new java.util.TreeSet<>(METRICS)));
      return Optional.empty();
    }
    Map<String, List<String>> options = new LinkedHashMap<>();
    if (colon >= 0) {
      for (String option : text.substring(colon + 1).split(";", -1)) {
        int eq = option.indexOf('=');
        String key = eq < 0 ? option : option.substring(0, eq);
        String value = eq < 0 ? "" : option.substring(eq + 1);
        if (key.isEmpty()) {
          invalid(v, "empty option in the metric `" + text + "`", QUOTE_HINT);
          return Optional.empty();
        }
        List<String> values =
            value.isEmpty()
                ? List.of()
                : List.of(value.split(key.equals("labelsContext") ? "," : "\\|", -1));
        if (key.equals("labelsContext")) {
          for (String label : values) {
            if (!CONTEXT_LABELS.contains(label)) {
              invalid(
                  v,
                  "`" + label + "` is not a label `labelsContext` can add",
                  "labels: " + String.join(", ", new java.util.TreeSet<>(CONTEXT_LABELS)));
              return Optional.empty();
            }
          }
        }
        options.put(key, values);
      }
    }
    return Optional.of(new HubbleMetric(name, options, text, v.span()));
  }

  // ---------------------------------------------------------------- against the policies

  private void againstPolicies(
      Monitoring monitoring, List<Ast.CiliaFile> files, List<Policy> policies) {
    boolean httpMetric =
        monitoring.metrics().isEmpty()
            || monitoring.metric("http").isPresent()
            || monitoring.metric("httpV2").isPresent();
    List<Statement.ObserveHttp> observed = new ArrayList<>();
    for (Policy policy : policies) {
      for (Statement s : policy.statements()) {
        if (s instanceof Statement.ObserveHttp h) {
          observed.add(h);
        }
      }
    }
    if (httpMetric && observed.isEmpty()) {
      Span at =
          monitoring.metrics().isEmpty()
              ? monitoring.span()
              : monitoring.metric("http").or(() -> monitoring.metric("httpV2")).get().span();
      diagnostics.add(
          Diagnostic.of(
              Code.CIL0805,
              at,
              monitoring.metrics().isEmpty()
                  ? "the default metrics include `http`, but no policy sends HTTP through the proxy"
                  : "the `http` metric is on, but no policy sends HTTP through the proxy",
              "HTTP metrics only count proxied requests: add `observe http on PORTS` to a policy,"
                  + " or list the metrics without `http`"));
    }
    if (!httpMetric) {
      for (Statement.ObserveHttp h : observed) {
        diagnostics.add(
            Diagnostic.of(
                Code.CIL0806,
                h.span(),
                "`observe http` sends HTTP through the proxy, but the `http` metric is off",
                "add \"http\" to the metrics of the `monitoring` block"));
      }
    }
    for (Ast.CiliaFile file : files) {
      for (Ast.Decl decl : file.decls()) {
        if (decl instanceof Ast.PolicyDecl p) {
          for (Ast.Stmt stmt : p.body()) {
            if (stmt instanceof Ast.Select s && s.target() instanceof Ast.SelectPods pods) {
              unknownApp(pods.selector());
            } else if (stmt instanceof Ast.Select s
                && s.target() instanceof Ast.SelectNamespace ns
                && ns.pods().isPresent()) {
              unknownApp(ns.pods().get());
            }
          }
        }
      }
    }
  }

  private void unknownApp(Ast.Selector selector) {
    for (Ast.Term term : selector.terms()) {
      if (Monitoring.APP_LABELS.contains(term.key().text())
          && (term.op() == Ast.TermOp.EQUALS
              || term.op() == Ast.TermOp.IN
              || term.op() == Ast.TermOp.EXISTS)) {
        return;
      }
    }
    diagnostics.add(
        Diagnostic.of(
            Code.CIL0808,
            selector.span(),
            "the selected pods need not have an `app`, `app.kubernetes.io/name` or `k8s-app`"
                + " label; Hubble UI shows them as unknown app",
            "select by one of these labels as well; until then the alerts match these pods by"
                + " namespace only"));
  }
}
