package dev.cilia.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cilia.cilium.PolicyYaml;
import dev.cilia.cilium.Target;
import dev.cilia.eval.Endpoint;
import dev.cilia.eval.Evaluator;
import dev.cilia.eval.Verdict;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The search list and each client's behaviour on REFUSED (CILIUM-POLICY.md §3.9). */
class NameResolutionTest {
  /** A DNS rule that lists only the external name, as ciliac once emitted under enforce. */
  static final String NAME_ONLY =
      """
      apiVersion: cilium.io/v2
      kind: CiliumNetworkPolicy
      metadata: {name: api, namespace: shop}
      spec:
        endpointSelector: {matchLabels: {app: api}}
        egress:
        - toEndpoints:
          - matchLabels: {k8s:io.kubernetes.pod.namespace: kube-system, k8s:k8s-app: kube-dns}
          toPorts:
          - ports: [{port: "53", protocol: ANY}]
            rules: {dns: [{matchName: ftp.partner.example.com}]}
      """;

  static final String EVERY_NAME =
      NAME_ONLY.replace("matchName: ftp.partner.example.com", "matchPattern: \"*\"");

  static final Endpoint.Pod API = new Endpoint.Pod("shop", Map.of("app", "api"), Map.of());

  private static NameResolution.Result resolve(
      String yaml, String written, String answer, NameResolution.Client client) {
    Evaluator e = new Evaluator(Target.V1_16, List.of(PolicyYaml.read(yaml)));
    return NameResolution.resolve(
        e, API, written, answer, NameResolution.SearchList.DEFAULT, client);
  }

  @Test
  void searchFormsComeFirstBelowFiveDots() {
    assertEquals(
        List.of(
            "ftp.partner.example.com.shop.svc.cluster.local",
            "ftp.partner.example.com.svc.cluster.local",
            "ftp.partner.example.com.cluster.local",
            "ftp.partner.example.com"),
        NameResolution.queries(
            "ftp.partner.example.com", "shop", NameResolution.SearchList.DEFAULT));
    assertEquals(
        List.of(
            "a.b.c.d.e.f",
            "a.b.c.d.e.f.shop.svc.corp",
            "a.b.c.d.e.f.svc.corp",
            "a.b.c.d.e.f.corp",
            "a.b.c.d.e.f.ec2.internal"),
        NameResolution.queries(
            "a.b.c.d.e.f", "shop", new NameResolution.SearchList("corp", List.of("ec2.internal"))));
    assertEquals(
        List.of("example.com"),
        NameResolution.queries("example.com.", "shop", NameResolution.SearchList.DEFAULT));
  }

  @Test
  void theClientsOfOneNameShareItsQueries() {
    String name = "ftp.partner.example.com";
    Evaluator e = new Evaluator(Target.V1_16, List.of(PolicyYaml.read(NAME_ONLY)));
    NameResolution.Lookups lookups =
        new NameResolution.Lookups(e, API, name, NameResolution.SearchList.DEFAULT);
    NameResolution.Result glibc =
        NameResolution.resolve(lookups, name, NameResolution.Client.GLIBC);
    NameResolution.Result musl = NameResolution.resolve(lookups, name, NameResolution.Client.MUSL);
    assertTrue(glibc.resolved());
    assertFalse(musl.resolved());
    // musl stopped at the first query, which glibc asked too: one verdict, asked once.
    assertSame(glibc.queries().get(0).verdict(), musl.queries().get(0).verdict());
    // The same results as resolving each client on its own.
    for (NameResolution.Client client : NameResolution.Client.values()) {
      assertEquals(
          resolve(NAME_ONLY, name, name, client).summary(),
          NameResolution.resolve(lookups, name, client).summary());
    }
  }

  @Test
  void aRefusedSearchFormStopsMuslAndCaresButNotGlibc() {
    String name = "ftp.partner.example.com";
    assertTrue(resolve(NAME_ONLY, name, name, NameResolution.Client.GLIBC).resolved());
    NameResolution.Result musl = resolve(NAME_ONLY, name, name, NameResolution.Client.MUSL);
    assertFalse(musl.resolved());
    assertEquals(Verdict.Kind.REFUSED, musl.verdict().kind());
    assertEquals(1, musl.queries().size(), musl::summary);
    assertTrue(musl.reason().contains("musl stops the search"), musl::reason);
    assertFalse(resolve(NAME_ONLY, name, name, NameResolution.Client.CARES).resolved());
  }

  @Test
  void caresGoesOnForASingleLabelName() {
    // c-ares stops on REFUSED only for a multi-label name.
    NameResolution.Result r =
        resolve(NAME_ONLY, "redis", "redis.shop.svc.cluster.local", NameResolution.Client.CARES);
    assertFalse(r.resolved());
    assertEquals(4, r.queries().size(), r::summary);
  }

  @Test
  void inClusterNamesAreRefusedByANameOnlyRule() {
    for (NameResolution.Client c : NameResolution.Client.values()) {
      assertFalse(
          resolve(NAME_ONLY, "redis", "redis.shop.svc.cluster.local", c).resolved(), c::word);
      assertTrue(
          resolve(EVERY_NAME, "redis", "redis.shop.svc.cluster.local", c).resolved(), c::word);
      assertTrue(
          resolve(EVERY_NAME, "ftp.partner.example.com", "ftp.partner.example.com", c).resolved(),
          c::word);
    }
  }

  @Test
  void theClusterDomainCanBeAnother() {
    NameResolution.SearchList corp = new NameResolution.SearchList("corp.example", List.of());
    assertEquals("redis.shop.svc.corp.example", corp.serviceName("redis", "shop"));
    assertEquals(
        "kubernetes.default.svc.corp.example",
        NameResolution.names(API, Endpoint.entity("kube-apiserver"), corp).orElseThrow().answer());
  }
}
