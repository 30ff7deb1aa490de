package dev.cilia.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cilia.cilium.PolicyYaml;
import dev.cilia.cilium.Target;
import dev.cilia.cilium.model.CiliumPolicy;
import dev.cilia.eval.Verdict.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class EvaluatorTest {

  /** The seed: LANGUAGE.md "Why it exists". */
  static final String SEED =
      """
      apiVersion: cilium.io/v2
      kind: CiliumNetworkPolicy
      metadata:
        name: l7-visibility
        namespace: default
      spec:
        endpointSelector:
          matchLabels:
            "k8s:io.kubernetes.pod.namespace": default
        egress:
        - toPorts:
          - ports:
            - port: "53"
              protocol: ANY
            rules:
              dns:
              - matchPattern: "*"
        - toEndpoints:
          - matchLabels:
              "k8s:io.kubernetes.pod.namespace": default
          toPorts:
          - ports:
            - port: "80"
              protocol: TCP
            - port: "8080"
              protocol: TCP
            rules:
              http: [{}]
      """;

  /** The seed with {@code enableDefaultDeny: {egress: false}} (CILIUM-POLICY.md §3.13). */
  static final String SEED_OPEN =
      SEED.replace("  egress:\n", "  enableDefaultDeny:\n    egress: false\n  egress:\n");

  static final Endpoint.Pod WEB = pod("default", "app", "web");
  static final Endpoint.Pod API = pod("default", "app", "api");
  static final Endpoint.Ip ORACLE = Endpoint.ip("10.20.30.5");

  static Endpoint.Pod pod(String namespace, String... labels) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < labels.length; i += 2) {
      map.put(labels[i], labels[i + 1]);
    }
    return new Endpoint.Pod(namespace, map, Map.of());
  }

  static Evaluator evaluator(Target target, String... documents) {
    List<CiliumPolicy> policies = new ArrayList<>();
    for (String d : documents) {
      policies.add(PolicyYaml.read(d));
    }
    return new Evaluator(target, policies);
  }

  static String cnp(String namespace, String name, String spec) {
    return "apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata:\n  name: "
        + name
        + "\n  namespace: "
        + namespace
        + "\nspec:\n"
        + spec.indent(2);
  }

  static String ccnp(String name, String spec) {
    return "apiVersion: cilium.io/v2\nkind: CiliumClusterwideNetworkPolicy\nmetadata:\n  name: "
        + name
        + "\nspec:\n"
        + spec.indent(2);
  }

  static void assertKind(Kind expected, Verdict v) {
    assertEquals(expected, v.kind(), v::toString);
  }

  @Nested
  class Seed {
    @Test
    void deniesOracleOutsideTheCluster() {
      for (Target t : Target.all()) {
        Verdict v = evaluator(t, SEED).decide(new Flow(WEB, ORACLE, Protocol.TCP, 1521));
        assertKind(Kind.DENIED, v);
        assertEquals(List.of(Side.EGRESS), v.sides());
        assertEquals("default/l7-visibility egress", v.rules().get(0).toString());
      }
    }

    @Test
    void enableDefaultDenyFalseAllowsOracleOn116() {
      assertTrue(SEED_OPEN.contains("enableDefaultDeny"));
      Verdict v = evaluator(Target.V1_16, SEED_OPEN).decide(WEB, ORACLE, Protocol.TCP, 1521);
      assertKind(Kind.ALLOWED, v);
      assertEquals("default/l7-visibility enableDefaultDeny.egress", v.rules().get(0).toString());
    }

    @Test
    void oneDefaultDenyRuleEnforcesForAll() {
      String lockdown =
          ccnp(
              "host-only",
              """
              endpointSelector: {matchLabels: {app: web}}
              egress:
              - toEntities: [host]
              """);
      Evaluator e = evaluator(Target.V1_16, SEED_OPEN, lockdown);
      assertKind(Kind.DENIED, e.decide(WEB, ORACLE, Protocol.TCP, 1521));
      assertKind(Kind.ALLOWED_VISIBLE, e.decide(WEB, API, Protocol.TCP, 80));
      assertKind(Kind.ALLOWED, e.decide(API, ORACLE, Protocol.TCP, 1521));
    }

    @Test
    void enableDefaultDenyIsIgnoredBelow116() {
      assertKind(
          Kind.DENIED, evaluator(Target.V1_15, SEED_OPEN).decide(WEB, ORACLE, Protocol.TCP, 1521));
    }

    @Test
    void dnsAndHttpAreVisible() {
      for (String doc : List.of(SEED, SEED_OPEN)) {
        Evaluator e = evaluator(Target.V1_16, doc);
        Verdict dns = e.decide(WEB, Evaluator.KUBE_DNS, Protocol.UDP, 53);
        assertKind(Kind.ALLOWED_VISIBLE, dns);
        assertEquals("default/l7-visibility egress[0].toPorts[0]", dns.rules().get(0).toString());
        assertKind(Kind.ALLOWED_VISIBLE, e.dnsLookup(WEB, "api.example.com"));
        Verdict http = e.decide(WEB, API, Protocol.TCP, 80);
        assertKind(Kind.ALLOWED_VISIBLE, http);
        assertEquals("default/l7-visibility egress[1].toPorts[0]", http.rules().get(0).toString());
        assertEquals(List.of(Side.EGRESS, Side.INGRESS), http.sides());
        assertKind(Kind.ALLOWED_VISIBLE, e.decide(WEB, API, Protocol.TCP, 8080));
      }
    }

    @Test
    void httpsAndOtherNamespacesAreDenied() {
      Evaluator e = evaluator(Target.V1_13, SEED);
      assertKind(Kind.DENIED, e.decide(WEB, API, Protocol.TCP, 443));
      assertKind(Kind.DENIED, e.decide(WEB, pod("payments", "app", "api"), Protocol.TCP, 80));
      assertKind(
          Kind.DENIED, e.decide(WEB, new Endpoint.Entity("kube-apiserver"), Protocol.TCP, 6443));
      // Port 80 to the outside is not covered by the same-namespace item.
      assertKind(Kind.DENIED, e.decide(WEB, ORACLE, Protocol.TCP, 80));
      // The DNS item has no peer: port 53 to anywhere, proxied.
      assertKind(Kind.ALLOWED_VISIBLE, e.decide(WEB, ORACLE, Protocol.UDP, 53));
    }

    @Test
    void podsOfOtherNamespacesAreNotSelected() {
      Evaluator e = evaluator(Target.V1_13, SEED);
      Verdict v = e.decide(pod("payments", "app", "x"), ORACLE, Protocol.TCP, 1521);
      assertKind(Kind.ALLOWED, v);
      assertTrue(v.rules().isEmpty());
    }
  }

  @Nested
  class Deny {
    static final String POLICY =
        cnp(
            "default",
            "d",
            """
            endpointSelector: {}
            egress:
            - toEntities: [all]
            - toCIDR: [203.0.113.0/24]
              toPorts:
              - ports: [{port: "25", protocol: TCP}]
                rules:
                  http: [{}]
            egressDeny:
            - toCIDR: [203.0.113.0/24]
              toPorts:
              - ports: [{port: "25", protocol: TCP}]
            """);

    @Test
    void denyBeatsAllowIncludingL7() {
      Evaluator e = evaluator(Target.V1_17, POLICY);
      Verdict v = e.decide(WEB, Endpoint.ip("203.0.113.7"), Protocol.TCP, 25);
      assertKind(Kind.DENIED_BY_RULE, v);
      assertEquals("default/d egressDeny[0].toPorts[0]", v.rules().get(0).toString());
      assertKind(Kind.ALLOWED, e.decide(WEB, Endpoint.ip("203.0.113.7"), Protocol.TCP, 22));
      assertKind(Kind.ALLOWED, e.decide(WEB, Endpoint.ip("198.51.100.7"), Protocol.TCP, 25));
    }

    @Test
    void aDenyOnlyRuleMakesTheDirectionDefaultDeny() {
      Evaluator e =
          evaluator(
              Target.V1_16,
              cnp(
                  "default",
                  "deny-smtp",
                  """
                  endpointSelector: {}
                  egressDeny:
                  - toEntities: [world]
                    toPorts:
                    - ports: [{port: "25"}]
                  """));
      assertKind(Kind.DENIED_BY_RULE, e.decide(WEB, ORACLE, Protocol.TCP, 25));
      assertKind(Kind.DENIED, e.decide(WEB, ORACLE, Protocol.TCP, 1521));
    }

    @Test
    void aDenyOnlyRuleWithoutDefaultDenyDropsOnlyWhatItDenies() {
      Evaluator e =
          evaluator(
              Target.V1_16,
              cnp(
                  "default",
                  "deny-smtp",
                  """
                  endpointSelector: {}
                  enableDefaultDeny: {egress: false}
                  egressDeny:
                  - toEntities: [world]
                    toPorts:
                    - ports: [{port: "25"}]
                  """));
      assertKind(Kind.DENIED_BY_RULE, e.decide(WEB, ORACLE, Protocol.TCP, 25));
      assertKind(Kind.ALLOWED, e.decide(WEB, ORACLE, Protocol.TCP, 1521));
    }
  }

  @Nested
  class Cidr {
    static final String POLICY =
        cnp(
            "default",
            "oracle",
            """
            endpointSelector: {matchLabels: {app: web}}
            egress:
            - toCIDRSet:
              - cidr: 10.20.30.0/24
                except: [10.20.30.99/32]
              - cidr: 2001:db8::/32
              toPorts:
              - ports: [{port: "1521", protocol: TCP}]
            """);

    @Test
    void exceptCutsOutOfThePrefix() {
      Evaluator e = evaluator(Target.V1_14, POLICY);
      Verdict v = e.decide(WEB, ORACLE, Protocol.TCP, 1521);
      assertKind(Kind.ALLOWED, v);
      assertEquals("default/oracle egress[0].toPorts[0]", v.rules().get(0).toString());
      assertKind(Kind.DENIED, e.decide(WEB, Endpoint.ip("10.20.30.99"), Protocol.TCP, 1521));
      assertKind(Kind.DENIED, e.decide(WEB, Endpoint.ip("10.20.31.5"), Protocol.TCP, 1521));
      assertKind(Kind.ALLOWED, e.decide(WEB, Endpoint.ip("2001:db8::5"), Protocol.TCP, 1521));
      assertKind(Kind.DENIED, e.decide(WEB, ORACLE, Protocol.TCP, 1522));
    }

    @Test
    void cidrsNeverMatchPodsOrNames() {
      Evaluator e =
          evaluator(
              Target.V1_14,
              cnp(
                  "default",
                  "all-ips",
                  """
                  endpointSelector: {}
                  egress:
                  - toCIDR: [10.0.0.0/8]
                  """));
      assertKind(Kind.DENIED, e.decide(WEB, API, Protocol.TCP, 80));
      assertKind(Kind.DENIED, e.decide(WEB, new Endpoint.Fqdn("db.example.com"), Protocol.TCP, 80));
      assertKind(Kind.ALLOWED, e.decide(WEB, Endpoint.ip("10.1.2.3"), Protocol.TCP, 80));
    }
  }

  @Nested
  class Entities {
    static String policy(String entity) {
      return cnp("default", "e", "endpointSelector: {}\negress:\n- toEntities: [" + entity + "]\n");
    }

    @Test
    void worldIsOutsideTheClusterOnly() {
      Evaluator e = evaluator(Target.V1_18, policy("world"));
      assertKind(Kind.ALLOWED, e.decide(WEB, ORACLE, Protocol.TCP, 1521));
      assertKind(Kind.ALLOWED, e.decide(WEB, Endpoint.ip("192.168.1.1"), Protocol.TCP, 22));
      assertKind(Kind.ALLOWED, e.decide(WEB, new Endpoint.Fqdn("example.com"), Protocol.TCP, 443));
      assertKind(Kind.DENIED, e.decide(WEB, API, Protocol.TCP, 80));
      assertKind(Kind.DENIED, e.decide(WEB, new Endpoint.Entity("host"), Protocol.TCP, 10250));
    }

    @Test
    void clusterIsEverythingInside() {
      Evaluator e = evaluator(Target.V1_18, policy("cluster"));
      assertKind(Kind.ALLOWED, e.decide(WEB, pod("other", "a", "b"), Protocol.TCP, 80));
      assertKind(Kind.ALLOWED, e.decide(WEB, new Endpoint.Entity("remote-node"), Protocol.TCP, 80));
      assertKind(
          Kind.ALLOWED, e.decide(WEB, new Endpoint.Entity("kube-apiserver"), Protocol.TCP, 6443));
      assertKind(Kind.DENIED, e.decide(WEB, ORACLE, Protocol.TCP, 80));
    }

    @Test
    void allIsEverything() {
      Evaluator e = evaluator(Target.V1_18, policy("all"));
      assertKind(Kind.ALLOWED, e.decide(WEB, ORACLE, Protocol.TCP, 80));
      assertKind(Kind.ALLOWED, e.decide(WEB, API, Protocol.ICMP, 8));
    }

    @Test
    void kubeApiserverMayAlsoBeWorld() {
      assertKind(
          Kind.ALLOWED,
          evaluator(Target.V1_18, policy("kube-apiserver"))
              .decide(WEB, new Endpoint.Entity("kube-apiserver"), Protocol.TCP, 6443));
      Verdict v =
          evaluator(Target.V1_18, policy("world"))
              .decide(WEB, new Endpoint.Entity("kube-apiserver"), Protocol.TCP, 6443);
      assertKind(Kind.UNKNOWN, v);
      assertTrue(v.reason().contains("with world ALLOWED"), v.reason());
    }

    @Test
    void hostToLocalPodIsAllowedByDefault() {
      Evaluator e =
          evaluator(
              Target.V1_18,
              cnp(
                  "default",
                  "in",
                  """
                  endpointSelector: {}
                  ingress:
                  - fromEndpoints: [{}]
                  """));
      assertKind(Kind.ALLOWED, e.decide(new Endpoint.Entity("host"), WEB, Protocol.TCP, 8080));
      assertKind(
          Kind.DENIED, e.decide(new Endpoint.Entity("remote-node"), WEB, Protocol.TCP, 8080));
    }
  }

  @Nested
  class NamespaceInjection {
    @Test
    void cnpEmptyPeerIsItsOwnNamespace() {
      Evaluator e =
          evaluator(
              Target.V1_18,
              cnp(
                  "default",
                  "ns",
                  """
                  endpointSelector: {}
                  egress:
                  - toEndpoints: [{}]
                  """));
      assertKind(Kind.ALLOWED, e.decide(WEB, API, Protocol.TCP, 80));
      assertKind(Kind.DENIED, e.decide(WEB, pod("other", "app", "api"), Protocol.TCP, 80));
      assertKind(Kind.DENIED, e.decide(WEB, ORACLE, Protocol.TCP, 80));
      assertKind(Kind.DENIED, e.decide(WEB, new Endpoint.Entity("host"), Protocol.TCP, 80));
    }

    @Test
    void ccnpEmptyPeerIsEveryPod() {
      Evaluator e =
          evaluator(
              Target.V1_18,
              ccnp(
                  "c",
                  """
                  endpointSelector: {}
                  egress:
                  - toEndpoints: [{}]
                  """));
      assertKind(Kind.ALLOWED, e.decide(WEB, API, Protocol.TCP, 80));
      Verdict v =
          e.decide(pod("kube-system", "x", "y"), pod("other", "app", "api"), Protocol.TCP, 80);
      assertKind(Kind.ALLOWED, v);
      assertEquals("c egress[0]", v.rules().get(0).toString());
      assertKind(Kind.DENIED, e.decide(WEB, ORACLE, Protocol.TCP, 80));
      assertKind(Kind.DENIED, e.decide(WEB, new Endpoint.Entity("host"), Protocol.TCP, 80));
    }

    static final String TEAM =
        cnp(
            "default",
            "team",
            """
            endpointSelector: {}
            egress:
            - toEndpoints:
              - matchLabels:
                  k8s:io.cilium.k8s.namespace.labels.team: payments
            """);

    @Test
    void namespaceLabelPeersStayHomeUpTo115() {
      Endpoint.Pod elsewhere =
          new Endpoint.Pod("payments", Map.of("app", "api"), Map.of("team", "payments"));
      Endpoint.Pod home =
          new Endpoint.Pod("default", Map.of("app", "web"), Map.of("team", "payments"));
      Evaluator old = evaluator(Target.V1_15, TEAM);
      assertKind(Kind.DENIED, old.decide(WEB, elsewhere, Protocol.TCP, 80));
      assertKind(Kind.ALLOWED, old.decide(home, home, Protocol.TCP, 80));
      assertKind(
          Kind.ALLOWED, evaluator(Target.V1_16, TEAM).decide(WEB, elsewhere, Protocol.TCP, 80));
    }

    @Test
    void explicitNamespaceCrossesAndImplicitMetadataNameWorks() {
      Evaluator e =
          evaluator(
              Target.V1_13,
              cnp(
                  "default",
                  "dns",
                  """
                  endpointSelector: {}
                  egress:
                  - toEndpoints:
                    - matchLabels:
                        k8s:io.kubernetes.pod.namespace: kube-system
                        k8s:k8s-app: kube-dns
                  - toEndpoints:
                    - matchExpressions:
                      - key: io.kubernetes.pod.namespace
                        operator: NotIn
                        values: [default, kube-system]
                      - key: k8s:io.cilium.k8s.namespace.labels.kubernetes.io/metadata.name
                        operator: Exists
                    toPorts:
                    - ports: [{port: "443", protocol: TCP}]
                  """));
      assertKind(Kind.ALLOWED, e.decide(WEB, Evaluator.KUBE_DNS, Protocol.UDP, 53));
      assertKind(Kind.DENIED, e.decide(WEB, pod("kube-system", "k8s-app", "x"), Protocol.UDP, 53));
      assertKind(Kind.ALLOWED, e.decide(WEB, pod("shop", "a", "b"), Protocol.TCP, 443));
      assertKind(Kind.DENIED, e.decide(WEB, API, Protocol.TCP, 443));
    }

    @Test
    void cnpSubjectIsForcedIntoItsNamespace() {
      Evaluator e =
          evaluator(
              Target.V1_18,
              cnp(
                  "default",
                  "sneaky",
                  """
                  endpointSelector:
                    matchLabels:
                      k8s:io.kubernetes.pod.namespace: payments
                  egress:
                  - {}
                  """));
      assertKind(Kind.ALLOWED, e.decide(pod("payments", "a", "b"), ORACLE, Protocol.TCP, 80));
      assertKind(Kind.DENIED, e.decide(WEB, ORACLE, Protocol.TCP, 80));
    }
  }

  @Nested
  class Fqdn {
    static final String DNS_ITEM =
        """
        - toEndpoints:
          - matchLabels:
              k8s:io.kubernetes.pod.namespace: kube-system
              k8s:k8s-app: kube-dns
          toPorts:
          - ports: [{port: "53", protocol: ANY}]
        """;
    static final String FQDN_ITEM =
        """
        - toFQDNs:
          - matchName: api.example.com
          - matchPattern: "*.s3.amazonaws.com"
          toPorts:
          - ports: [{port: "443", protocol: TCP}]
        """;

    static String policy(String dnsItem) {
      return cnp("default", "f", "endpointSelector: {}\negress:\n" + dnsItem + FQDN_ITEM);
    }

    static final Endpoint.Fqdn API_NAME = new Endpoint.Fqdn("api.example.com");

    @Test
    void withoutDnsNothingIsLearned() {
      Evaluator e = evaluator(Target.V1_18, policy(""));
      Verdict v = e.decide(WEB, API_NAME, Protocol.TCP, 443);
      assertKind(Kind.DENIED, v);
      assertTrue(v.reason().contains("dropped"), v.reason());
      assertKind(Kind.DENIED, e.dnsLookup(WEB, "api.example.com"));
    }

    @Test
    void aBarePort53AllowDoesNotIntercept() {
      Evaluator e = evaluator(Target.V1_18, policy(DNS_ITEM));
      assertKind(Kind.ALLOWED, e.dnsLookup(WEB, "api.example.com"));
      Verdict v = e.decide(WEB, API_NAME, Protocol.TCP, 443);
      assertKind(Kind.DENIED, v);
      assertTrue(v.reason().contains("not redirected to the DNS proxy"), v.reason());
    }

    @Test
    void aDnsRuleTeachesTheNames() {
      Evaluator e =
          evaluator(
              Target.V1_18,
              policy(
                  DNS_ITEM
                      + """
                          rules:
                            dns:
                            - matchPattern: "*"
                      """));
      assertKind(Kind.ALLOWED_VISIBLE, e.dnsLookup(WEB, "api.example.com"));
      Verdict v = e.decide(WEB, API_NAME, Protocol.TCP, 443);
      assertKind(Kind.ALLOWED, v);
      assertEquals("default/f egress[1].toPorts[0]", v.rules().get(0).toString());
      assertKind(
          Kind.ALLOWED, e.decide(WEB, new Endpoint.Fqdn("API.Example.COM."), Protocol.TCP, 443));
      assertKind(Kind.DENIED, e.decide(WEB, API_NAME, Protocol.TCP, 80));
      assertKind(
          Kind.ALLOWED,
          e.decide(WEB, new Endpoint.Fqdn("bucket-7.s3.amazonaws.com"), Protocol.TCP, 443));
      assertKind(
          Kind.DENIED, e.decide(WEB, new Endpoint.Fqdn("s3.amazonaws.com"), Protocol.TCP, 443));
      assertKind(
          Kind.DENIED, e.decide(WEB, new Endpoint.Fqdn("a.b.s3.amazonaws.com"), Protocol.TCP, 443));
      assertKind(
          Kind.DENIED, e.decide(WEB, new Endpoint.Fqdn("other.example.com"), Protocol.TCP, 443));
    }

    @Test
    void aRefusedNameIsNotLearned() {
      Evaluator e =
          evaluator(
              Target.V1_18,
              policy(
                  DNS_ITEM
                      + """
                          rules:
                            dns:
                            - matchName: other.example.com
                      """));
      Verdict lookup = e.dnsLookup(WEB, "api.example.com");
      assertKind(Kind.REFUSED, lookup);
      assertEquals("default/f egress[0].toPorts[0]", lookup.rules().get(0).toString());
      assertKind(Kind.ALLOWED_VISIBLE, e.dnsLookup(WEB, "Other.Example.com."));
      assertKind(Kind.DENIED, e.decide(WEB, API_NAME, Protocol.TCP, 443));
    }

    @Test
    void doubleStarIsOneLabelBefore119() {
      Evaluator e =
          evaluator(
              Target.V1_18,
              cnp(
                  "default",
                  "f",
                  """
                  endpointSelector: {}
                  egress:
                  - toPorts:
                    - ports: [{port: "53", protocol: UDP}]
                      rules:
                        dns:
                        - matchPattern: "**.example.com"
                        - matchPattern: "*cilium.io"
                  """));
      assertKind(Kind.ALLOWED_VISIBLE, e.dnsLookup(WEB, "a.example.com"));
      assertKind(Kind.REFUSED, e.dnsLookup(WEB, "a.b.example.com"));
      assertKind(Kind.REFUSED, e.dnsLookup(WEB, "example.com"));
      assertKind(Kind.ALLOWED_VISIBLE, e.dnsLookup(WEB, "cilium.io"));
      assertKind(Kind.ALLOWED_VISIBLE, e.dnsLookup(WEB, "subcilium.io"));
      assertKind(Kind.REFUSED, e.dnsLookup(WEB, "a.cilium.io"));
    }

    @Test
    void enableDefaultDenyFalseDoesNotRelaxDns() {
      Evaluator e =
          evaluator(
              Target.V1_16,
              cnp(
                  "default",
                  "f",
                  """
                  endpointSelector: {}
                  enableDefaultDeny: {egress: false}
                  egress:
                  - toPorts:
                    - ports: [{port: "53", protocol: ANY}]
                      rules:
                        dns:
                        - matchName: a.example.com
                  """));
      assertKind(Kind.ALLOWED_VISIBLE, e.dnsLookup(WEB, "a.example.com"));
      assertKind(Kind.REFUSED, e.dnsLookup(WEB, "b.example.com"));
      assertKind(Kind.ALLOWED, e.decide(WEB, ORACLE, Protocol.TCP, 1521));
    }

    @Test
    void anL3OnlyAllowNextToADnsRuleIsUnknown() {
      Evaluator e =
          evaluator(
              Target.V1_17,
              cnp(
                  "default",
                  "f",
                  """
                  endpointSelector: {}
                  egress:
                  - toEndpoints:
                    - matchLabels: {k8s:io.kubernetes.pod.namespace: kube-system}
                  """
                      + DNS_ITEM
                      + """
                          rules:
                            dns:
                            - matchPattern: "*.example.com"
                      """));
      assertKind(Kind.ALLOWED_VISIBLE, e.dnsLookup(WEB, "a.example.com"));
      Verdict v = e.dnsLookup(WEB, "other.org");
      assertKind(Kind.UNKNOWN, v);
      assertTrue(v.reason().contains("§3.4"), v.reason());
    }
  }

  @Nested
  class Ports {
    @Test
    void l3OnlyAllowsEveryPortAndIcmp() {
      Evaluator e =
          evaluator(
              Target.V1_13,
              cnp(
                  "default",
                  "db",
                  """
                  endpointSelector: {}
                  egress:
                  - toEndpoints: [{matchLabels: {app: db}}]
                  - toEndpoints: [{matchLabels: {app: cache}}]
                    toPorts:
                    - ports: [{port: "6379", protocol: TCP}]
                  """));
      Endpoint.Pod db = pod("default", "app", "db");
      Endpoint.Pod cache = pod("default", "app", "cache");
      assertKind(Kind.ALLOWED, e.decide(WEB, db, Protocol.TCP, 5432));
      assertKind(Kind.ALLOWED, e.decide(WEB, db, Protocol.UDP, 9999));
      assertKind(Kind.ALLOWED, e.decide(WEB, db, Protocol.SCTP, 1));
      assertKind(Kind.ALLOWED, e.decide(WEB, db, Protocol.ICMP, 8));
      assertKind(Kind.ALLOWED, e.decide(WEB, cache, Protocol.TCP, 6379));
      assertKind(Kind.DENIED, e.decide(WEB, cache, Protocol.UDP, 6379));
      assertKind(Kind.DENIED, e.decide(WEB, cache, Protocol.ICMP, 8));
    }

    @Test
    void wildcardPeerAndPortZero() {
      Evaluator e =
          evaluator(
              Target.V1_13,
              cnp(
                  "default",
                  "p",
                  """
                  endpointSelector: {}
                  egress:
                  - toPorts:
                    - ports: [{port: "443", protocol: TCP}]
                  - toEntities: [world]
                    toPorts:
                    - ports: [{port: "0", protocol: UDP}]
                  - icmps:
                    - fields: [{type: EchoRequest}, {family: IPv6, type: "128"}]
                  """));
      assertKind(Kind.ALLOWED, e.decide(WEB, ORACLE, Protocol.TCP, 443));
      assertKind(Kind.ALLOWED, e.decide(WEB, API, Protocol.TCP, 443));
      assertKind(Kind.ALLOWED, e.decide(WEB, ORACLE, Protocol.UDP, 40000));
      assertKind(Kind.DENIED, e.decide(WEB, ORACLE, Protocol.TCP, 40000));
      assertKind(Kind.ALLOWED, e.decide(WEB, ORACLE, Protocol.ICMP, 8));
      assertKind(Kind.DENIED, e.decide(WEB, ORACLE, Protocol.ICMP, 0));
      assertKind(Kind.ALLOWED, e.decide(WEB, Endpoint.ip("2001:db8::1"), Protocol.ICMPV6, 128));
    }

    @Test
    void emptyL7RulesAndEmptyPeerListsArePlain() {
      Evaluator e =
          evaluator(
              Target.V1_18,
              cnp(
                  "default",
                  "plain",
                  """
                  endpointSelector: {}
                  egress:
                  - toEndpoints: [{}]
                    toPorts:
                    - ports: [{port: "80", protocol: TCP}]
                      rules: {http: []}
                    - ports: [{port: "81", protocol: TCP}]
                      rules: {}
                  - toEndpoints: []
                    toPorts:
                    - ports: [{port: "443", protocol: TCP}]
                  """));
      assertKind(Kind.ALLOWED, e.decide(WEB, API, Protocol.TCP, 80));
      assertKind(Kind.ALLOWED, e.decide(WEB, API, Protocol.TCP, 81));
      assertKind(Kind.DENIED, e.decide(WEB, API, Protocol.TCP, 443));
      assertKind(Kind.DENIED, e.decide(WEB, ORACLE, Protocol.TCP, 443));
    }

    @Test
    void protocolAnyIsTcpUdpSctp() {
      Evaluator e =
          evaluator(
              Target.V1_13,
              cnp(
                  "default",
                  "any",
                  """
                  endpointSelector: {}
                  egress:
                  - toEntities: [world]
                    toPorts:
                    - ports: [{port: "53", protocol: ANY}, {port: "123"}]
                  """));
      for (Protocol p : List.of(Protocol.TCP, Protocol.UDP, Protocol.SCTP)) {
        assertKind(Kind.ALLOWED, e.decide(WEB, ORACLE, p, 53));
        assertKind(Kind.ALLOWED, e.decide(WEB, ORACLE, p, 123));
      }
      assertKind(Kind.DENIED, e.decide(WEB, ORACLE, Protocol.ICMP, 53));
    }

    static final String FTP =
        cnp(
            "default",
            "ftp",
            """
            endpointSelector: {}
            egress:
            - toCIDR: [198.51.100.10]
              toPorts:
              - ports:
                - {port: "21", protocol: TCP}
                - {port: "30000", endPort: 30100, protocol: TCP}
            """);

    @Test
    void endPortFrom116() {
      Endpoint.Ip server = Endpoint.ip("198.51.100.10");
      Evaluator e = evaluator(Target.V1_16, FTP);
      assertKind(Kind.ALLOWED, e.decide(WEB, server, Protocol.TCP, 30042));
      assertKind(Kind.ALLOWED, e.decide(WEB, server, Protocol.TCP, 30100));
      assertKind(Kind.DENIED, e.decide(WEB, server, Protocol.TCP, 30101));
      Evaluator old = evaluator(Target.V1_15, FTP);
      assertKind(Kind.DENIED, old.decide(WEB, server, Protocol.TCP, 30042));
      assertKind(Kind.ALLOWED, old.decide(WEB, server, Protocol.TCP, 30000));
      assertKind(Kind.ALLOWED, old.decide(WEB, server, Protocol.TCP, 21));
    }

    @Test
    void rangeAndSinglePortWithDifferentL7AreUnknownOn116() {
      String doc =
          cnp(
              "default",
              "mix",
              """
              endpointSelector: {}
              egress:
              - toEntities: [world]
                toPorts:
                - ports: [{port: "8000", endPort: 8100, protocol: TCP}]
              - toEntities: [world]
                toPorts:
                - ports: [{port: "8080", protocol: TCP}]
                  rules:
                    http: [{}]
              """);
      assertKind(
          Kind.UNKNOWN, evaluator(Target.V1_16, doc).decide(WEB, ORACLE, Protocol.TCP, 8080));
      assertKind(
          Kind.ALLOWED_VISIBLE,
          evaluator(Target.V1_17, doc).decide(WEB, ORACLE, Protocol.TCP, 8080));
      assertKind(
          Kind.ALLOWED, evaluator(Target.V1_16, doc).decide(WEB, ORACLE, Protocol.TCP, 8081));
    }

    @Test
    void namedPortsAreUnknown() {
      Evaluator e =
          evaluator(
              Target.V1_18,
              cnp(
                  "default",
                  "named",
                  """
                  endpointSelector: {}
                  egress:
                  - toEndpoints: [{}]
                    toPorts:
                    - ports: [{port: "http-metrics", protocol: TCP}]
                  """));
      assertKind(Kind.UNKNOWN, e.decide(WEB, API, Protocol.TCP, 9090));
      assertKind(Kind.DENIED, e.decide(WEB, API, Protocol.UDP, 9090));
    }
  }

  @Nested
  class Directions {
    static final String API_INGRESS =
        cnp(
            "default",
            "api-in",
            """
            endpointSelector: {matchLabels: {app: api}}
            ingress:
            - fromEndpoints: [{matchLabels: {app: web}}]
              toPorts:
              - ports: [{port: "8080", protocol: TCP}]
                rules:
                  http:
                  - method: GET
            """);

    @Test
    void ingressIsTheReceiversSide() {
      Evaluator e = evaluator(Target.V1_14, API_INGRESS);
      Verdict v = e.decide(WEB, API, Protocol.TCP, 8080);
      assertKind(Kind.ALLOWED_VISIBLE, v);
      assertEquals(List.of(Side.EGRESS, Side.INGRESS), v.sides());
      assertTrue(v.reason().contains("403"), v.reason());
      Verdict other = e.decide(pod("default", "app", "batch"), API, Protocol.TCP, 8080);
      assertKind(Kind.DENIED, other);
      assertEquals(List.of(Side.INGRESS), other.sides());
      assertEquals(new RuleRef("default/api-in", Side.INGRESS, "ingress"), other.rules().get(0));
      assertKind(Kind.DENIED, e.decide(ORACLE, API, Protocol.TCP, 8080));
      // api's egress is not enforced.
      assertKind(Kind.ALLOWED, e.decide(API, ORACLE, Protocol.TCP, 1521));
    }

    @Test
    void podToPodNeedsBothEnds() {
      Evaluator e = evaluator(Target.V1_14, SEED, API_INGRESS);
      // web's egress allows 80 to api (visible), api's ingress allows only 8080.
      Verdict v = e.decide(WEB, API, Protocol.TCP, 80);
      assertKind(Kind.DENIED, v);
      assertEquals(List.of(Side.INGRESS), v.sides());
      assertKind(Kind.ALLOWED_VISIBLE, e.decide(WEB, API, Protocol.TCP, 8080));
      // Denied on egress first: api's ingress is never asked.
      Verdict egress = e.decide(WEB, API, Protocol.TCP, 9000);
      assertKind(Kind.DENIED, egress);
      assertEquals(List.of(Side.EGRESS), egress.sides());
    }

    @Test
    void emptyEgressItemDeniesEverything() {
      Evaluator e =
          evaluator(
              Target.V1_18,
              cnp(
                  "default",
                  "lockdown",
                  """
                  endpointSelector: {}
                  egress:
                  - {}
                  """));
      assertKind(Kind.DENIED, e.decide(WEB, ORACLE, Protocol.TCP, 443));
      assertKind(Kind.DENIED, e.decide(WEB, API, Protocol.TCP, 80));
      assertKind(Kind.DENIED, e.dnsLookup(WEB, "example.com"));
      // Ingress is untouched.
      assertKind(Kind.ALLOWED, e.decide(ORACLE, WEB, Protocol.TCP, 80));
    }

    @Test
    void specsArePathsOfTheirOwn() {
      Evaluator e =
          evaluator(
              Target.V1_18,
              """
              apiVersion: cilium.io/v2
              kind: CiliumNetworkPolicy
              metadata: {name: two, namespace: default}
              specs:
              - endpointSelector: {matchLabels: {app: api}}
                egress:
                - toEntities: [world]
              - endpointSelector: {matchLabels: {app: web}}
                egress:
                - toEntities: [host]
                - toEntities: [world]
                  toPorts:
                  - ports: [{port: "1521", protocol: TCP}]
              """);
      Verdict v = e.decide(WEB, ORACLE, Protocol.TCP, 1521);
      assertKind(Kind.ALLOWED, v);
      assertEquals("default/two specs[1].egress[1].toPorts[0]", v.rules().get(0).toString());
      assertKind(Kind.DENIED, e.decide(WEB, ORACLE, Protocol.TCP, 22));
    }

    @Test
    void allowsOfSeveralPoliciesAreAUnion() {
      Evaluator e =
          evaluator(
              Target.V1_13,
              SEED,
              ccnp(
                  "oracle",
                  """
                  endpointSelector: {matchLabels: {app: web}}
                  egress:
                  - toCIDR: [10.20.30.0/24]
                    toPorts:
                    - ports: [{port: "1521", protocol: TCP}]
                  """));
      Verdict v = e.decide(WEB, ORACLE, Protocol.TCP, 1521);
      assertKind(Kind.ALLOWED, v);
      assertEquals("oracle egress[0].toPorts[0]", v.rules().get(0).toString());
      assertKind(Kind.DENIED, e.decide(API, ORACLE, Protocol.TCP, 1521));
    }
  }

  @Nested
  class Selectors {
    @Test
    void matchExpressions() {
      Evaluator e =
          evaluator(
              Target.V1_18,
              cnp(
                  "default",
                  "x",
                  """
                  endpointSelector:
                    matchExpressions:
                    - {key: tier, operator: In, values: [web, api]}
                    - {key: k8s:canary, operator: DoesNotExist}
                  egress:
                  - toEndpoints:
                    - matchExpressions:
                      - {key: app, operator: NotIn, values: [db]}
                      - {key: any:team, operator: Exists}
                  """));
      Endpoint.Pod web = pod("default", "tier", "web");
      Endpoint.Pod target = pod("default", "app", "x", "team", "a");
      assertKind(Kind.ALLOWED, e.decide(web, target, Protocol.TCP, 1));
      assertKind(
          Kind.DENIED, e.decide(web, pod("default", "app", "db", "team", "a"), Protocol.TCP, 1));
      assertKind(Kind.DENIED, e.decide(web, pod("default", "app", "x"), Protocol.TCP, 1));
      // Not selected: canary, or another tier.
      assertKind(
          Kind.ALLOWED,
          e.decide(pod("default", "tier", "web", "canary", "1"), ORACLE, Protocol.TCP, 1));
      assertKind(Kind.ALLOWED, e.decide(pod("default", "tier", "db"), ORACLE, Protocol.TCP, 1));
    }

    @Test
    void filteredLabelsNeverMatch() {
      Evaluator e =
          evaluator(
              Target.V1_18,
              cnp(
                  "default",
                  "x",
                  """
                  endpointSelector: {matchLabels: {pod-template-hash: abc}}
                  egress:
                  - {}
                  """));
      assertKind(
          Kind.ALLOWED,
          e.decide(pod("default", "pod-template-hash", "abc"), ORACLE, Protocol.TCP, 1));
    }

    @Test
    void reservedSelectorsSelectEntities() {
      Evaluator e =
          evaluator(
              Target.V1_18,
              cnp(
                  "default",
                  "x",
                  """
                  endpointSelector: {}
                  egress:
                  - toEndpoints: [{matchLabels: {"reserved:host": ""}}]
                  """));
      assertKind(Kind.ALLOWED, e.decide(WEB, new Endpoint.Entity("host"), Protocol.TCP, 1));
      assertKind(Kind.DENIED, e.decide(WEB, API, Protocol.TCP, 1));
    }
  }

  @Nested
  class Unknowns {
    @Test
    void toServicesDependsOnLiveObjects() {
      Evaluator e =
          evaluator(
              Target.V1_17,
              cnp(
                  "default",
                  "svc",
                  """
                  endpointSelector: {}
                  egress:
                  - toServices:
                    - k8sService: {serviceName: db, namespace: default}
                  """));
      Verdict v = e.decide(WEB, API, Protocol.TCP, 5432);
      assertKind(Kind.UNKNOWN, v);
      assertTrue(v.reason().contains("toServices"), v.reason());
    }

    @Test
    void requiresAndNodesAndGroups() {
      Evaluator e =
          evaluator(
              Target.V1_16,
              cnp(
                  "default",
                  "r",
                  """
                  endpointSelector: {}
                  egress:
                  - toRequires: [{matchLabels: {env: prod}}]
                  - toEntities: [world]
                  - toNodes: [{matchLabels: {role: infra}}]
                  """));
      assertKind(Kind.UNKNOWN, e.decide(WEB, ORACLE, Protocol.TCP, 1));
      assertKind(Kind.DENIED, e.decide(WEB, API, Protocol.TCP, 1));
      Evaluator nodes =
          evaluator(
              Target.V1_16,
              cnp(
                  "default",
                  "n",
                  """
                  endpointSelector: {}
                  egress:
                  - toNodes: [{matchLabels: {role: infra}}]
                  """));
      assertKind(
          Kind.UNKNOWN, nodes.decide(WEB, new Endpoint.Entity("remote-node"), Protocol.TCP, 1));
      assertKind(Kind.DENIED, nodes.decide(WEB, ORACLE, Protocol.TCP, 1));
    }
  }

  @Test
  void malformedDocumentsAreRejectedWithTheirPath() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                evaluator(
                    Target.V1_18,
                    cnp(
                        "default",
                        "bad",
                        """
                        endpointSelector: {}
                        egress:
                        - toCIDR: [10.0.0.0/33]
                        """)));
    assertTrue(e.getMessage().startsWith("policy default/bad: "), e.getMessage());
  }

  @Test
  void endpointsParseLiteralsOnly() {
    assertThrows(IllegalArgumentException.class, () -> Endpoint.ip("example.com"));
    assertThrows(IllegalArgumentException.class, () -> Endpoint.ip("1.2.3"));
    assertThrows(IllegalArgumentException.class, () -> new Endpoint.Entity("cluster"));
    assertEquals("ip 2001:db8:0:0:0:0:0:1", Endpoint.ip("2001:db8::1").toString());
  }
}
