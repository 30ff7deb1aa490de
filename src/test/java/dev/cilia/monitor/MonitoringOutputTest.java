package dev.cilia.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cilia.cilium.Target;
import dev.cilia.diag.Diagnostic;
import dev.cilia.driver.Compilation;
import dev.cilia.testing.Cli;
import dev.cilia.testing.Golden;
import dev.cilia.testing.MonitoringReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** What a {@code monitoring} block compiles to, byte for byte and under the upstream schemas. */
class MonitoringOutputTest {
  static final Path SAMPLE = Path.of("samples/monitoring.cilia");
  static final Path GOLDEN = Path.of("src/test/resources/golden/monitoring");
  static final YAMLMapper YAML = new YAMLMapper();

  /** Mixed peers and directions, so that every kind of matcher is emitted. */
  static final String VARIED =
      """
      cilium 1.18

      policy shop-egress in namespace shop {
        select app.kubernetes.io/name=shop
        enforce
        allow tcp 5432 to pods app=db in namespace finance
        allow https to cidr 10.8.0.0/13 except 10.9.0.0/16
        allow tcp 443 to fqdn "api.example.com"
        allow tcp 8080 from namespace frontend
        observe http on 8080 from namespace frontend
      }

      monitoring {
        namespace cilium
        interval 15s
        for 5m
        label release=prom, team=platform
      }
      """;

  @TempDir Path dir;

  static Compilation.Outcome compile(Path file, Optional<Target> target) throws Exception {
    return Compilation.run(new Compilation.Options(List.of(file), false, Optional.empty(), target));
  }

  Compilation.Outcome compile(String text) throws Exception {
    Path file = dir.resolve("input.cilia");
    Files.writeString(file, text);
    return compile(file, Optional.empty());
  }

  static String stream(Compilation.Outcome outcome) {
    StringBuilder out = new StringBuilder();
    for (Compilation.Generated g : outcome.monitoring()) {
      out.append("# ").append(g.fileName()).append('\n').append(g.yaml());
    }
    return out.toString();
  }

  static JsonNode document(Compilation.Outcome outcome, String kind) {
    for (Compilation.Generated g : outcome.monitoring()) {
      if (g.kind().equals(kind)) {
        return YAML.readTree(g.yaml());
      }
    }
    throw new AssertionError("no " + kind + " in " + outcome.monitoring());
  }

