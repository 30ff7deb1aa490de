package dev.cilia.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.cilia.cilium.Target;
import dev.cilia.diag.Diagnostic;
import dev.cilia.driver.Compilation;
import dev.cilia.source.SourceFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code ciliac lint} reads the monitoring kinds and checks them against their schemas. */
class MonitoringLintTest {
  static List<String> lint(String yaml) {
    return Linter.lint(List.of(SourceFile.of("in.yaml", yaml)), Target.NEWEST)
        .diagnostics()
        .stream()
        .map(d -> d.code().name() + " " + d.span().line() + ":" + d.span().column())
        .toList();
  }

  @Test
  void whatCompileWritesLintsClean() throws Exception {
    Compilation.Outcome outcome =
        Compilation.run(
            new Compilation.Options(
                List.of(Path.of("samples/monitoring.cilia")),
                false,
                Optional.empty(),
                Optional.empty()));
    assertFalse(outcome.hasErrors());
    List<SourceFile> files = new ArrayList<>();
    outcome.monitoring().forEach(g -> files.add(SourceFile.of(g.fileName(), g.yaml())));
    outcome.documents().forEach(d -> files.add(SourceFile.of(d.fileName(), d.yaml())));
    List<Diagnostic> diagnostics = Linter.lint(files, Target.V1_16).diagnostics();
    assertEquals(List.of(), diagnostics);
  }

  @Test
  void wrongFieldsOfEachKindAreSchemaErrorsAtTheField() {
    assertEquals(
        List.of("CIL0505 9:11", "CIL0505 10:15"),
        lint(
            """
            apiVersion: monitoring.coreos.com/v1
            kind: ServiceMonitor
            metadata: {name: x}
            spec:
              selector:
                matchLabels:
                  app: x
              endpoints:
              - port: 9962
                interval: 30 seconds
            """));
    assertEquals(
        List.of("CIL0505 7:13"),
        lint(
            """
            apiVersion: monitoring.coreos.com/v1
            kind: PrometheusRule
            metadata: {name: r}
            spec:
              groups:
              - name: g
                rules: [{alert: A, expr: up == 0, severity: critical}]
            """));
    assertEquals(
        List.of("CIL0505 3:14", "CIL0505 4:11"),
        lint(
            """
            hubble:
              metrics:
                enabled: "dns,drop,tcp"
                port: "9965"
            prometheus:
              enabled: true
            """));
    assertEquals(
        List.of("CIL0505 5:11", "CIL0505 5:11"),
        lint(
            """
            apiVersion: v1
            kind: Service
            metadata: {name: s}
            spec:
              ports: [{containerPort: 9962}]
            """));
  }

  @Test
  void otherKindsAreStillSkipped() {
    assertEquals(
        List.of("CIL0504 2:7"),
        lint("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}\n"));
  }
}
