package dev.cilia.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cilia.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ciliac explain} and {@code ciliac test} on existing CNP/CCNP YAML. */
class ExplainYamlTest {
  static final String SEED = "samples/yaml/l7-visibility.yaml";

  @TempDir Path dir;

  @Test
  void theSeedDropsOracleAndNamesTheYamlLine() {
    Cli.Run run =
        Cli.run(
            "explain",
            "--from",
            "default/app=web",
            "--to",
            "ip 10.20.30.5",
            "--port",
            "tcp/1521",
            SEED);
    assertEquals(0, run.exitCode(), run::toString);
    assertEquals(
        """
        DENIED: tcp/1521 from default/app=web to ip 10.20.30.5 (Cilium 1.18)
          egress is enforced and no allow matches tcp/1521 to ip 10.20.30.5
          rule: default/l7-visibility egress
          from: samples/yaml/l7-visibility.yaml:10:3  egress:

        source default/app=web
          selected by default/l7-visibility  samples/yaml/l7-visibility.yaml:1:1
          egress: DENIED: egress is enforced and no allow matches tcp/1521 to ip 10.20.30.5
            rule: default/l7-visibility egress
            from: samples/yaml/l7-visibility.yaml:10:3  egress:

        destination ip 10.20.30.5
          not a pod: no policy selects it, and it has no ingress to evaluate
        """,
        run.out());
  }

  @Test
  void anAllowedFlowNamesThePortRuleLine() {
    Cli.Run run =
        Cli.run(
            "explain",
            "--from",
            "default/app=web",
            "--to",
            "default/app=api",
            "--port",
            "tcp/8080",
            SEED);
    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(run.out().startsWith("ALLOWED_VISIBLE: tcp/8080"), run::out);
    assertTrue(run.out().contains("rule: default/l7-visibility egress[1].toPorts[0]"), run::out);
    assertTrue(run.out().contains("from: samples/yaml/l7-visibility.yaml:22:7"), run::out);
  }

  static final String CCNP =
      """
      apiVersion: v1
      kind: List
      items:
      - apiVersion: cilium.io/v2
        kind: CiliumClusterwideNetworkPolicy
        metadata:
          name: prod-db
        spec:
          endpointSelector:
            matchLabels:
              app: db
          ingress:
          - fromEndpoints:
            - matchLabels:
                io.cilium.k8s.namespace.labels.env: prod
                io.cilium.k8s.policy.serviceaccount: cart
            toPorts:
            - ports:
              - port: "5432"
                protocol: TCP
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: ignored
      """;

  @Test
  void namespaceLabelsAndServiceAccountsCountForPods() throws IOException {
    Path file = dir.resolve("db.yaml");
    Files.writeString(file, CCNP);
    String[] base = {
      "explain", "--from", "shop/app=cart", "--to", "data/app=db", "--port", "tcp/5432"
    };
    Cli.Run plain = Cli.run(concat(base, file.toString()));
    assertEquals(0, plain.exitCode(), plain::toString);
    assertTrue(plain.out().startsWith("DENIED:"), plain::out);
    Cli.Run labelled =
        Cli.run(
            concat(
                base,
                "--from-namespace-labels",
                "env=prod",
                "--from-service-account",
                "cart",
                file.toString()));
    assertEquals(0, labelled.exitCode(), labelled::toString);
    assertTrue(labelled.out().startsWith("ALLOWED:"), labelled::out);
    assertTrue(labelled.out().contains("prod-db ingress[0].toPorts[0]"), labelled::out);
    assertTrue(labelled.out().contains("db.yaml:18:"), labelled::out);
  }

  @Test
  void aFolderOfYamlIsRead() throws IOException {
    Files.writeString(dir.resolve("db.yaml"), CCNP);
    Files.writeString(dir.resolve("notes.txt"), "not read");
    Cli.Run run =
        Cli.run(
            "explain",
            "--from",
            "shop/app=cart",
            "--to",
            "data/app=db",
            "--port",
            "tcp/5432",
            "--from-namespace-labels",
            "env=prod",
            "--from-service-account",
            "cart",
            dir.toString());
    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(run.out().startsWith("ALLOWED:"), run::out);
  }

