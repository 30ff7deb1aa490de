package dev.cilia.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cilia.diag.Diagnostics;
import dev.cilia.driver.Compilation;
import dev.cilia.testing.MonitoringReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The emitted alerts under a real Prometheus: {@code promtool check rules} accepts them, and {@code
 * promtool test rules} shows each alert firing for a series that matches it and staying silent for
 * flat counters and for drops of traffic no policy declares.
 */
class PromtoolTest {
  static final YAMLMapper YAML = new YAMLMapper();

  @TempDir Path dir;

  record Run(int exitCode, String output) {}

  Run promtool(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(MonitoringReference.promtool());
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Run(process.waitFor(), output);
  }

  /** The rules file Prometheus reads: the PrometheusRule's {@code spec}. */
  Path rulesFile(Compilation.Outcome outcome) throws IOException {
    Compilation.Generated rule =
        outcome.monitoring().stream()
            .filter(g -> g.kind().equals("PrometheusRule"))
            .findFirst()
            .orElseThrow();
    Path file = dir.resolve("rules.yaml");
    Files.writeString(file, YAML.writeValueAsString(YAML.readTree(rule.yaml()).path("spec")));
    return file;
  }

  static Compilation.Outcome compile(Path file) throws Exception {
    Compilation.Outcome outcome =
        Compilation.run(
            new Compilation.Options(List.of(file), false, Optional.empty(), Optional.empty()));
    assertFalse(outcome.hasErrors(), () -> outcome.diagnostics().toString());
    return outcome;
  }

  // ---------------------------------------------------------------- series from matchers

  /** A value the regex matches: first alternatives, a digit for {@code [0-9]{1,3}}. */
  static String example(String regex) {
    String text = regex.replace("[0-9]{1,3}", "7");
    text = text.replaceAll("\\(([^|()]*)(\\|[^()]*)?\\)", "$1");
    if (!text.contains("(") && text.contains("|")) {
      text = text.substring(0, text.indexOf('|'));
    }
    return text.replace("\\.", ".");
  }

  static boolean matches(Alerts.Matcher m, Map<String, String> labels) {
    String value = labels.getOrDefault(m.label(), "");
    return switch (m.op()) {
      case "=" -> value.equals(m.value());
      case "!=" -> !value.equals(m.value());
      case "=~" -> Pattern.matches(m.value(), value);
      case "!~" -> !Pattern.matches(m.value(), value);
      default -> throw new AssertionError(m);
    };
  }

  static boolean matches(Alerts.Alert alert, String metric, Map<String, String> labels) {
    return alert.metric().equals(metric)
        && alert.matchers().stream().allMatch(m -> matches(m, labels));
  }

  /** A series of the alert's metric that its matchers select. */
  static Map<String, String> firing(Alerts.Alert alert) {
    Map<String, String> labels = new LinkedHashMap<>();
    for (Alerts.Matcher m : alert.matchers()) {
      switch (m.op()) {
        case "=" -> labels.put(m.label(), m.value());
        case "=~" -> labels.put(m.label(), example(m.value()));
        default -> {}
      }
    }
    if (alert.metric().equals("hubble_lost_events_total")) {
      labels.put("source", "perf_event_ring_buffer");
    }
    assertTrue(matches(alert, alert.metric(), labels), () -> alert + " vs " + labels);
    return labels;
  }

  /** The same series with one label changed so that the alert no longer selects it. */
  static Optional<Map<String, String>> undeclared(Alerts.Alert alert) {
    Map<String, String> labels = new LinkedHashMap<>(firing(alert));
    for (String label :
        List.of(
            "destination_ip", "destination_app", "source_ip", "source_app", "reason", "action")) {
      if (labels.containsKey(label)) {
        labels.put(
            label,
            switch (label) {
              case "destination_ip", "source_ip" -> "192.0.2.77";
              case "reason" -> "TTL_EXCEEDED";
              case "action" -> "forwarded";
              default -> "other-app";
            });
        return Optional.of(labels);
      }
    }
    return Optional.empty();
  }

