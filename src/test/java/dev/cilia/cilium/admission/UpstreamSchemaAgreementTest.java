package dev.cilia.cilium.admission;

import static dev.cilia.cilium.admission.SchemaValidatorTest.ccnp;
import static dev.cilia.cilium.admission.SchemaValidatorTest.cnp;
import static dev.cilia.cilium.admission.SchemaValidatorTest.egress;
import static dev.cilia.cilium.admission.SchemaValidatorTest.ingress;
import static dev.cilia.cilium.admission.SchemaValidatorTest.tree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.cilia.cilium.PolicyYaml;
import dev.cilia.cilium.Target;
import dev.cilia.cilium.model.CidrRule;
import dev.cilia.cilium.model.CiliumPolicy;
import dev.cilia.cilium.model.DefaultDeny;
import dev.cilia.cilium.model.EgressRule;
import dev.cilia.cilium.model.FqdnSelector;
import dev.cilia.cilium.model.IngressRule;
import dev.cilia.cilium.model.L7Rules;
import dev.cilia.cilium.model.PolicyRule;
import dev.cilia.cilium.model.PortProtocol;
import dev.cilia.cilium.model.PortRule;
import dev.cilia.cilium.model.RuleLabel;
import dev.cilia.cilium.model.ServiceSelector;
import dev.cilia.testing.UpstreamSchemas;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;

/**
 * Our schema accepts a document exactly when the upstream CRD schema of the mapped release does,
 * for documents over the whole field set Cilia emits and mutations of them. Where ours is stricter
 * on purpose (docs/schemas.md), only "accepted by ours ⇒ accepted upstream" is required.
 */
class UpstreamSchemaAgreementTest {
  private static final Path UPSTREAM = Path.of("..", "shared", "reference", "cilium-crd-schemas");
  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
  private static final Map<Path, Schema> UPSTREAM_SCHEMAS = new ConcurrentHashMap<>();

  /**
   * One document. {@code oursAccepts} says on which targets our schema accepts it (so the test
   * cannot pass by rejecting everything); {@code stricter} marks a documented deliberate gap.
   */
  private record Case(
      String name,
      Predicate<Target> oursAccepts,
      boolean stricter,
      Function<Target, JsonNode> document) {}

  private static Predicate<Target> always() {
    return target -> true;
  }

  private static Predicate<Target> never() {
    return target -> false;
  }

  private static Predicate<Target> since(Target first) {
    return target -> target.compareTo(first) >= 0;
  }

  private static Case agree(String name, Predicate<Target> oursAccepts, String json) {
    JsonNode document = tree(json);
    return new Case(name, oursAccepts, false, target -> document);
  }

  private static Case stricter(String name, Predicate<Target> oursAccepts, String json) {
    JsonNode document = tree(json);
    return new Case(name, oursAccepts, true, target -> document);
  }

  /** An item with one port rule. */
  private static String toPorts(String ports) {
    return "{\"toPorts\": [{\"ports\": " + ports + "}]}";
  }

  private static String portList(int count) {
    return IntStream.rangeClosed(1, count)
        .mapToObj(i -> "{\"port\": \"" + (3000 + i) + "\", \"protocol\": \"UDP\"}")
        .collect(Collectors.joining(", ", "[", "]"));
  }

