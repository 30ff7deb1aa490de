package dev.cilia.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cilia.cilium.PolicyYaml;
import dev.cilia.cilium.model.CiliumPolicy;
import dev.cilia.diag.Code;
import dev.cilia.driver.Compilation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code enforce dns}: the names of the DNS item (docs/language.md, "Strict DNS"). */
class StrictDnsTest {
  @TempDir Path dir;

  List<String> dnsNames(String program, Optional<String> domain) throws Exception {
    Path file = dir.resolve("strict.cilia");
    Files.writeString(file, program);
    Compilation.Outcome outcome =
        Compilation.run(
            new Compilation.Options(List.of(file), false, Optional.empty(), Optional.empty())
                .withClusterDomain(domain));
    assertFalse(outcome.hasErrors(), () -> outcome.diagnostics().toString());
    assertTrue(
        outcome.diagnostics().stream().anyMatch(d -> d.code() == Code.CIL0317),
        () -> outcome.diagnostics().toString());
    CiliumPolicy policy = PolicyYaml.read(outcome.documents().get(0).yaml());
    return policy.spec().egress().get(0).toPorts().get(0).rules().dns().stream()
        .map(f -> f.matchName() != null ? f.matchName() : f.matchPattern())
        .toList();
  }

  @Test
  void anExternalNameGetsItsSearchFormsInOrder() throws Exception {
    List<String> names =
        dnsNames(
            """
            policy api in namespace shop {
              enforce egress
              enforce dns
              allow https to fqdn "api.example.com"
            }
            """,
            Optional.of("corp.internal"));
    assertEquals(
        List.of(
            "api.example.com.shop.svc.corp.internal",
            "api.example.com.svc.corp.internal",
            "api.example.com.corp.internal",
            "api.example.com"),
        names);
  }

  @Test
  void aLongNameIsQueriedAsItselfFirst() throws Exception {
    assertEquals(
        List.of("a.b.c.d.e.example.com"),
        dnsNames(
            """
            policy api in namespace shop {
              enforce egress
              enforce dns
              allow https to fqdn "a.b.c.d.e.example.com"
            }
            """,
            Optional.empty()));
  }

  @Test
  void aClusterwidePolicyWithoutANamespaceNeverListsEveryName() throws Exception {
    List<String> names =
        dnsNames(
            """
            clusterwide policy everyone {
              select app=worker
              enforce egress
              enforce dns
              allow to namespaces team=data
              allow to cluster
            }
            """,
            Optional.empty());
    assertFalse(names.contains("*"), names::toString);
    assertTrue(names.contains("*.*.svc.cluster.local"), names::toString);
    assertTrue(names.contains("kubernetes.default.svc.cluster.local"), names::toString);
    assertEquals(names.size(), names.stream().distinct().count(), names::toString);
  }

  @Test
  void aPatternCoversTheNamesItStandsFor() {
    assertTrue(StrictDns.covers("*.shop.svc.cluster.local", "redis.shop.svc.cluster.local"));
    assertTrue(StrictDns.covers("*.*.svc.cluster.local", "*.shop.svc.cluster.local"));
    assertFalse(StrictDns.covers("*.shop.svc.cluster.local", "*.*.svc.cluster.local"));
    assertFalse(StrictDns.covers("*.svc.cluster.local", "redis.shop.svc.cluster.local"));
  }
}
