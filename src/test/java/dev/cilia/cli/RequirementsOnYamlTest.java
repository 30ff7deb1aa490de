package dev.cilia.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cilia.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the evaluator decides since CILIUM-POLICY.md §3.12b — {@code toRequires}/{@code
 * fromRequires}, the API server's {@code remote-node} label, an explicit deny of {@code host} —
 * reaches {@code explain} and {@code test} on YAML, the {@code import} self-check and {@code diff}.
 */
class RequirementsOnYamlTest {
  /** Payments' ingress admits only pods labelled team=payments, whatever else it allows. */
  static final String REQUIRES =
      """
      apiVersion: cilium.io/v2
      kind: CiliumNetworkPolicy
      metadata: {name: api, namespace: payments}
      spec:
        endpointSelector: {matchLabels: {app: api}}
        ingress:
        - fromRequires: [{matchLabels: {team: payments}}]
        - fromEndpoints: [{}]
          toPorts:
          - ports: [{port: "8080", protocol: TCP}]
      """;

  @TempDir Path dir;

  Path file(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  Cli.Run explain(String from, String to, String port, Path yaml) {
    return Cli.run("explain", "--from", from, "--to", to, "--port", port, yaml.toString());
  }

  @Test
  void explainAppliesTheRequirementToThePeerSelectors() throws IOException {
    Path yaml = file("api.yaml", REQUIRES);
    Cli.Run denied = explain("payments/app=web,team=shop", "payments/app=api", "tcp/8080", yaml);
    assertEquals(0, denied.exitCode(), denied::toString);
    assertTrue(denied.out().startsWith("DENIED: tcp/8080"), denied::out);
    assertTrue(
        denied
            .out()
            .contains("peer selectors also require payments/api ingress[0].fromRequires[0]"),
        denied::out);
    assertTrue(denied.out().contains("api.yaml:"), denied::out);
    Cli.Run allowed =
        explain("payments/app=web,team=payments", "payments/app=api", "tcp/8080", yaml);
    assertTrue(allowed.out().startsWith("ALLOWED: tcp/8080"), allowed::out);
    assertFalse(allowed.out().contains("UNKNOWN"), allowed::out);
  }

  @Test
  void testOnYamlDecidesTheRequirement() throws IOException {
    Path yaml = file("api.yaml", REQUIRES);
    Path tests =
        file(
            "tests.cilia",
            """
            test "only payments reaches the api" for pods app=api in namespace payments {
              expect allow tcp 8080 from pods app=web, team=payments in namespace payments
              expect deny tcp 8080 from pods app=web, team=shop in namespace payments
            }
            """);
    Cli.Run run = Cli.run("test", tests.toString(), yaml.toString());
    assertEquals(0, run.exitCode(), run::toString);
    assertEquals("2 passed, 0 failed", run.out().strip(), run::out);
  }

  @Test
  void importSaysItCannotExpressTheRequirementAndTheSelfCheckShowsTheDifference()
      throws IOException {
    Path yaml = file("api.yaml", REQUIRES);
    Cli.Run run = Cli.run("import", "--cilium", "1.16", yaml.toString());
    assertEquals(1, run.exitCode(), run::toString);
    assertTrue(run.out().contains("# TODO(import)"), run::out);
    assertTrue(run.err().contains("warning[CIL0703]"), run::err);
    // The requirement is decided now, so leaving it out is a visible difference, not unknown.
    assertTrue(run.err().contains("DIFFERS payments/api"), run::err);
    assertTrue(run.err().contains("YAML denied, Cilia allowed"), run::err);
  }

  @Test
  void diffReportsWhatDroppingTheRequirementOpens() throws IOException {
    Path old = file("old.yaml", REQUIRES);
    Path next =
        file(
            "new.yaml",
            REQUIRES.replace("  - fromRequires: [{matchLabels: {team: payments}}]\n", ""));
    Cli.Run run = Cli.run("diff", "--cilium", "1.16", old.toString(), next.toString());
    assertEquals(1, run.exitCode(), run::toString);
    assertTrue(run.out().contains("denied → allowed"), run::out);
    assertTrue(run.out().contains("old.yaml:"), run::out);
  }

  @Test
  void theApiServerIsRemoteNodeHostOrWorld() throws IOException {
    Path yaml =
        file(
            "egress.yaml",
            """
            apiVersion: cilium.io/v2
            kind: CiliumNetworkPolicy
            metadata: {name: operator, namespace: ops}
            spec:
              endpointSelector: {matchLabels: {app: operator}}
              egress:
              - toEntities: [remote-node, host, world]
                toPorts:
                - ports: [{port: "443", protocol: TCP}]
            """);
    Cli.Run all = explain("ops/app=operator", "kube-apiserver", "tcp/443", yaml);
    assertTrue(all.out().startsWith("ALLOWED: tcp/443"), all::out);
    Path nodes =
        file(
            "nodes.yaml",
            Files.readString(yaml).replace("[remote-node, host, world]", "[remote-node]"));
    Cli.Run some = explain("ops/app=operator", "kube-apiserver", "tcp/443", nodes);
    assertTrue(some.out().startsWith("UNKNOWN: tcp/443"), some::out);
    assertTrue(some.out().contains("with remote-node ALLOWED, with host DENIED"), some::out);
  }

  @Test
  void anExplicitDenyOfHostWinsOverAllowLocalhost() throws IOException {
    Path yaml =
        file(
            "ingress.yaml",
            """
            apiVersion: cilium.io/v2
            kind: CiliumNetworkPolicy
            metadata: {name: api, namespace: shop}
            spec:
              endpointSelector: {matchLabels: {app: api}}
              ingress:
              - fromEndpoints: [{}]
              ingressDeny:
              - fromEntities: [host]
                toPorts:
                - ports: [{port: "8080", protocol: TCP}]
            """);
    Cli.Run denied = explain("host", "shop/app=api", "tcp/8080", yaml);
    assertTrue(denied.out().startsWith("DENIED_BY_RULE: tcp/8080"), denied::out);
    assertTrue(denied.out().contains("ingress.yaml:"), denied::out);
    Cli.Run probe = explain("host", "shop/app=api", "tcp/10250", yaml);
    assertTrue(probe.out().startsWith("ALLOWED: tcp/10250"), probe::out);
  }
}