  private static List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    // Everything Cilia emits, on every target.
    cases.add(
        agree(
            "selectors, description, labels",
            always(),
            """
            {"apiVersion": "cilium.io/v2", "kind": "CiliumNetworkPolicy",
             "metadata": {"name": "web", "namespace": "shop",
                          "labels": {"app.kubernetes.io/managed-by": "cilia", "team": "a-1"},
                          "annotations": {"cilia.dev/source": "shop.cilia:3"}},
             "spec": {"description": "web egress",
                      "endpointSelector": {
                        "matchLabels": {"app": "web", "k8s:io.kubernetes.pod.namespace": "shop"},
                        "matchExpressions": [
                          {"key": "tier", "operator": "In", "values": ["a", "b"]},
                          {"key": "canary", "operator": "DoesNotExist"}]},
                      "egress": [{}],
                      "labels": [{"key": "policy", "value": "web", "source": "cilia"}]}}\
            """));
    cases.add(
        agree(
            "endpoint peers",
            always(),
            cnp(
                """
                "egress": [{"toEndpoints": [
                              {"matchLabels": {"k8s:io.kubernetes.pod.namespace": "db"}},
                              {"matchExpressions": [
                                {"key": "app", "operator": "NotIn", "values": ["x"]}]}],
                            "toPorts": [{"ports": [{"port": "5432", "protocol": "TCP"}]}]}],
                "ingress": [{"fromEndpoints": [{}],
                             "toPorts": [{"ports": [{"port": "8080"}]}]}]\
                """)));
    cases.add(
        agree(
            "CIDR peers with except",
            always(),
            cnp(
                """
                "egress": [{"toCIDRSet": [
                              {"cidr": "10.0.0.0/8", "except": ["10.1.0.0/16", "10.2.3.4/32"]},
                              {"cidr": "2001:db8::/32"}, {"cidr": "0.0.0.0/0"}, {"cidr": "::/0"}]},
                           {"toCIDR": ["192.168.0.0/24", "fd00::1/128"]}],
                "ingress": [{"fromCIDRSet": [
                               {"cidr": "172.16.0.0/12", "except": ["172.16.1.0/24"]}]},
                            {"fromCIDR": ["203.0.113.7/32"]}]\
                """)));
    cases.add(
        agree(
            "every entity",
            always(),
            cnp(
                """
                "egress": [{"toEntities": ["all", "world", "cluster", "host", "init", "ingress",
                             "unmanaged", "remote-node", "health", "none", "kube-apiserver"]}],
                "ingress": [{"fromEntities": ["world", "remote-node", "kube-apiserver"]}]\
                """)));
    cases.add(
        agree(
            "FQDN peers with DNS visibility",
            always(),
            cnp(
                """
                "egress": [{"toFQDNs": [{"matchName": "api.example.com"},
                                        {"matchPattern": "*.example.com"},
                                        {"matchName": "trailing.example.com."},
                                        {"matchPattern": "*"}],
                            "toPorts": [{"ports": [{"port": "443", "protocol": "TCP"}]}]},
                           {"toEndpoints": [{"matchLabels": {"k8s:k8s-app": "kube-dns"}}],
                            "toPorts": [{"ports": [{"port": "53", "protocol": "ANY"}],
                                         "rules": {"dns": [{"matchPattern": "*"},
                                                           {"matchName": "db.internal"}]}}]}]\
                """)));
    cases.add(
        agree(
            "services",
            always(),
            egress(
                "{\"toServices\": [{\"k8sService\": {\"serviceName\": \"db\", \"namespace\":"
                    + " \"data\"}}]}")));
    cases.add(
        agree(
            "ports: numbers, zero, names, every protocol but SCTP",
            always(),
            egress(
                toPorts(
                    "[{\"port\": \"0\"}, {\"port\": \"65535\", \"protocol\": \"UDP\"},"
                        + " {\"port\": \"http\", \"protocol\": \"TCP\"}, {\"port\": \"80\","
                        + " \"protocol\": \"ANY\"}]"))));
    cases.add(agree("40 ports", always(), egress(toPorts(portList(40)))));
    cases.add(
        agree(
            "HTTP visibility",
            always(),
            cnp(
                """
                "egress": [{"toEndpoints": [{}],
                            "toPorts": [{"ports": [{"port": "80", "protocol": "TCP"}],
                                         "rules": {"http": [{}]}}]}],
                "ingress": [{"toPorts": [{"ports": [{"port": "8080", "protocol": "TCP"}],
                                          "rules": {"http": [{"method": "GET",
                                                              "path": "/api/.*"}]}}]}]\
                """)));
    cases.add(
        agree(
            "deny sections",
            always(),
            cnp(
                """
                "egressDeny": [{"toEndpoints": [{}],
                                "toPorts": [{"ports": [{"port": "25", "protocol": "TCP"}]}]},
                               {"toCIDRSet": [{"cidr": "169.254.169.254/32"}]},
                               {"toEntities": ["world"]}],
                "ingressDeny": [{"fromEntities": ["world"]},
                                {"fromCIDRSet": [{"cidr": "10.9.0.0/16"}],
                                 "toPorts": [{"ports": [{"port": "22"}]}]}]\
                """)));
    cases.add(
        agree(
            "specs list",
            always(),
            """
            {"apiVersion": "cilium.io/v2", "kind": "CiliumNetworkPolicy",
             "metadata": {"name": "web", "namespace": "shop"},
             "specs": [{"endpointSelector": {}, "egress": [{"toEntities": ["world"]}]},
                       {"endpointSelector": {"matchLabels": {"a": "b"}}, "ingress": [{}]}]}\
            """));
    cases.add(
        agree(
            "clusterwide with endpoint selector",
            always(),
            ccnp("{\"endpointSelector\": {}, \"egress\": [{\"toEntities\": [\"cluster\"]}]}")));
    cases.add(
        agree(
            "clusterwide with node selector",
            always(),
            ccnp(
                "{\"nodeSelector\": {\"matchLabels\": {\"node-role.kubernetes.io/worker\": \"\"}},"
                    + " \"ingress\": [{\"fromEntities\": [\"remote-node\"]}]}")));
    cases.add(
        agree("ICMP by number", always(), egress("{\"icmps\": [{\"fields\": [{\"type\": 8}]}]}")));
    cases.add(modelCase("model policy", always(), false));