  @TestFactory
  List<DynamicTest> sampleMatchesItsGolden() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Target target : List.of(Target.V1_16, Target.V1_18)) {
      tests.add(
          DynamicTest.dynamicTest(
              "monitoring @ " + target,
              () -> {
                Compilation.Outcome outcome = compile(SAMPLE, Optional.of(target));
                assertFalse(outcome.hasErrors(), () -> outcome.diagnostics().toString());
                assertEquals(4, outcome.monitoring().size());
                Golden.assertMatches(
                    GOLDEN.resolve("monitoring." + target + ".yaml"), stream(outcome));
                assertEquals(stream(outcome), stream(compile(SAMPLE, Optional.of(target))));
              }));
    }
    return tests;
  }

  @Test
  void theSampleGivesTheTutorialsSetup() throws Exception {
    Compilation.Outcome outcome = compile(SAMPLE, Optional.empty());
    JsonNode values = document(outcome, "HelmValues");
    JsonNode metrics = values.path("hubble").path("metrics");
    List<String> enabled = new ArrayList<>();
    metrics.path("enabled").forEach(n -> enabled.add(n.asString()));
    assertEquals(
        List.of(
            "dns:query;ignoreAAAA",
            "drop:labelsContext=source_namespace,source_app,destination_ip",
            "tcp",
            "flow",
            "icmp",
            "http",
            "policy:labelsContext=source_namespace"),
        enabled);
    assertTrue(metrics.path("enableOpenMetrics").asBoolean());
    assertEquals(9965, metrics.path("port").asInt());
    assertEquals("30s", metrics.path("serviceMonitor").path("interval").asString());
    assertTrue(metrics.path("serviceMonitor").path("enabled").asBoolean());
    assertEquals(9962, values.path("prometheus").path("port").asInt());

    // The Service names the port the agent pod leaves unnamed; the ServiceMonitor selects the
    // Service by its labels and scrapes that port name.
    JsonNode service = document(outcome, "Service");
    JsonNode monitor = document(outcome, "ServiceMonitor");
    assertEquals("kube-system", service.path("metadata").path("namespace").asString());
    assertEquals("cilium", service.path("spec").path("selector").path("k8s-app").asString());
    JsonNode port = service.path("spec").path("ports").get(0);
    assertEquals(9962, port.path("targetPort").asInt());
    assertEquals(
        port.path("name").asString(),
        monitor.path("spec").path("endpoints").get(0).path("port").asString());
    monitor
        .path("spec")
        .path("selector")
        .path("matchLabels")
        .properties()
        .forEach(
            e ->
                assertEquals(
                    e.getValue().asString(),
                    service.path("metadata").path("labels").path(e.getKey()).asString()));
    assertEquals(
        "kube-prometheus-stack",
        monitor.path("metadata").path("labels").path("release").asString());
  }

  @Test
  void defaultsAreTheTutorialsMetricsWhenNoAlertNeedsMore() throws Exception {
    Compilation.Outcome outcome =
        compile(
            Files.readString(Path.of("samples/l7-visibility.cilia"))
                + "monitoring {\n  alerts lost\n}\n");
    assertFalse(outcome.hasErrors(), () -> outcome.diagnostics().toString());
    List<String> enabled = new ArrayList<>();
    document(outcome, "HelmValues")
        .path("hubble")
        .path("metrics")
        .path("enabled")
        .forEach(n -> enabled.add(n.asString()));
    assertEquals(MonitoringOutput.DEFAULT_METRICS, enabled);
  }

  @Test
  void defaultsGrowTheLabelsTheAlertsUse() throws Exception {
    Compilation.Outcome outcome = compile(VARIED);
    assertFalse(outcome.hasErrors(), () -> outcome.diagnostics().toString());
    List<String> enabled = new ArrayList<>();
    document(outcome, "HelmValues")
        .path("hubble")
        .path("metrics")
        .path("enabled")
        .forEach(n -> enabled.add(n.asString()));
    assertEquals(
        List.of(
            "dns:query;ignoreAAAA",
            "drop:labelsContext=source_namespace,source_app,destination_ip,"
                + "destination_namespace,destination_app",
            "tcp",
            "flow",
            "icmp",
            "http",
            "policy:labelsContext=destination_namespace,destination_app"),
        enabled);
    String rules = outcome.monitoring().get(3).yaml();
    assertTrue(rules.contains("(8|9|10|11|12|13|14|15)"), rules);
    assertTrue(rules.contains("destination_ip!~"), rules);
    assertTrue(rules.contains("for: 5m"), rules);
    List<String> notes =
        outcome.diagnostics().stream()
            .filter(d -> d.code().name().equals("CIL0809"))
            .map(Diagnostic::message)
            .toList();
    assertEquals(1, notes.size(), notes::toString);
    assertTrue(notes.get(0).contains("fqdn \"api.example.com\""), notes::toString);
  }

  @Test
  void anAlertWithoutContextLabelsAddsTheBareMetric() throws Exception {
    Compilation.Outcome outcome =
        compile("clusterwide policy dns {\n  observe dns \"*\"\n}\nmonitoring {\n}\n");
    List<String> enabled = new ArrayList<>();
    document(outcome, "HelmValues")
        .path("hubble")
        .path("metrics")
        .path("enabled")
        .forEach(n -> enabled.add(n.asString()));
    assertEquals("policy", enabled.get(enabled.size() - 1));
  }

  @TestFactory
  List<DynamicTest> documentsPassTheUpstreamSchemas() throws Exception {
    List<DynamicTest> tests = new ArrayList<>();
    List<Compilation.Outcome> outcomes = new ArrayList<>();
    for (Target target : List.of(Target.V1_16, Target.V1_18)) {
      outcomes.add(compile(SAMPLE, Optional.of(target)));
    }
    outcomes.add(compile(VARIED));
    int n = 0;
    for (Compilation.Outcome outcome : outcomes) {
      String label = "program " + n++;
      assertFalse(outcome.hasErrors(), () -> outcome.diagnostics().toString());
      for (String version : MonitoringReference.OPERATOR_VERSIONS) {
        for (String kind : List.of("ServiceMonitor", "PrometheusRule")) {
          tests.add(
              DynamicTest.dynamicTest(
                  label + ": " + kind + " under operator " + version,
                  () -> {
                    JsonNode doc = document(outcome, kind);
                    assertEquals(kind, doc.path("kind").asString());
                    assertEquals("monitoring.coreos.com/v1", doc.path("apiVersion").asString());
                    assertEquals(
                        List.of(),
                        MonitoringReference.validate(
                            "prometheus-operator-crds",
                            version,
                            kind.toLowerCase() + "_v1.json",
                            doc));
                  }));
        }
      }
      for (String version : MonitoringReference.KUBERNETES_VERSIONS) {
        tests.add(
            DynamicTest.dynamicTest(
                label + ": Service under Kubernetes " + version,
                () ->
                    assertEquals(
                        List.of(),
                        MonitoringReference.validate(
                            "kubernetes",
                            version,
                            "service-v1.json",
                            document(outcome, "Service")))));
      }
      for (String chart : List.of("1.16.0", "1.16.19", "1.18.2", "1.18.12")) {
        tests.add(
            DynamicTest.dynamicTest(
                label + ": Helm values under chart " + chart,
                () ->
                    assertEquals(
                        List.of(),
                        MonitoringReference.validate(
                            "cilium-helm",
                            chart,
                            "values.schema.json",
                            document(outcome, "HelmValues")))));
      }
    }
    return tests;
  }

  @Test
  void theServiceReadsAsFabric8sModel() throws Exception {
    Compilation.Outcome outcome = compile(SAMPLE, Optional.empty());
    io.fabric8.kubernetes.api.model.Service service =
        YAML.readValue(
            outcome.monitoring().get(1).yaml(), io.fabric8.kubernetes.api.model.Service.class);
    assertEquals("cilium-agent-metrics", service.getMetadata().getName());
    assertEquals(9962, service.getSpec().getPorts().get(0).getTargetPort().getIntVal());
    assertEquals("metrics", service.getSpec().getPorts().get(0).getName());
  }

  @Test
  void compileWritesTheKubernetesObjectsToStdoutAndEveryKindWithDashO() throws Exception {
    Cli.Run run = Cli.run("compile", SAMPLE.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("kind: ServiceMonitor"), run.out());
    assertTrue(run.out().contains("kind: PrometheusRule"), run.out());
    assertFalse(run.out().contains("hubble:"), run.out());
    assertTrue(run.err().contains("-o DIR"), run.err());
    Path out = dir.resolve("out");
    Cli.Run written = Cli.run("compile", SAMPLE.toString(), "-o", out.toString());
    assertEquals(0, written.exitCode(), written.err());
    for (String file :
        List.of(
            "shop.checkout-egress.yaml",
            "default.default-visibility.yaml",
            "monitoring_helm-values.yaml",
            "monitoring_service.yaml",
            "monitoring_servicemonitor.yaml",
            "monitoring_prometheusrule.yaml")) {
      assertTrue(Files.exists(out.resolve(file)), file);
    }
    assertTrue(written.err().contains("2 policies and 4 monitoring files"), written.err());
  }

  @Test
  void samplesWithoutMonitoringEmitNoMonitoringDocuments() throws Exception {
    assertEquals(
        List.of(), compile(Path.of("samples/l7-visibility.cilia"), Optional.empty()).monitoring());
  }
}