  @Test
  void podDetailsForAnEndThatIsNoPodAreAUsageError() {
    Cli.Run run =
        Cli.run(
            "explain",
            "--from",
            "world",
            "--to",
            "default/app=web",
            "--port",
            "tcp/80",
            "--from-namespace-labels",
            "env=prod",
            SEED);
    assertEquals(2, run.exitCode(), run::toString);
    assertTrue(run.err().contains("--from-namespace-labels"), run::err);
  }

  @Test
  void anUnreadablePolicyIsCil0701() throws IOException {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(
        file,
        """
        apiVersion: cilium.io/v2
        kind: CiliumNetworkPolicy
        metadata:
          name: bad
        spec:
          egress: "not a list"
        """);
    Cli.Run run =
        Cli.run(
            "explain",
            "--from",
            "default/app=web",
            "--to",
            "world",
            "--port",
            "tcp/80",
            file.toString());
    assertEquals(1, run.exitCode(), run::toString);
    assertTrue(run.err().contains("error[CIL0701]"), run::err);
    assertEquals("", run.out());
  }

  @Test
  void aPolicyTheAgentIgnoresIsLeftOutWithCil0702() throws IOException {
    Path file = dir.resolve("ignored.yaml");
    Files.writeString(
        file,
        """
        apiVersion: cilium.io/v2
        kind: CiliumNetworkPolicy
        metadata:
          name: ignored
        spec:
          endpointSelector: {}
          egress:
          - toEndpoints: [{}]
            toEntities: [world]
        """);
    Cli.Run run =
        Cli.run(
            "explain",
            "--from",
            "default/app=web",
            "--to",
            "world",
            "--port",
            "tcp/80",
            file.toString());
    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(run.err().contains("warning[CIL0702]"), run::err);
    assertTrue(run.out().contains("selected by no policy"), run::out);
  }

  @Test
  void testBlocksRunAgainstYamlPolicies() throws IOException {
    Path tests = dir.resolve("seed.cilia");
    Files.writeString(
        tests,
        """
        test "the seed" for pods app=web in namespace default {
          expect deny tcp 1521 to ip 10.20.30.5
          expect visible tcp 8080 to pods app=api in namespace default
          expect allow tcp 1521 to ip 10.20.30.5
        }
        """);
    Cli.Run run = Cli.run("test", tests.toString(), SEED);
    assertEquals(1, run.exitCode(), run::toString);
    assertTrue(run.out().contains("2 passed, 1 failed"), run::out);
    assertTrue(run.out().contains("samples/yaml/l7-visibility.yaml:10:3"), run::out);
  }

  @Test
  void testWithoutCiliaFilesIsAUsageError() {
    Cli.Run run = Cli.run("test", SEED);
    assertEquals(2, run.exitCode(), run::toString);
    assertTrue(run.err().contains("no .cilia files"), run::err);
  }

  @Test
  void l7protoRedirectsFrom118AndHostReachesLocalPods() throws IOException {
    Path file = dir.resolve("redis.yaml");
    Files.writeString(
        file,
        """
        apiVersion: cilium.io/v2
        kind: CiliumNetworkPolicy
        metadata: {name: redis, namespace: default}
        spec:
          endpointSelector: {matchLabels: {app: web}}
          egress:
          - toEntities: [world]
            toPorts:
            - ports: [{port: "6379", protocol: TCP}]
              rules: {l7proto: redis}
          ingress:
          - fromEntities: [world]
        """);
    String[] flow = {"--from", "default/app=web", "--to", "ip 192.0.2.1", "--port", "tcp/6379"};
    Cli.Run old =
        Cli.run(
            concat(concat(new String[] {"explain", "--cilium", "1.16"}, flow), file.toString()));
    assertTrue(old.out().startsWith("ALLOWED: "), old::out);
    Cli.Run now =
        Cli.run(
            concat(concat(new String[] {"explain", "--cilium", "1.18"}, flow), file.toString()));
    assertTrue(now.out().startsWith("ALLOWED_VISIBLE: "), now::out);
    Cli.Run host =
        Cli.run(
            "explain",
            "--from",
            "host",
            "--to",
            "default/app=web",
            "--port",
            "tcp/8080",
            file.toString());
    assertTrue(host.out().startsWith("ALLOWED: "), host::out);
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = new String[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