    // Fields that arrive with a release.
    cases.add(
        agree(
            "endPort",
            since(Target.V1_16),
            egress(toPorts("[{\"port\": \"30000\", \"endPort\": 30100, \"protocol\": \"TCP\"}]"))));
    cases.add(
        agree(
            "endPort in a deny rule",
            since(Target.V1_16),
            cnp("\"egressDeny\": [" + toPorts("[{\"port\": \"1\", \"endPort\": 1023}]") + "]")));
    cases.add(
        agree(
            "enableDefaultDeny",
            since(Target.V1_16),
            cnp(
                "\"enableDefaultDeny\": {\"ingress\": true, \"egress\": false}, \"egress\":"
                    + " [{\"toEntities\": [\"all\"]}]")));
    cases.add(modelCase("model policy with 1.16 fields", since(Target.V1_16), true));
    cases.add(agree("toNodes", since(Target.V1_16), egress("{\"toNodes\": [{}]}")));
    cases.add(agree("fromNodes", since(Target.V1_16), ingress("{\"fromNodes\": [{}]}")));
    cases.add(
        agree(
            "fromGroups",
            since(Target.V1_16),
            ingress("{\"fromGroups\": [{\"aws\": {\"securityGroupsIds\": [\"sg-1\"]}}]}")));
    cases.add(
        agree(
            "toGroups",
            always(),
            egress(
                "{\"toGroups\": [{\"aws\": {\"labels\": {\"a\": \"b\"}, \"region\": \"x\"}}]}")));
    cases.add(
        agree(
            "log",
            since(Target.V1_18),
            cnp("\"log\": {\"value\": \"shop/web\"}, \"egress\": [{}]")));
    cases.add(
        agree(
            "SCTP",
            since(Target.V1_14),
            egress(toPorts("[{\"port\": \"2905\", \"protocol\": \"SCTP\"}]"))));
    cases.add(
        agree(
            "authentication",
            since(Target.V1_14),
            egress("{\"toEndpoints\": [{}], \"authentication\": {\"mode\": \"required\"}}")));
    cases.add(
        agree(
            "cidrGroupRef on ingress",
            since(Target.V1_14),
            ingress("{\"fromCIDRSet\": [{\"cidrGroupRef\": \"partners\"}]}")));
    cases.add(
        stricter(
            "cidrGroupRef on egress before 1.16",
            since(Target.V1_16),
            egress("{\"toCIDRSet\": [{\"cidrGroupRef\": \"partners\"}]}")));
    cases.add(
        agree(
            "cidrGroupSelector",
            since(Target.V1_17),
            ingress(
                "{\"fromCIDRSet\": [{\"cidrGroupSelector\": {\"matchLabels\": {\"a\":"
                    + " \"b\"}}}]}")));
    cases.add(
        agree(
            "listener",
            since(Target.V1_14),
            egress(
                "{\"toPorts\": [{\"ports\": [{\"port\": \"80\"}], \"listener\": {\"envoyConfig\":"
                    + " {\"kind\": \"CiliumEnvoyConfig\", \"name\": \"e\"}, \"name\": \"l\"}}]}")));
    cases.add(
        agree(
            "listener priority",
            since(Target.V1_16),
            egress(
                "{\"toPorts\": [{\"ports\": [{\"port\": \"80\"}], \"listener\": {\"envoyConfig\":"
                    + " {\"name\": \"e\"}, \"name\": \"l\", \"priority\": 10}}]}")));
    cases.add(
        agree(
            "serverNames",
            since(Target.V1_14),
            egress(
                "{\"toPorts\": [{\"ports\": [{\"port\": \"443\"}], \"serverNames\":"
                    + " [\"shop.example\", \"*.shop.example\"]}]}")));
    cases.add(
        agree(
            "serverNames untyped before 1.18",
            target -> since(Target.V1_14).test(target) && !since(Target.V1_18).test(target),
            egress(
                "{\"toPorts\": [{\"ports\": [{\"port\": \"443\"}], \"serverNames\": [\"a"
                    + " b\"]}]}")));
    cases.add(
        agree(
            "ICMP by name",
            since(Target.V1_16),
            egress(
                "{\"icmps\": [{\"fields\": [{\"family\": \"IPv6\", \"type\":"
                    + " \"EchoRequest\"}]}]}")));