  static String series(String metric, Map<String, String> labels) {
    List<String> parts = new ArrayList<>();
    labels.forEach((k, v) -> parts.add(k + "=" + Alerts.quote(v)));
    return metric + "{" + String.join(",", parts) + "}";
  }

  /** The alerts promtool must report for these increasing series, by alert name. */
  static Map<String, List<Object>> expected(
      List<Alerts.Alert> alerts, JsonNode rules, Map<String, Map<String, String>> increasing) {
    List<JsonNode> ruleNodes = new ArrayList<>();
    rules.path("groups").forEach(g -> g.path("rules").forEach(ruleNodes::add));
    assertEquals(alerts.size(), ruleNodes.size());
    Map<String, List<Object>> byName = new LinkedHashMap<>();
    for (int i = 0; i < alerts.size(); i++) {
      Alerts.Alert alert = alerts.get(i);
      JsonNode node = ruleNodes.get(i);
      assertEquals(alert.name(), node.path("alert").asString());
      List<Object> firing = byName.computeIfAbsent(alert.name(), n -> new ArrayList<>());
      for (Map.Entry<String, Map<String, String>> s : increasing.entrySet()) {
        if (!matches(alert, s.getKey().split("\\{")[0], s.getValue())) {
          continue;
        }
        Map<String, Object> labels = new LinkedHashMap<>();
        node.path("labels")
            .properties()
            .forEach(e -> labels.put(e.getKey(), e.getValue().asString()));
        for (String label : Alerts.sortedLabels(alert.contextLabels())) {
          labels.put(label, s.getValue().get(label));
        }
        Map<String, Object> annotations = new LinkedHashMap<>();
        node.path("annotations")
            .properties()
            .forEach(e -> annotations.put(e.getKey(), e.getValue().asString()));
        firing.add(Map.of("exp_labels", labels, "exp_annotations", annotations));
      }
    }
    return byName;
  }

  /**
   * One promtool test per alert (its series rises: it fires, and every other alert that selects the
   * series), one with every series flat, and one with every alert's series changed to traffic no
   * policy declares: all silent.
   */
  String unitTests(List<Alerts.Alert> alerts, JsonNode rules) {
    List<Object> tests = new ArrayList<>();
    Map<String, Map<String, String>> all = new LinkedHashMap<>();
    for (Alerts.Alert alert : alerts) {
      all.put(series(alert.metric(), firing(alert)), firing(alert));
    }
    for (Alerts.Alert alert : alerts) {
      String s = series(alert.metric(), firing(alert));
      Map<String, Map<String, String>> rising = Map.of(s, firing(alert));
      List<Object> input = new ArrayList<>();
      all.keySet()
          .forEach(
              other ->
                  input.add(
                      Map.of("series", other, "values", other.equals(s) ? "0+10x30" : "5x30")));
      tests.add(test(input, expected(alerts, rules, rising)));
    }
    List<Object> flat = new ArrayList<>();
    all.keySet().forEach(s -> flat.add(Map.of("series", s, "values", "100x30")));
    tests.add(test(flat, expected(alerts, rules, Map.of())));
    List<Object> undeclared = new ArrayList<>();
    Map<String, Map<String, String>> rising = new LinkedHashMap<>();
    for (Alerts.Alert alert : alerts) {
      undeclared(alert)
          .ifPresent(
              labels -> {
                String s = series(alert.metric(), labels);
                rising.put(s, labels);
                undeclared.add(Map.of("series", s, "values", "0+10x30"));
              });
    }
    Map<String, List<Object>> silent = expected(alerts, rules, rising);
    silent.values().forEach(v -> assertEquals(List.of(), v, "an undeclared series is selected"));
    tests.add(test(undeclared, silent));
    Map<String, Object> file = new LinkedHashMap<>();
    file.put("rule_files", List.of("rules.yaml"));
    file.put("evaluation_interval", "1m");
    file.put("tests", tests);
    return YAML.writeValueAsString(file);
  }

