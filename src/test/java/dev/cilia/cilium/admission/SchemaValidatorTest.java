package dev.cilia.cilium.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cilia.cilium.Target;
import dev.cilia.cilium.model.CiliumPolicy;
import dev.cilia.cilium.model.EgressRule;
import dev.cilia.cilium.model.FqdnSelector;
import dev.cilia.cilium.model.L7Rules;
import dev.cilia.cilium.model.PolicyRule;
import dev.cilia.cilium.model.PortProtocol;
import dev.cilia.cilium.model.PortRule;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the per-target schemas accept and reject, and how the validator words it. */
class SchemaValidatorTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  static JsonNode tree(String json) {
    return JSON.readTree(json);
  }

  /** A CNP whose rule has the given members besides its endpoint selector. */
  static String cnp(String ruleMembers) {
    return """
    {"apiVersion": "cilium.io/v2", "kind": "CiliumNetworkPolicy",
     "metadata": {"name": "web", "namespace": "shop"},
     "spec": {"endpointSelector": {"matchLabels": {"app": "web"}}, %s}}\
    """
        .formatted(ruleMembers);
  }

  /** A CNP with one egress item. */
  static String egress(String item) {
    return cnp("\"egress\": [" + item + "]");
  }

  /** A CNP with one ingress item. */
  static String ingress(String item) {
    return cnp("\"ingress\": [" + item + "]");
  }

  static String ccnp(String rule) {
    return """
    {"apiVersion": "cilium.io/v2", "kind": "CiliumClusterwideNetworkPolicy",
     "metadata": {"name": "hosts"}, "spec": %s}\
    """
        .formatted(rule);
  }

  /** The validator's messages; the plain check and the schema library agree on validity. */
  static List<String> validate(Target target, String json) {
    JsonNode document = tree(json);
    List<String> messages = SchemaValidator.validate(target, document);
    assertEquals(
        SchemaValidator.violations(target, document, false).isEmpty(), messages.isEmpty(), json);
    return messages;
  }

  private static String ports(int count) {
    return IntStream.rangeClosed(1, count)
        .mapToObj(i -> "{\"port\": \"" + (1000 + i) + "\", \"protocol\": \"TCP\"}")
        .collect(Collectors.joining(", ", "[", "]"));
  }

  /** Valid from {@code since} on; before, the one field is reported as unknown. */
  private static void assertSince(Target since, Target target, String json, String field) {
    List<String> expected =
        target.compareTo(since) >= 0
            ? List.of()
            : List.of(field + ": field not allowed in a CiliumNetworkPolicy for Cilium " + target);
    assertEquals(expected, validate(target, json));
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void plainPolicyIsValid(Target target) {
    assertEquals(List.of(), validate(target, egress("{\"toEntities\": [\"world\"]}")));
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void endPortFrom116(Target target) {
    String json =
        egress(
            "{\"toPorts\": [{\"ports\": [{\"port\": \"8000\", \"endPort\": 8100,"
                + " \"protocol\": \"TCP\"}]}]}");
    assertSince(Target.V1_16, target, json, "/spec/egress/0/toPorts/0/ports/0/endPort");
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void enableDefaultDenyFrom116(Target target) {
    String json =
        cnp(
            "\"enableDefaultDeny\": {\"egress\": false}, \"egress\": [{\"toEntities\":"
                + " [\"all\"]}]");
    assertSince(Target.V1_16, target, json, "/spec/enableDefaultDeny");
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void nodePeersFrom116(Target target) {
    assertSince(
        Target.V1_16,
        target,
        egress("{\"toNodes\": [{\"matchLabels\": {\"node-role\": \"db\"}}]}"),
        "/spec/egress/0/toNodes");
    assertSince(
        Target.V1_16, target, ingress("{\"fromNodes\": [{}]}"), "/spec/ingress/0/fromNodes");
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void logFrom118(Target target) {
    String json = cnp("\"log\": {\"value\": \"payments\"}, \"egress\": [{}]");
    assertSince(Target.V1_18, target, json, "/spec/log");
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void authenticationFrom114(Target target) {
    String json =
        ingress("{\"fromEndpoints\": [{}], \"authentication\": {\"mode\": \"required\"}}");
    assertSince(Target.V1_14, target, json, "/spec/ingress/0/authentication");
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void sctpFrom114(Target target) {
    List<String> messages =
        validate(
            target,
            egress("{\"toPorts\": [{\"ports\": [{\"port\": \"2905\", \"protocol\": \"SCTP\"}]}]}"));
    List<String> expected =
        target.compareTo(Target.V1_14) >= 0
            ? List.of()
            : List.of(
                "/spec/egress/0/toPorts/0/ports/0/protocol: must be one of \"TCP\", \"UDP\","
                    + " \"ANY\", found \"SCTP\"");
    assertEquals(expected, messages);
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void cidrGroupRefOnIngressFrom114OnEgressFrom116(Target target) {
    assertEquals(
        target.compareTo(Target.V1_14) >= 0
            ? List.of()
            : List.of(
                "/spec/ingress/0/fromCIDRSet/0: missing required field `cidr`",
                "/spec/ingress/0/fromCIDRSet/0/cidrGroupRef: field not allowed in a"
                    + " CiliumNetworkPolicy for Cilium 1.13"),
        validate(target, ingress("{\"fromCIDRSet\": [{\"cidrGroupRef\": \"partners\"}]}")));
    assertEquals(
        target.compareTo(Target.V1_16) >= 0
            ? List.of()
            : List.of(
                "/spec/egress/0/toCIDRSet/0: missing required field `cidr`",
                "/spec/egress/0/toCIDRSet/0/cidrGroupRef: field not allowed in a"
                    + " CiliumNetworkPolicy for Cilium "
                    + target),
        validate(target, egress("{\"toCIDRSet\": [{\"cidrGroupRef\": \"partners\"}]}")));
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void cidrGroupSelectorFrom117(Target target) {
    List<String> messages =
        validate(
            target,
            egress(
                "{\"toCIDRSet\": [{\"cidrGroupSelector\": {\"matchLabels\": {\"a\": \"b\"}}}]}"));
    assertEquals(target.compareTo(Target.V1_17) >= 0, messages.isEmpty(), messages::toString);
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void cidrRuleNeedsExactlyOneSource(Target target) {
    String json =
        ingress("{\"fromCIDRSet\": [{\"cidr\": \"10.0.0.0/8\", \"cidrGroupRef\": \"partners\"}]}");
    List<String> expected =
        target == Target.V1_13
            ? List.of(
                "/spec/ingress/0/fromCIDRSet/0/cidrGroupRef: field not allowed in a"
                    + " CiliumNetworkPolicy for Cilium 1.13")
            : List.of(
                "/spec/ingress/0/fromCIDRSet/0: must have exactly one of `cidr`, `cidrGroupRef`"
                    + (target.compareTo(Target.V1_17) >= 0 ? ", `cidrGroupSelector`" : "")
                    + ", found `cidr`, `cidrGroupRef`");
    assertEquals(expected, validate(target, json));
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void listenerPriorityFrom116AndNeverOnIngress(Target target) {
    String listener =
        "\"listener\": {\"envoyConfig\": {\"name\": \"proxy\"}, \"name\": \"l\", \"priority\": 5}";
    String json = egress("{\"toPorts\": [{\"ports\": [{\"port\": \"80\"}], " + listener + "}]}");
    String field =
        target.compareTo(Target.V1_14) >= 0
            ? "/spec/egress/0/toPorts/0/listener/priority"
            : "/spec/egress/0/toPorts/0/listener";
    assertSince(Target.V1_16, target, json, field);
    assertEquals(
        List.of(
            "/spec/ingress/0/toPorts/0/listener: field not allowed in a CiliumNetworkPolicy for"
                + " Cilium "
                + target),
        validate(
            target,
            ingress("{\"toPorts\": [{\"ports\": [{\"port\": \"80\"}], " + listener + "}]}")));
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void serverNamesTypedOn118(Target target) {
    String wildcard =
        egress(
            "{\"toPorts\": [{\"ports\": [{\"port\": \"443\"}], \"serverNames\":"
                + " [\"*.shop.example\"]}]}");
    assertSince(Target.V1_14, target, wildcard, "/spec/egress/0/toPorts/0/serverNames");
    List<String> spaced =
        validate(
            target,
            egress(
                "{\"toPorts\": [{\"ports\": [{\"port\": \"443\"}], \"serverNames\": [\"a b\"]}]}"));
    boolean untyped = target.compareTo(Target.V1_14) >= 0 && target.compareTo(Target.V1_18) < 0;
    assertEquals(untyped, spaced.isEmpty(), spaced::toString);
    List<String> empty =
        validate(
            target,
            egress("{\"toPorts\": [{\"ports\": [{\"port\": \"443\"}], \"serverNames\": [\"\"]}]}"));
    assertEquals(1, empty.size(), empty::toString);
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void icmpTypeNamesFrom116(Target target) {
    String named =
        egress("{\"icmps\": [{\"fields\": [{\"family\": \"IPv4\", \"type\": \"EchoRequest\"}]}]}");
    List<String> messages = validate(target, named);
    assertEquals(target.compareTo(Target.V1_16) >= 0, messages.isEmpty(), messages::toString);
    assertEquals(
        List.of(), validate(target, egress("{\"icmps\": [{\"fields\": [{\"type\": 8}]}]}")));
    assertEquals(
        List.of("/spec/egress/0/icmps/0/fields/0/type: must have a maximum value of 255"),
        validate(target, egress("{\"icmps\": [{\"fields\": [{\"type\": 300}]}]}")));
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void worldIpv4IsInvalidEverywhere(Target target) {
    assertEquals(
        List.of(
            "/spec/egress/0/toEntities/0: must be one of \"all\", \"world\", \"cluster\","
                + " \"host\", \"init\", \"ingress\", \"unmanaged\", \"remote-node\", \"health\","
                + " \"none\", \"kube-apiserver\", found \"world-ipv4\""),
        validate(target, egress("{\"toEntities\": [\"world-ipv4\"]}")));
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void atMostFortyPortsPerRule(Target target) {
    String rule = "{\"toPorts\": [{\"ports\": %s}]}";
    assertEquals(List.of(), validate(target, egress(rule.formatted(ports(40)))));
    assertEquals(
        List.of("/spec/egress/0/toPorts/0/ports: must have at most 40 items but found 41"),
        validate(target, egress(rule.formatted(ports(41)))));
    assertEquals(
        List.of("/spec/egressDeny/0/toPorts/0/ports: must have at most 40 items but found 41"),
        validate(target, cnp("\"egressDeny\": [" + rule.formatted(ports(41)) + "]")));
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void unknownFieldIsInvalid(Target target) {
    assertEquals(
        List.of(
            "/spec/egress/0/toEndpoint: field not allowed in a CiliumNetworkPolicy for Cilium "
                + target),
        validate(target, egress("{\"toEndpoint\": [{}]}")));
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void fqdnSelectorNeedsExactlyOneOfNameAndPattern(Target target) {
    assertEquals(
        List.of(
            "/spec/egress/0/toFQDNs/0: must have exactly one of `matchName`, `matchPattern`,"
                + " found `matchName`, `matchPattern`",
            "/spec/egress/0/toFQDNs/1: must have exactly one of `matchName`, `matchPattern`,"
                + " found none"),
        validate(
            target,
            egress(
                "{\"toFQDNs\": [{\"matchName\": \"api.example.com\", \"matchPattern\":"
                    + " \"*.example.com\"}, {}]}")));
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void fqdnCharactersAreChecked(Target target) {
    assertEquals(
        List.of(
            "/spec/egress/0/toFQDNs/0/matchName: must be a DNS name (letters, digits, '-', '_',"
                + " '.'), found \"api example.com\""),
        validate(target, egress("{\"toFQDNs\": [{\"matchName\": \"api example.com\"}]}")));
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void portsAndCidrsAreChecked(Target target) {
    assertEquals(
        List.of(
            "/spec/egress/0/toCIDRSet/0/cidr: must be an IPv4 or IPv6 prefix such as 10.0.0.0/8,"
                + " found \"10.0.0.0/33\"",
            "/spec/egress/0/toPorts/0/ports/0/port: must be a port number 0-65535 or a port name"
                + " of at most 15 characters, found \"99999\""),
        validate(
            target,
            egress(
                "{\"toCIDRSet\": [{\"cidr\": \"10.0.0.0/33\"}], \"toPorts\": [{\"ports\":"
                    + " [{\"port\": \"99999\"}]}]}")));
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void l7RulesNeedExactlyOneKindAndDnsOnlyOnEgress(Target target) {
    assertEquals(
        List.of(
            "/spec/egress/0/toPorts/0/rules: must have exactly one of `http`, `kafka`, `dns`,"
                + " `l7proto`, found none"),
        validate(
            target, egress("{\"toPorts\": [{\"ports\": [{\"port\": \"80\"}], \"rules\": {}}]}")));
    assertEquals(
        List.of(
            "/spec/ingress/0/toPorts/0/rules/dns: field not allowed in a CiliumNetworkPolicy for"
                + " Cilium "
                + target,
            "/spec/ingress/0/toPorts/0/rules: must have exactly one of `http`, `kafka`,"
                + " `l7proto`, found none"),
        validate(
            target,
            ingress(
                "{\"toPorts\": [{\"ports\": [{\"port\": \"53\"}], \"rules\": {\"dns\":"
                    + " [{\"matchPattern\": \"*\"}]}}]}")));
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void ruleNeedsASection(Target target) {
    assertEquals(
        List.of(
            "/spec: must have at least one of `ingress`, `ingressDeny`, `egress`, `egressDeny`"),
        validate(target, cnp("\"description\": \"nothing\"")));
  }

  @Test
  void namespacedPolicyCannotSelectNodes() {
    String json =
        """
        {"apiVersion": "cilium.io/v2", "kind": "CiliumNetworkPolicy",
         "metadata": {"name": "hosts"}, "spec": {"nodeSelector": {}, "ingress": [{}]}}\
        """;
    assertEquals(
        List.of(
            "/spec: missing required field `endpointSelector`",
            "/spec/nodeSelector: field not allowed in a CiliumNetworkPolicy for Cilium 1.18"),
        validate(Target.V1_18, json));
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void clusterwidePolicyNeedsExactlyOneSubject(Target target) {
    assertEquals(List.of(), validate(target, ccnp("{\"nodeSelector\": {}, \"ingress\": [{}]}")));
    assertEquals(
        List.of(), validate(target, ccnp("{\"endpointSelector\": {}, \"ingress\": [{}]}")));
    assertEquals(
        List.of(
            "/spec: must have exactly one of `endpointSelector`, `nodeSelector`, found"
                + " `endpointSelector`, `nodeSelector`"),
        validate(
            target, ccnp("{\"endpointSelector\": {}, \"nodeSelector\": {}, \"ingress\": [{}]}")));
    assertEquals(
        List.of("/spec: must have exactly one of `endpointSelector`, `nodeSelector`, found none"),
        validate(target, ccnp("{\"ingress\": [{}]}")));
  }

  @Test
  void clusterwidePolicyHasNoNamespace() {
    String json =
        """
        {"apiVersion": "cilium.io/v2", "kind": "CiliumClusterwideNetworkPolicy",
         "metadata": {"name": "hosts", "namespace": "shop"},
         "spec": {"endpointSelector": {}, "egress": [{}]}}\
        """;
    assertEquals(
        List.of(
            "/metadata/namespace: field not allowed in a CiliumClusterwideNetworkPolicy for"
                + " Cilium 1.16"),
        validate(Target.V1_16, json));
  }

  @Test
  void specOrSpecsIsRequired() {
    String head =
        """
        {"apiVersion": "cilium.io/v2", "kind": "CiliumNetworkPolicy",
         "metadata": {"name": "web", "namespace": "shop"}\
        """;
    assertEquals(
        List.of("/: must have at least one of `spec`, `specs`"),
        validate(Target.V1_17, head + "}"));
    assertEquals(
        List.of(),
        validate(
            Target.V1_17,
            head
                + ", \"specs\": [{\"endpointSelector\": {}, \"egress\": [{}]},"
                + " {\"endpointSelector\": {}, \"ingress\": [{}]}]}"));
  }

  @Test
  void metadataIsChecked() {
    String json =
        """
        {"apiVersion": "cilium.io/v2", "kind": "CiliumNetworkPolicy",
         "metadata": {"name": "Web_1", "labels": {"team/a/b": "x", "tier": "front end"}},
         "spec": {"endpointSelector": {}, "egress": [{}]}}\
        """;
    assertEquals(
        List.of(
            "/metadata/name: must be a lowercase DNS subdomain name (letters, digits, '-', '.'),"
                + " at most 253 characters, found \"Web_1\"",
            "/metadata/labels: key \"team/a/b\" must be a label key: an optional DNS subdomain"
                + " prefix and '/', then at most 63 letters, digits, '-', '_', '.'",
            "/metadata/labels/tier: must be a label value: at most 63 letters, digits, '-', '_',"
                + " '.', starting and ending with a letter or digit, found \"front end\""),
        validate(Target.V1_18, json));
  }

  @Test
  void unknownOrMissingKindGivesOneMessage() {
    assertEquals(
        List.of(
            "/kind: expected CiliumNetworkPolicy or CiliumClusterwideNetworkPolicy, found"
                + " \"NetworkPolicy\""),
        validate(Target.V1_18, "{\"kind\": \"NetworkPolicy\", \"spec\": {}}"));
    assertEquals(
        List.of(
            "/kind: expected CiliumNetworkPolicy or CiliumClusterwideNetworkPolicy, found none"),
        validate(Target.V1_18, "{\"spec\": {}}"));
    assertEquals(
        List.of("/: expected a policy object, found an array"), validate(Target.V1_18, "[]"));
  }

  @Test
  void modelPoliciesAreCheckedAsWritten() {
    List<PortProtocol> ports =
        IntStream.rangeClosed(1, 41).mapToObj(i -> PortProtocol.of(2000 + i, "TCP")).toList();
    PolicyRule rule =
        new PolicyRule(
            "payments egress",
            new LabelSelector(),
            null,
            null,
            null,
            null,
            List.of(
                EgressRule.empty()
                    .withToFQDNs(List.of(FqdnSelector.name("api.example.com")))
                    .withToPorts(
                        List.of(
                            PortRule.of(
                                List.of(PortProtocol.of(443, "TCP")),
                                L7Rules.dns(List.of(FqdnSelector.pattern("*")))))),
                EgressRule.empty().withToPorts(List.of(PortRule.of(ports, null)))),
            null,
            null,
            null);
    CiliumPolicy policy =
        new CiliumPolicy(
            CiliumPolicy.API_VERSION,
            CiliumPolicy.KIND_NAMESPACED,
            new ObjectMetaBuilder().withName("payments").withNamespace("shop").build(),
            rule,
            null);
    assertEquals(
        List.of("/spec/egress/1/toPorts/0/ports: must have at most 40 items but found 41"),
        SchemaValidator.validate(Target.V1_15, policy));
  }

  @Test
  void concurrentCallsAgree() {
    String json = egress("{\"toEntities\": [\"world-ipv6\"], \"bogus\": 1}");
    List<List<String>> expected =
        Target.all().stream().map(target -> validate(target, json)).toList();
    int targets = expected.size();
    List<List<String>> results =
        IntStream.range(0, 96)
            .parallel()
            .mapToObj(i -> validate(Target.values()[i % targets], json))
            .toList();
    for (int i = 0; i < results.size(); i++) {
      assertEquals(expected.get(i % targets), results.get(i));
    }
    assertEquals(2, expected.get(0).size(), expected.get(0)::toString);
  }
}