    // Mutations both reject.
    cases.add(agree("unknown field", never(), egress("{\"toEndpoints\": [{}], \"toPort\": []}")));
    cases.add(agree("world-ipv4", never(), egress("{\"toEntities\": [\"world-ipv4\"]}")));
    cases.add(agree("world-ipv6", never(), ingress("{\"fromEntities\": [\"world-ipv6\"]}")));
    cases.add(
        agree(
            "lowercase protocol",
            never(),
            egress(toPorts("[{\"port\": \"80\", \"protocol\": \"tcp\"}]"))));
    cases.add(
        agree(
            "ICMP protocol",
            never(),
            egress(toPorts("[{\"port\": \"0\", \"protocol\": \"ICMP\"}]"))));
    cases.add(agree("port missing", never(), egress(toPorts("[{\"protocol\": \"TCP\"}]"))));
    cases.add(agree("port as a number", never(), egress(toPorts("[{\"port\": 80}]"))));
    cases.add(
        agree(
            "endPort too large",
            never(),
            egress(toPorts("[{\"port\": \"1\", \"endPort\": 70000}]"))));
    cases.add(
        agree(
            "bad label value",
            never(),
            egress("{\"toEndpoints\": [{\"matchLabels\": {\"app\": \"a b\"}}]}")));
    cases.add(
        agree(
            "bad operator",
            never(),
            egress(
                "{\"toEndpoints\": [{\"matchExpressions\": [{\"key\": \"a\", \"operator\":"
                    + " \"Is\"}]}]}")));
    cases.add(
        agree(
            "FQDN with a space", never(), egress("{\"toFQDNs\": [{\"matchName\": \"a b.com\"}]}")));
    cases.add(
        agree(
            "FQDN pattern with brackets",
            never(),
            egress("{\"toFQDNs\": [{\"matchPattern\": \"[a].example.com\"}]}")));
    cases.add(
        agree(
            "toFQDNs in a deny rule",
            never(),
            cnp("\"egressDeny\": [{\"toFQDNs\": [{\"matchName\": \"a.com\"}]}]")));
    cases.add(
        agree(
            "CIDR entry without cidr",
            never(),
            egress("{\"toCIDRSet\": [{\"except\": [\"10.0.0.0/8\"]}]}")));
    cases.add(
        agree(
            "enableDefaultDeny with an unknown field",
            never(),
            cnp("\"enableDefaultDeny\": {\"egres\": false}, \"egress\": [{}]")));
    cases.add(
        agree(
            "log longer than 32",
            never(),
            cnp("\"log\": {\"value\": \"" + "x".repeat(33) + "\"}, \"egress\": [{}]")));
    cases.add(
        agree(
            "authentication in a deny rule",
            never(),
            cnp(
                "\"ingressDeny\": [{\"fromEndpoints\": [{}], \"authentication\": {\"mode\":"
                    + " \"required\"}}]")));
    cases.add(
        agree(
            "unknown authentication mode",
            never(),
            egress("{\"toEndpoints\": [{}], \"authentication\": {\"mode\": \"always\"}}")));
    cases.add(
        agree(
            "both subject selectors in a CNP",
            never(),
            """
            {"apiVersion": "cilium.io/v2", "kind": "CiliumNetworkPolicy", "metadata": {"name": "a"},
             "spec": {"endpointSelector": {}, "nodeSelector": {}, "egress": [{}]}}\
            """));
    cases.add(agree("no subject selector", never(), ccnp("{\"egress\": [{}]}")));
    cases.add(
        agree(
            "both subject selectors in a CCNP",
            never(),
            ccnp("{\"endpointSelector\": {}, \"nodeSelector\": {}, \"egress\": [{}]}")));
    cases.add(
        agree(
            "metadata missing",
            never(),
            "{\"apiVersion\": \"cilium.io/v2\", \"kind\": \"CiliumNetworkPolicy\","
                + " \"spec\": {\"endpointSelector\": {}, \"egress\": [{}]}}"));
    cases.add(
        agree(
            "service selector without selector",
            never(),
            egress("{\"toServices\": [{\"k8sServiceSelector\": {\"namespace\": \"a\"}}]}")));
    cases.add(
        agree(
            "rule label without key",
            never(),
            cnp("\"labels\": [{\"value\": \"v\"}], \"egress\": [{}]")));
    cases.add(
        agree(
            "ICMP name that is no name",
            never(),
            egress("{\"icmps\": [{\"fields\": [{\"type\": \"Ping\"}]}]}")));
    cases.add(
        agree(
            "ICMP family",
            never(),
            egress("{\"icmps\": [{\"fields\": [{\"family\": \"IPv5\", \"type\": 8}]}]}")));