  static Map<String, Object> test(List<Object> input, Map<String, List<Object>> expected) {
    List<Object> checks = new ArrayList<>();
    expected.forEach(
        (name, alerts) ->
            checks.add(Map.of("eval_time", "20m", "alertname", name, "exp_alerts", alerts)));
    Map<String, Object> test = new LinkedHashMap<>();
    test.put("interval", "1m");
    test.put("input_series", input);
    test.put("alert_rule_test", checks);
    return test;
  }

  void checkAndTest(Path source) throws Exception {
    Compilation.Outcome outcome = compile(source);
    Path rules = rulesFile(outcome);
    Run check = promtool("check", "rules", rules.getFileName().toString());
    assertEquals(0, check.exitCode(), check.output());
    List<Alerts.Alert> alerts =
        Alerts.derive(
            outcome.program(), outcome.program().monitoring().orElseThrow(), new Diagnostics());
    assertFalse(alerts.isEmpty());
    Files.writeString(
        dir.resolve("tests.yaml"), unitTests(alerts, YAML.readTree(Files.readString(rules))));
    Run test = promtool("test", "rules", "tests.yaml");
    assertEquals(
        0, test.exitCode(), test.output() + "\n" + Files.readString(dir.resolve("tests.yaml")));
  }

  @Test
  void everyAlertOfTheSampleFiresForItsSeriesAndOnlyThen() throws Exception {
    checkAndTest(Path.of("samples/monitoring.cilia"));
  }

  @Test
  void everyAlertOfAVariedProgramFiresForItsSeriesAndOnlyThen() throws Exception {
    Path file = dir.resolve("varied.cilia");
    Files.writeString(file, MonitoringOutputTest.VARIED);
    checkAndTest(file);
  }

  /** The done-when case, written out: a drop of checkout → Oracle fires, nothing else does. */
  @Test
  void aDropOfCheckoutToOracleFires() throws Exception {
    Compilation.Outcome outcome = compile(Path.of("samples/monitoring.cilia"));
    rulesFile(outcome);
    String common =
        "reason=\"POLICY_DENIED\",protocol=\"TCP\",source_namespace=\"shop\","
            + "source_app=\"checkout\",";
    String tests =
        """
        rule_files: [rules.yaml]
        evaluation_interval: 1m
        tests:
        - interval: 1m
          input_series:
          - series: 'hubble_drop_total{%1$sdestination_ip="10.20.30.5"}'
            values: '0 0 0 0 0 3 6 9 12 15 18 21 24 27 30 33 36 39 42 45 48'
          - series: 'hubble_drop_total{%1$sdestination_ip="10.20.30.6"}'
            values: '0+10x20'
          alert_rule_test:
          - eval_time: 4m
            alertname: CiliaDeclaredTrafficDropped
            exp_alerts: []
          - eval_time: 15m
            alertname: CiliaDeclaredTrafficDropped
            exp_alerts:
            - exp_labels:
                severity: critical
                cilia_policy: shop/checkout-egress
                source_namespace: shop
                source_app: checkout
                destination_ip: 10.20.30.5
              exp_annotations:
                summary: Declared traffic of shop/checkout-egress is dropped
                description: "Hubble counts policy drops (egress) of traffic that shop/checkout-egress declares with `allow oracle to ip 10.20.30.5` (samples/monitoring.cilia:18)."
                cilia_policy: shop/checkout-egress
                cilia_source: samples/monitoring.cilia:18
        - interval: 1m
          input_series:
          - series: 'hubble_drop_total{%1$sdestination_ip="10.20.30.5"}'
            values: '7x20'
          - series: 'hubble_drop_total{reason="POLICY_DENIED",protocol="TCP",source_namespace="shop",source_app="web",destination_ip="10.20.30.5"}'
            values: '0+10x20'
          alert_rule_test:
          - eval_time: 15m
            alertname: CiliaDeclaredTrafficDropped
            exp_alerts: []
        """
            .formatted(common);
    Files.writeString(dir.resolve("tests.yaml"), tests);
    Run test = promtool("test", "rules", "tests.yaml");
    assertEquals(0, test.exitCode(), test.output());
    assertTrue(test.output().contains("SUCCESS"), test.output());
  }
}
