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

/** {@code ciliac import}: Cilia for YAML, checked flow by flow. */
class ImportCommandTest {
  static final String SEED = "samples/yaml/l7-visibility.yaml";

  @TempDir Path dir;

  @Test
  void theSeedBecomesAnEnforcingProgramThatSaysWhatItCannotExpress() {
    Cli.Run run = Cli.run("import", SEED);
    assertEquals(1, run.exitCode(), run::toString);
    assertEquals(
        """
        # Imported from samples/yaml/l7-visibility.yaml by `ciliac import`.
        cilium 1.18

        # CiliumNetworkPolicy default/l7-visibility, from samples/yaml/l7-visibility.yaml:1:1
        policy l7-visibility in namespace default {
          # the YAML's egress rules make egress default-deny; without this line only the statements below are added (observe only)
          enforce egress
          # TODO(import): DNS rules for every destination: Cilia sends DNS to one resolver (kube-dns unless `resolver` says otherwise), so lookups to other servers are not allowed by the import (samples/yaml/l7-visibility.yaml:12:7)
          observe dns "*"  # egress[0].toPorts[0], line 12
          observe http on 80, 8080 to namespace default  # egress[1].toPorts[0], line 22
        }
        """,
        run.out());
    assertTrue(
        run.err().contains("samples/yaml/l7-visibility.yaml:12:7: warning[CIL0703]"), run::err);
    assertTrue(run.err().contains("DIFFERS default/l7-visibility"), run::err);
    assertTrue(run.err().contains("YAML visible, Cilia denied [1 TODO]"), run::err);
    assertTrue(run.err().contains("0 of 1 policies round-trip"), run::err);
  }

  static final String CLEAN =
      """
      apiVersion: cilium.io/v2
      kind: CiliumNetworkPolicy
      metadata:
        name: api
        namespace: shop
      spec:
        endpointSelector:
          matchLabels:
            app: api
        egress:
        - toEndpoints:
          - matchLabels:
              app: db
          toPorts:
          - ports:
            - port: "5432"
              protocol: TCP
        - toCIDRSet:
          - cidr: 10.20.30.0/24
            except: [10.20.30.99/32]
          toPorts:
          - ports:
            - port: "1521"
              protocol: TCP
        ingress:
        - fromEndpoints:
          - matchLabels:
              k8s:io.kubernetes.pod.namespace: frontend
          toPorts:
          - ports:
            - port: "8080"
              protocol: TCP
      ---
      apiVersion: cilium.io/v2
      kind: CiliumNetworkPolicy
      metadata:
        name: worker
        namespace: shop
      spec:
        endpointSelector:
          matchLabels:
            app: worker
        enableDefaultDeny:
          egress: false
        egress:
        - toEndpoints:
          - matchLabels:
              app: db
        egressDeny:
        - toEntities: [world]
          toPorts:
          - ports:
            - port: "25"
              protocol: TCP
      """;

  @Test
  void aPolicyCiliaCanExpressRoundTripsAndIsWrittenToTheFolder() throws IOException {
    Path yaml = dir.resolve("shop.yaml");
    Files.writeString(yaml, CLEAN);
    Path out = dir.resolve("out");
    Cli.Run run = Cli.run("import", "--cilium", "1.16", "-o", out.toString(), yaml.toString());
    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(run.out().contains("same shop/api"), run::out);
    assertTrue(run.out().contains("same shop/worker"), run::out);
    assertTrue(run.out().contains("2 of 2 policies round-trip with equal verdicts (Cilium 1.16)"));
    String text = Files.readString(out.resolve("shop.cilia"));
    assertTrue(text.contains("cilium 1.16\n"), text);
    assertTrue(text.contains("let db = pods app=db\n"), text);
    assertTrue(text.contains("  enforce\n"), text);
    assertTrue(text.contains("  allow postgres to db  # egress[0].toPorts[0], line 15"), text);
    assertTrue(text.contains("  allow oracle to cidr 10.20.30.0/24 except 10.20.30.99/32"), text);
    assertTrue(text.contains("  allow tcp 8080 from namespace frontend"), text);
    assertTrue(text.contains("  deny smtp to world"), text);
    assertFalse(text.contains("TODO"), text);
    // What import wrote compiles.
    Cli.Run check = Cli.run("check", out.resolve("shop.cilia").toString());
    assertEquals(0, check.exitCode(), check::toString);
  }

  @Test
  void whatCiliaCannotExpressIsATodoAndAWarningAtTheYamlLine() throws IOException {
    Path yaml = dir.resolve("kafka.yaml");
    Files.writeString(
        yaml,
        """
        apiVersion: cilium.io/v2
        kind: CiliumNetworkPolicy
        metadata:
          name: kafka
          namespace: shop
        spec:
          endpointSelector:
            matchLabels:
              app: kafka
          ingress:
          - fromEndpoints:
            - matchLabels:
                app: producer
            toPorts:
            - ports:
              - port: "9092"
                protocol: TCP
              rules:
                kafka:
                - topic: orders
        """);
    Cli.Run run = Cli.run("import", yaml.toString());
    assertEquals(1, run.exitCode(), run::toString);
    assertTrue(run.out().contains("# TODO(import): Kafka rules cannot be written"), run::out);
    assertTrue(run.err().contains("kafka.yaml:15:7: warning[CIL0703]"), run::err);
    assertTrue(run.err().contains("[1 TODO]"), run::err);
  }

  @Test
  void ciliaInputIsAUsageError() {
    Cli.Run run = Cli.run("import", "samples/payments.cilia");
    assertEquals(2, run.exitCode(), run::toString);
    assertTrue(run.err().contains("import reads CiliumNetworkPolicy YAML"), run::err);
  }

  @Test
  void yamlWithoutPoliciesIsAUsageError() throws IOException {
    Path yaml = dir.resolve("deploy.yaml");
    Files.writeString(yaml, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n");
    Cli.Run run = Cli.run("import", yaml.toString());
    assertEquals(2, run.exitCode(), run::toString);
    assertTrue(run.err().contains("no CiliumNetworkPolicy"), run::err);
  }
}