    // Mutations only ours rejects (docs/schemas.md, "Stricter than upstream").
    cases.add(stricter("41 ports", never(), egress(toPorts(portList(41)))));
    cases.add(
        stricter(
            "41 ports in a deny rule",
            never(),
            cnp("\"ingressDeny\": [" + toPorts(portList(41)) + "]")));
    cases.add(
        stricter(
            "41 ICMP fields",
            never(),
            egress(
                IntStream.range(0, 41)
                    .mapToObj(i -> "{\"type\": " + i + "}")
                    .collect(Collectors.joining(", ", "{\"icmps\": [{\"fields\": [", "]}]}")))));
    cases.add(
        stricter(
            "ICMP type 300", never(), egress("{\"icmps\": [{\"fields\": [{\"type\": 300}]}]}")));
    cases.add(
        stricter(
            "FQDN name and pattern",
            never(),
            egress("{\"toFQDNs\": [{\"matchName\": \"a.com\", \"matchPattern\": \"*.a.com\"}]}")));
    cases.add(stricter("empty FQDN selector", never(), egress("{\"toFQDNs\": [{}]}")));
    cases.add(
        stricter(
            "FQDN longer than 255",
            never(),
            egress("{\"toFQDNs\": [{\"matchName\": \"" + "a.".repeat(128) + "com\"}]}")));
    cases.add(stricter("port 99999", never(), egress(toPorts("[{\"port\": \"99999\"}]"))));
    cases.add(stricter("port with junk", never(), egress(toPorts("[{\"port\": \"80!\"}]"))));
    cases.add(
        stricter(
            "port name too long", never(), egress(toPorts("[{\"port\": \"averylongportname\"}]"))));
    cases.add(stricter("CIDR prefix too long", never(), egress("{\"toCIDR\": [\"10.0.0.0/33\"]}")));
    cases.add(stricter("CIDR without prefix", never(), egress("{\"toCIDR\": [\"10.0.0.1\"]}")));
    cases.add(
        stricter("CIDR with leading zero", never(), ingress("{\"fromCIDR\": [\"10.0.0.01/32\"]}")));
    cases.add(
        stricter(
            "except not a CIDR",
            never(),
            egress("{\"toCIDRSet\": [{\"cidr\": \"10.0.0.0/8\", \"except\": [\"x\"]}]}")));
    cases.add(
        stricter(
            "empty L7 rules",
            never(),
            egress("{\"toPorts\": [{\"ports\": [{\"port\": \"80\"}], \"rules\": {}}]}")));
    cases.add(
        stricter(
            "two L7 kinds",
            never(),
            egress(
                "{\"toPorts\": [{\"ports\": [{\"port\": \"53\"}], \"rules\": {\"http\": [{}],"
                    + " \"dns\": [{\"matchPattern\": \"*\"}]}}]}")));
    cases.add(
        stricter(
            "l7 without l7proto",
            never(),
            egress(
                "{\"toPorts\": [{\"ports\": [{\"port\": \"80\"}], \"rules\": {\"http\": [{}],"
                    + " \"l7\": [{}]}}]}")));
    cases.add(
        stricter(
            "DNS rules on ingress",
            never(),
            ingress(
                "{\"toPorts\": [{\"ports\": [{\"port\": \"53\"}], \"rules\": {\"dns\":"
                    + " [{\"matchPattern\": \"*\"}]}}]}")));
    cases.add(
        stricter(
            "listener on ingress",
            never(),
            ingress(
                "{\"toPorts\": [{\"ports\": [{\"port\": \"80\"}], \"listener\": {\"envoyConfig\":"
                    + " {\"name\": \"e\"}, \"name\": \"l\"}}]}")));
    cases.add(
        stricter(
            "empty header match name",
            never(),
            egress(
                "{\"toPorts\": [{\"ports\": [{\"port\": \"80\", \"protocol\": \"TCP\"}], \"rules\":"
                    + " {\"http\": [{\"headerMatches\": [{\"name\": \"\"}]}]}}]}")));
    cases.add(
        stricter(
            "empty server name",
            never(),
            egress(
                "{\"toPorts\": [{\"ports\": [{\"port\": \"443\"}], \"serverNames\": [\"\"]}]}")));
    cases.add(stricter("rule without sections", never(), cnp("\"description\": \"nothing\"")));
    cases.add(
        stricter(
            "node selector in a CNP",
            never(),
            """
            {"apiVersion": "cilium.io/v2", "kind": "CiliumNetworkPolicy", "metadata": {"name": "a"},
             "spec": {"nodeSelector": {}, "egress": [{}]}}\
            """));
    cases.add(
        stricter(
            "neither spec nor specs",
            never(),
            "{\"apiVersion\": \"cilium.io/v2\", \"kind\": \"CiliumNetworkPolicy\", \"metadata\":"
                + " {\"name\": \"a\"}}"));
    cases.add(
        stricter(
            "empty specs",
            never(),
            "{\"apiVersion\": \"cilium.io/v2\", \"kind\": \"CiliumNetworkPolicy\", \"metadata\":"
                + " {\"name\": \"a\"}, \"specs\": []}"));
    cases.add(
        stricter(
            "status",
            never(),
            "{\"apiVersion\": \"cilium.io/v2\", \"kind\": \"CiliumNetworkPolicy\", \"metadata\":"
                + " {\"name\": \"a\"}, \"spec\": {\"endpointSelector\": {}, \"egress\": [{}]},"
                + " \"status\": {}}"));
    cases.add(
        stricter(
            "other apiVersion",
            never(),
            "{\"apiVersion\": \"cilium.io/v1\", \"kind\": \"CiliumNetworkPolicy\", \"metadata\":"
                + " {\"name\": \"a\"}, \"spec\": {\"endpointSelector\": {}, \"egress\": [{}]}}"));
    cases.add(
        stricter(
            "metadata name not a DNS name",
            never(),
            "{\"apiVersion\": \"cilium.io/v2\", \"kind\": \"CiliumNetworkPolicy\", \"metadata\":"
                + " {\"name\": \"Web_1\"}, \"spec\": {\"endpointSelector\": {}, \"egress\":"
                + " [{}]}}"));
    cases.add(
        stricter(
            "metadata label value with a space",
            never(),
            "{\"apiVersion\": \"cilium.io/v2\", \"kind\": \"CiliumNetworkPolicy\","
                + " \"metadata\": {\"name\": \"a\", \"labels\": {\"a\": \"b c\"}},"
                + " \"spec\": {\"endpointSelector\": {}, \"egress\": [{}]}}"));
    cases.add(
        stricter(
            "unknown metadata field",
            never(),
            "{\"apiVersion\": \"cilium.io/v2\", \"kind\": \"CiliumNetworkPolicy\","
                + " \"metadata\": {\"name\": \"a\", \"uid\": \"1\"},"
                + " \"spec\": {\"endpointSelector\": {}, \"egress\": [{}]}}"));
    return cases;
  }

  /** A policy built from the model and written by {@link PolicyYaml}, as the compiler does. */
  private static Case modelCase(String name, Predicate<Target> oursAccepts, boolean newFields) {
    LabelSelector web = new LabelSelectorBuilder().addToMatchLabels("app", "web").build();
    LabelSelector dns =
        new LabelSelectorBuilder()
            .addToMatchLabels("k8s:io.kubernetes.pod.namespace", "kube-system")
            .addToMatchLabels("k8s:k8s-app", "kube-dns")
            .build();
    PortProtocol range =
        newFields ? new PortProtocol("30000", 30100, "TCP") : PortProtocol.of(30000, "TCP");
    List<EgressRule> egress =
        List.of(
            EgressRule.empty()
                .withToEndpoints(List.of(dns))
                .withToPorts(
                    List.of(
                        PortRule.of(
                            List.of(PortProtocol.of(53, "UDP"), PortProtocol.of(53, "TCP")),
                            L7Rules.dns(List.of(FqdnSelector.pattern("*")))))),
            EgressRule.empty()
                .withToFQDNs(List.of(FqdnSelector.name("api.example.com")))
                .withToPorts(List.of(PortRule.of(List.of(PortProtocol.of(443, "TCP")), null))),
            EgressRule.empty()
                .withToCIDRSet(List.of(CidrRule.of("10.0.0.0/8", List.of("10.1.0.0/16"))))
                .withToPorts(List.of(PortRule.of(List.of(range), null))),
            EgressRule.empty().withToServices(List.of(ServiceSelector.named("db", "data"))),
            EgressRule.empty()
                .withToEndpoints(List.of(web))
                .withToPorts(
                    List.of(
                        PortRule.of(
                            List.of(PortProtocol.of(80, "TCP")), L7Rules.httpVisibility()))));
    List<IngressRule> ingress =
        List.of(
            IngressRule.empty().withFromEntities(List.of("kube-apiserver")),
            IngressRule.empty()
                .withFromCIDRSet(List.of(CidrRule.of("192.0.2.0/24", List.of())))
                .withToPorts(List.of(PortRule.of(List.of(PortProtocol.of(8443, "TCP")), null))));
    PolicyRule rule =
        new PolicyRule(
            "compiled by cilia",
            web,
            null,
            newFields ? new DefaultDeny(null, false) : null,
            ingress,
            List.of(IngressRule.empty().withFromEntities(List.of("world"))),
            egress,
            List.of(EgressRule.empty().withToEntities(List.of("world"))),
            List.of(new RuleLabel("cilia.dev/policy", "web", null)),
            null);
    CiliumPolicy policy =
        new CiliumPolicy(
            CiliumPolicy.API_VERSION,
            CiliumPolicy.KIND_NAMESPACED,
            new ObjectMetaBuilder()
                .withName("web")
                .withNamespace("shop")
                .addToLabels("app.kubernetes.io/managed-by", "cilia")
                .build(),
            rule,
            null);
    JsonNode document = PolicyYaml.toTree(policy);
    return new Case(name, oursAccepts, false, target -> document);
  }

  private static boolean upstreamAccepts(Target target, JsonNode document) {
    String file =
        CiliumPolicy.KIND_CLUSTERWIDE.equals(document.path("kind").asString(""))
            ? "ciliumclusterwidenetworkpolicy_v2.json"
            : "ciliumnetworkpolicy_v2.json";
    Path path = UPSTREAM.resolve(target.upstreamSchemaVersion()).resolve(file);
    Schema schema =
        UPSTREAM_SCHEMAS.computeIfAbsent(
            path,
            p -> {
              try {
                return REGISTRY.getSchema(tree(Files.readString(p)));
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    return schema.validate(document).isEmpty();
  }

  @TestFactory
  Stream<DynamicTest> oursAcceptsWhatUpstreamAccepts() {
    UpstreamSchemas.assumePresent();
    List<Case> cases = cases();
    return Target.all().stream()
        .flatMap(
            target ->
                cases.stream()
                    .map(
                        c ->
                            DynamicTest.dynamicTest(
                                target + " " + c.name(), () -> check(target, c))));
  }

  private static void check(Target target, Case c) {
    JsonNode document = c.document().apply(target);
    List<String> ours = SchemaValidator.validate(target, document);
    assertEquals(
        SchemaValidator.violations(target, document, false).isEmpty(),
        ours.isEmpty(),
        "plain check and schema library disagree");
    boolean upstream = upstreamAccepts(target, document);
    assertEquals(c.oursAccepts().test(target), ours.isEmpty(), () -> "ours: " + ours);
    if (c.stricter()) {
      assertTrue(!ours.isEmpty() || upstream, "ours accepts what upstream rejects");
    } else {
      assertEquals(
          upstream,
          ours.isEmpty(),
          () ->
              "upstream "
                  + target.upstreamSchemaVersion()
                  + (upstream ? " accepts" : " rejects")
                  + ", ours: "
                  + ours);
    }
  }
}
