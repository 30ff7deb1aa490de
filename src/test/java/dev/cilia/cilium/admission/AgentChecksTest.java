package dev.cilia.cilium.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cilia.cilium.PolicyYaml;
import dev.cilia.cilium.Target;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AgentChecksTest {
  private static final String CNP =
      """
      apiVersion: cilium.io/v2
      kind: CiliumNetworkPolicy
      metadata: {name: p, namespace: shop}
      """;

  private static final String CCNP =
      """
      apiVersion: cilium.io/v2
      kind: CiliumClusterwideNetworkPolicy
      metadata: {name: p}
      """;

  private static List<AgentViolation> check(Target target, String yaml) {
    return AgentChecks.check(target, PolicyYaml.read(yaml));
  }

  private static void assertOnly(
      List<AgentViolation> found, String rule, String path, String message) {
    assertEquals(List.of(new AgentViolation(rule, path, message)), found);
  }

  private static void assertNone(List<AgentViolation> found) {
    assertEquals(List.of(), found);
  }

  /** {@code n} port entries {@code 1000, 1001, …} as one flow-style YAML list. */
  private static String ports(int n) {
    return IntStream.range(0, n)
        .mapToObj(i -> "{port: \"" + (1000 + i) + "\", protocol: TCP}")
        .collect(Collectors.joining(", ", "[", "]"));
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void theVisibilityPolicyPassesOnEveryTarget(Target target) {
    assertNone(
        check(
            target,
            CNP
                + """
                spec:
                  endpointSelector: {}
                  egress:
                  - toPorts:
                    - ports: [{port: "53", protocol: ANY}]
                      rules: {dns: [{matchPattern: "*"}]}
                  - toEndpoints:
                    - matchLabels: {k8s:io.kubernetes.pod.namespace: shop, app: web}
                    toPorts:
                    - ports: [{port: "80", protocol: TCP}, {port: "8080", protocol: TCP}]
                      rules: {http: [{}]}
                  - toCIDRSet: [{cidr: 10.0.0.0/8, except: [10.1.0.0/16]}]
                  - toFQDNs: [{matchName: db_1.example.com}, {matchPattern: "*.example.com"}]
                    toPorts: [{ports: [{port: "1521", protocol: TCP}]}]
                  - toEntities: [kube-apiserver]
                    toPorts: [{ports: [{port: https, protocol: TCP}]}]
                  ingress:
                  - fromEndpoints: [{matchExpressions: [{key: app, operator: In, values: [a]}]}]
                  - icmps: [{fields: [{family: IPv4, type: 8}]}]
                """));
  }

  @Nested
  class Object {
    @Test
    void o1NameIsRequired() {
      assertOnly(
          check(
              Target.V1_17,
              """
              apiVersion: cilium.io/v2
              kind: CiliumClusterwideNetworkPolicy
              metadata: {}
              spec: {endpointSelector: {}, egress: [{}]}
              """),
          "O1",
          "/metadata/name",
          "CiliumClusterwideNetworkPolicy must have name");
      assertNone(check(Target.V1_17, CCNP + "spec: {endpointSelector: {}, egress: [{}]}\n"));
    }

    @Test
    void o2SpecOrSpecsIsRequired() {
      assertOnly(
          check(Target.V1_16, CNP), "O2", "", "Invalid CiliumNetworkPolicy spec(s): empty policy");
      assertNone(check(Target.V1_16, CNP + "specs: [{endpointSelector: {}, egress: [{}]}]\n"));
    }
  }

  @Nested
  class Rule {
    @Test
    void v1SomeSectionIsRequiredFrom117() {
      String noSection = CNP + "spec: {endpointSelector: {}, egress: []}\n";
      assertNone(check(Target.V1_16, noSection));
      assertOnly(
          check(Target.V1_17, noSection),
          "V1",
          "/spec",
          "rule must have at least one of Ingress, IngressDeny, Egress, EgressDeny");
      assertNone(check(Target.V1_17, CNP + "spec: {endpointSelector: {}, egressDeny: [{}]}\n"));
    }

    @Test
    void v2ExactlyOneSubjectSelector() {
      assertOnly(
          check(Target.V1_18, CCNP + "spec: {egress: [{}]}\n"),
          "V2",
          "/spec",
          "rule must have one of EndpointSelector or NodeSelector");
      assertOnly(
          check(
              Target.V1_18,
              CCNP + "spec: {endpointSelector: {}, nodeSelector: {}, egress: [{}]}\n"),
          "V2",
          "/spec",
          "rule cannot have both EndpointSelector and NodeSelector");
      assertNone(check(Target.V1_18, CCNP + "spec: {nodeSelector: {}, egress: [{}]}\n"));
    }

    @Test
    void v3NamespacedPolicyCannotSelectNodes() {
      assertOnly(
          check(Target.V1_16, CNP + "specs: [{nodeSelector: {}, ingress: [{}]}]\n"),
          "V3",
          "/specs/0/nodeSelector",
          "Invalid CiliumNetworkPolicy spec: rule cannot have NodeSelector");
      assertNone(check(Target.V1_16, CCNP + "specs: [{nodeSelector: {}, ingress: [{}]}]\n"));
    }

    @Test
    void v4InAndNotInNeedValues() {
      assertOnly(
          check(
              Target.V1_17,
              CNP
                  + """
                  spec:
                    endpointSelector: {}
                    egress:
                    - toEndpoints: [{matchExpressions: [{key: app, operator: NotIn}]}]
                  """),
          "V4",
          "/spec/egress/0/toEndpoints/0",
          "invalid label selector: matchExpressions[0].values: Required value: must be specified"
              + " when `operator` is 'In' or 'NotIn'");
      assertNone(
          check(
              Target.V1_17,
              CNP
                  + """
                  spec:
                    endpointSelector: {}
                    egress:
                    - toEndpoints: [{matchExpressions: [{key: app, operator: NotIn, values: [a]}]}]
                  """));
    }

    @Test
    void v4ExistsTakesNoValues() {
      assertOnly(
          check(
              Target.V1_13,
              CNP
                  + """
                  spec:
                    endpointSelector:
                      matchExpressions: [{key: k8s:app, operator: Exists, values: [x]}]
                    ingress: [{}]
                  """),
          "V4",
          "/spec/endpointSelector",
          "invalid label selector: matchExpressions[0].values: Forbidden: may not be specified"
              + " when `operator` is 'Exists' or 'DoesNotExist'");
      assertNone(
          check(
              Target.V1_13,
              CNP
                  + """
                  spec:
                    endpointSelector:
                      matchExpressions: [{key: k8s:app, operator: Exists}]
                    ingress: [{}]
                  """));
    }

    @Test
    void v4KeysAndValuesFollowKubernetes() {
      assertOnly(
          check(
              Target.V1_18,
              CNP
                  + """
                  spec:
                    endpointSelector: {}
                    ingress:
                    - fromEndpoints: [{matchLabels: {"k8s:my app": web}}]
                  """),
          "V4",
          "/spec/ingress/0/fromEndpoints/0",
          "invalid label selector: matchLabels: Invalid value: \"k8s.my app\": name part must"
              + " consist of alphanumeric characters, '-', '_' or '.', and must start and end with"
              + " an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex"
              + " used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')");
      assertOnly(
          check(
              Target.V1_18,
              CNP
                  + """
                  spec:
                    endpointSelector: {}
                    ingress:
                    - fromEndpoints: [{matchLabels: {app: "web!"}}]
                  """),
          "V4",
          "/spec/ingress/0/fromEndpoints/0",
          "invalid label selector: matchLabels: Invalid value: \"web!\": a valid label must be an"
              + " empty string or consist of alphanumeric characters, '-', '_' or '.', and must"
              + " start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value', "
              + " or '12345', regex used for validation is"
              + " '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");
      assertNone(
          check(
              Target.V1_18,
              CNP
                  + """
                  spec:
                    endpointSelector: {}
                    ingress:
                    - fromEndpoints:
                      - matchLabels:
                          k8s:app.kubernetes.io/name: web
                          io.cilium.k8s.namespace.labels.kubernetes.io/metadata.name: shop
                          reserved:host: ""
                  """));
    }

    @Test
    void v4CountsTheSourcePrefixInTheKeyLength() {
      // The agent validates "any.<key>", so a 60-character key is 64 characters long there.
      String key = "a".repeat(60);
      assertOnly(
          check(
              Target.V1_18,
              CNP
                  + "spec:\n  endpointSelector: {matchLabels: {"
                  + key
                  + ": x}}\n  ingress: [{}]\n"),
          "V4",
          "/spec/endpointSelector",
          "invalid label selector: matchLabels: Invalid value: \"any."
              + key
              + "\": name part must be no more than 63 characters");
      assertNone(
          check(
              Target.V1_18,
              CNP
                  + "spec:\n  endpointSelector: {matchLabels: {"
                  + "a".repeat(59)
                  + ": x}}\n  ingress: [{}]\n"));
    }
  }

  @Nested
  class Peers {
    @Test
    void v5OneL3PeerKindPerEgressItem() {
      String doc =
          CNP
              + """
              spec:
                endpointSelector: {}
                egress:
                - toEndpoints: [{}]
                  toCIDR: [10.0.0.0/8]
              """;
      assertOnly(
          check(Target.V1_17, doc),
          "V5",
          "/spec/egress/0",
          "combining ToCIDR and ToEndpoints is not supported yet");
      assertOnly(
          check(Target.V1_16, doc),
          "V5",
          "/spec/egress/0",
          "Combining ToCIDR and ToEndpoints is not supported yet");
    }

    @Test
    void v5OneL3PeerKindPerIngressItemButRequiresDoNotCount() {
      assertOnly(
          check(
              Target.V1_18,
              CNP
                  + """
                  spec:
                    endpointSelector: {}
                    ingress:
                    - fromEndpoints: [{matchLabels: {app: a}}]
                      fromEntities: [world]
                  """),
          "V5",
          "/spec/ingress/0",
          "combining FromEndpoints and FromEntities is not supported yet");
      assertNone(
          check(
              Target.V1_18,
              CNP
                  + """
                  spec:
                    endpointSelector: {}
                    ingress:
                    - fromEndpoints: [{matchLabels: {app: a}}]
                      fromRequires: [{matchLabels: {env: prod}}]
                  """));
    }

    @Test
    void v6ToServicesWithToPortsOnlyRejectedFrom114To116() {
      String doc =
          CNP
              + """
              spec:
                endpointSelector: {}
                egress:
                - toServices: [{k8sService: {serviceName: db, namespace: shop}}]
                  toPorts: [{ports: [{port: "5432", protocol: TCP}]}]
              """;
      assertOnly(
          check(Target.V1_14, doc),
          "V6",
          "/spec/egress/0",
          "Combining ToServices and ToPorts is not supported yet");
      assertOnly(
          check(Target.V1_16, doc),
          "V6",
          "/spec/egress/0",
          "Combining ToServices and ToPorts is not supported yet");
      assertNone(check(Target.V1_13, doc));
      assertNone(check(Target.V1_17, doc));
    }

    @Test
    void v14EntityMustBeKnown() {
      assertOnly(
          check(
              Target.V1_17,
              CNP + "spec: {endpointSelector: {}, egress: [{toEntities: [world-ipv4]}]}\n"),
          "V14",
          "/spec/egress/0/toEntities/0",
          "unsupported entity: world-ipv4");
      assertNone(
          check(
              Target.V1_17,
              CNP
                  + "spec: {endpointSelector: {}, egress: [{toEntities: [world,"
                  + " remote-node]}]}\n"));
    }

    @Test
    void v15OnlyOneOfNameOrPattern() {
      assertOnly(
          check(
              Target.V1_15,
              CNP
                  + """
                  spec:
                    endpointSelector: {}
                    egress:
                    - toFQDNs: [{matchName: a.example.com, matchPattern: "*.example.com"}]
                  """),
          "V15",
          "/spec/egress/0/toFQDNs/0",
          "only one of MatchName or MatchPattern is allowed in an FQDNSelector");
      assertNone(
          check(
              Target.V1_15,
              CNP
                  + """
                  spec:
                    endpointSelector: {}
                    egress:
                    - toFQDNs: [{matchName: a.example.com}, {matchPattern: "*.example.com"}]
                  """));
    }

    @Test
    void v15NameCharacters() {
      assertOnly(
          check(
              Target.V1_18,
              CNP
                  + """
                  spec:
                    endpointSelector: {}
                    egress:
                    - toFQDNs: [{matchName: "*.example.com"}]
                  """),
          "V15",
          "/spec/egress/0/toFQDNs/0/matchName",
          "Invalid characters in MatchName: \"*.example.com\". Only 0-9, a-z, A-Z and . and -"
              + " characters are allowed");
      assertNone(
          check(
              Target.V1_18,
              CNP
                  + """
                  spec:
                    endpointSelector: {}
                    egress:
                    - toFQDNs: [{matchName: _sip._tcp.Example.com.}]
                  """));
    }

    @Test
    void v15PatternCharactersAlsoInDnsRules() {
      assertOnly(
          check(
              Target.V1_18,
              CNP
                  + """
                  spec:
                    endpointSelector: {}
                    egress:
                    - toPorts:
                      - ports: [{port: "53", protocol: ANY}]
                        rules: {dns: [{matchPattern: "[a-z]*.example.com"}]}
                  """),
          "V15",
          "/spec/egress/0/toPorts/0/rules/dns/0/matchPattern",
          "Invalid characters in MatchPattern: \"[a-z]*.example.com\". Only 0-9, a-z, A-Z and .,"
              + " - and * characters are allowed");
      assertNone(
          check(
              Target.V1_18,
              CNP
                  + """
                  spec:
                    endpointSelector: {}
                    egress:
                    - toPorts:
                      - ports: [{port: "53", protocol: ANY}]
                        rules: {dns: [{matchPattern: "*"}, {matchPattern: "api-*.example.com"}]}
                  """));
    }

    @Test
    void v15TheCrdRefusesEmptyLabelsAndMissingNames() {
      assertOnly(
          check(
              Target.V1_14,
              CNP
                  + """
                  spec:
                    endpointSelector: {}
                    egress:
                    - toFQDNs: [{matchName: "api..example.com"}]
                  """),
          "V15",
          "/spec/egress/0/toFQDNs/0/matchName",
          "spec.egress[0].toFQDNs[0].matchName: Invalid value: \"api..example.com\":"
              + " spec.egress[0].toFQDNs[0].matchName in body should match"
              + " '^([-a-zA-Z0-9_]+[.]?)+$'");
      String empty = CNP + "spec: {endpointSelector: {}, egress: [{toFQDNs: [{}]}]}\n";
      assertNone(check(Target.V1_15, empty));
      assertOnly(
          check(Target.V1_16, empty),
          "V15",
          "/spec/egress/0/toFQDNs/0",
          "spec.egress[0].toFQDNs[0]: Invalid value: \"object\": must validate one and only one"
              + " schema (oneOf)");
    }

    @Test
    void v28CidrParses() {
      assertOnly(
          check(
              Target.V1_17,
              CNP + "spec: {endpointSelector: {}, egress: [{toCIDR: [10.0.0.0/33]}]}\n"),
          "V28",
          "/spec/egress/0/toCIDR/0",
          "unable to parse CIDR: ParseAddr(\"10.0.0.0/33\"): unexpected character (at \"/33\")");
      assertOnly(
          check(
              Target.V1_17, CNP + "spec: {endpointSelector: {}, ingress: [{fromCIDR: [\"\"]}]}\n"),
          "V28",
          "/spec/ingress/0/fromCIDR/0",
          "IP must be specified");
      assertOnly(
          check(
              Target.V1_17,
              CNP + "spec: {endpointSelector: {}, egress: [{toCIDR: [010.0.0.1]}]}\n"),
          "V28",
          "/spec/egress/0/toCIDR/0",
          "unable to parse CIDR: ParseAddr(\"010.0.0.1\"): IPv4 field has octet with leading zero");
      assertNone(
          check(
              Target.V1_17,
              CNP
                  + """
                  spec:
                    endpointSelector: {}
                    egress:
                    - toCIDR:
                      - 10.0.0.1
                      - 10.0.0.1/8
                      - "2001:db8::/32"
                      - "::ffff:10.0.0.1"
                      - "fe80::1%eth0"
                  """));
    }

    @Test
    void v29ExceptMustBeInsideTheCidr() {
      assertOnly(
          check(
              Target.V1_13,
              CNP
                  + """
                  spec:
                    endpointSelector: {}
                    egress:
                    - toCIDRSet: [{cidr: 10.0.0.0/8, except: [192.168.0.0/16]}]
                  """),
          "V29",
          "/spec/egress/0/toCIDRSet/0/except/0",
          "allow CIDR prefix 10.0.0.0/8 does not contain exclude CIDR prefix 192.168.0.0/16");
      assertOnly(
          check(
              Target.V1_18,
              CNP
                  + """
                  spec:
                    endpointSelector: {}
                    egress:
                    - toCIDRSet: [{cidr: "2001:db8::/32", except: [10.0.0.0/8]}]
                  """),
          "V29",
          "/spec/egress/0/toCIDRSet/0/except/0",
          "allow CIDR prefix 2001:db8::/32 does not contain exclude CIDR prefix 10.0.0.0/8");
      assertNone(
          check(
              Target.V1_18,
              CNP
                  + """
                  spec:
                    endpointSelector: {}
                    egress:
                    - toCIDRSet: [{cidr: "2001:db8::/32", except: ["2001:db8:1::/48"]}]
                  """));
    }

    @Test
    void v29CidrRuleParsesWithTheTargetsWording() {
      String doc =
          CNP
              + """
              spec:
                endpointSelector: {}
                ingress:
                - fromCIDRSet: [{cidr: 10.0.0.1}]
              """;
      assertOnly(
          check(Target.V1_16, doc),
          "V29",
          "/spec/ingress/0/fromCIDRSet/0/cidr",
          "Unable to parse CIDRRule \"10.0.0.1\": netip.ParsePrefix(\"10.0.0.1\"): no '/'");
      assertOnly(
          check(Target.V1_17, doc),
          "V29",
          "/spec/ingress/0/fromCIDRSet/0/cidr",
          "unable to parse CIDRRule \"10.0.0.1\": netip.ParsePrefix(\"10.0.0.1\"): no '/'");
      assertOnly(
          check(
              Target.V1_17,
              CNP
                  + """
                  spec:
                    endpointSelector: {}
                    ingress:
                    - fromCIDRSet: [{cidr: 10.0.0.0/8, except: [10.1.0.0/016]}]
                  """),
          "V29",
          "/spec/ingress/0/fromCIDRSet/0/except/0",
          "netip.ParsePrefix(\"10.1.0.0/016\"): bad bits after slash: \"016\"");
    }

    @Test
    void v29ExactlyOneOfCidrGroupRefOrSelectorFrom117() {
      String both =
          CNP
              + """
              spec:
                endpointSelector: {}
                ingress:
                - fromCIDRSet: [{cidr: 10.0.0.0/8, cidrGroupRef: partners}]
              """;
      assertOnly(
          check(Target.V1_17, both),
          "V29",
          "/spec/ingress/0/fromCIDRSet/0",
          "more than one of cidr, cidrGroupRef, or cidrGroupSelector may not be set");
      // Before 1.17 a cidrGroupRef short-cuts every other check.
      assertNone(check(Target.V1_16, both));
      assertOnly(
          check(
              Target.V1_17,
              CNP + "spec: {endpointSelector: {}, ingress: [{fromCIDRSet: [{except: []}]}]}\n"),
          "V29",
          "/spec/ingress/0/fromCIDRSet/0",
          "one of cidr, cidrGroupRef, or cidrGroupSelector is required");
      assertNone(
          check(
              Target.V1_17,
              CNP
                  + """
                  spec:
                    endpointSelector: {}
                    ingress:
                    - fromCIDRSet: [{cidrGroupSelector: {matchLabels: {team: partners}}}]
                  """));
    }

    @Test
    void v29CidrGroupSelectorIsAValidLabelSelector() {
      assertOnly(
          check(
              Target.V1_18,
              CNP
                  + """
                  spec:
                    endpointSelector: {}
                    ingress:
                    - fromCIDRSet:
                      - cidrGroupSelector: {matchExpressions: [{key: team, operator: In}]}
                  """),
          "V29",
          "/spec/ingress/0/fromCIDRSet/0/cidrGroupSelector",
          "failed to parse cidrGroupSelector"
              + " {\"matchExpressions\":[{\"key\":\"team\",\"operator\":\"In\"}]}:"
              + " matchExpressions[0].values: Required value: must be specified when `operator`"
              + " is 'In' or 'NotIn'");
    }
  }

  @Nested
  class Icmp {
    @Test
    void v11IcmpsAndToPortsInSeparateItems() {
      String doc =
          CNP
              + """
              spec:
                endpointSelector: {}
                egress:
                - toEntities: [world]
                  toPorts: [{ports: [{port: "443", protocol: TCP}]}]
                  icmps: [{fields: [{type: 8}]}]
              """;
      assertOnly(
          check(Target.V1_17, doc),
          "V11",
          "/spec/egress/0/icmps",
          "the ICMPs block may only be present without ToPorts. Define a separate rule to use"
              + " ToPorts");
      assertOnly(
          check(Target.V1_16, doc),
          "V11",
          "/spec/egress/0/icmps",
          "The ICMPs block may only be present without ToPorts. Define a separate rule to use"
              + " ToPorts.");
      assertNone(
          check(
              Target.V1_16,
              CNP
                  + """
                  spec:
                    endpointSelector: {}
                    egress:
                    - toEntities: [world]
                      toPorts: [{ports: [{port: "443", protocol: TCP}]}]
                    - toEntities: [world]
                      icmps: [{fields: [{type: 8}]}]
                  """));
    }

    @Test
    void v12AtMost40FieldsOfAKnownFamily() {
      String fields =
          IntStream.range(0, 41)
              .mapToObj(i -> "{type: " + i + "}")
              .collect(Collectors.joining(", ", "[", "]"));
      assertOnly(
          check(
              Target.V1_17,
              CNP
                  + "spec: {endpointSelector: {}, ingress: [{icmps: [{fields: "
                  + fields
                  + "}]}]}\n"),
          "V12",
          "/spec/ingress/0/icmps/0/fields",
          "too many types, the max is 40");
      assertOnly(
          check(
              Target.V1_17,
              CNP
                  + "spec: {endpointSelector: {}, ingress: [{icmps: [{fields: [{family: ipv6, type:"
                  + " 128}]}]}]}\n"),
          "V12",
          "/spec/ingress/0/icmps/0/fields/0/family",
          "wrong family: ipv6");
      assertNone(
          check(
              Target.V1_17,
              CNP
                  + "spec: {endpointSelector: {}, ingress: [{icmps: [{fields: [{family: IPv6, type:"
                  + " 128}]}]}]}\n"));
    }
  }

  @Nested
  class Ports {
    @Test
    void v16AtMost40Ports() {
      String tooMany =
          CNP + "spec: {endpointSelector: {}, egress: [{toPorts: [{ports: " + ports(41) + "}]}]}\n";
      assertOnly(
          check(Target.V1_15, tooMany),
          "V16",
          "/spec/egress/0/toPorts/0/ports",
          "too many ports, the max is 40");
      assertNone(
          check(
              Target.V1_15,
              CNP
                  + "spec: {endpointSelector: {}, egress: [{toPorts: [{ports: "
                  + ports(40)
                  + "}]}]}\n"));
    }

    @Test
    void v17PortMustBeGiven() {
      assertOnly(
          check(
              Target.V1_17,
              CNP
                  + "spec: {endpointSelector: {}, egress: [{toPorts: [{ports: [{protocol:"
                  + " TCP}]}]}]}\n"),
          "V17",
          "/spec/egress/0/toPorts/0/ports/0/port",
          "Port must be specified");
      assertNone(
          check(
              Target.V1_17,
              CNP
                  + "spec: {endpointSelector: {}, egress: [{toPorts: [{ports: [{port: \"0\","
                  + " protocol: TCP}]}]}]}\n"));
    }

    @Test
    void v17PortParsesWithTheTargetsWording() {
      String doc =
          CNP
              + """
              spec:
                endpointSelector: {}
                egress:
                - toPorts: [{ports: [{port: "65536", protocol: TCP}]}]
              """;
      assertOnly(
          check(Target.V1_17, doc),
          "V17",
          "/spec/egress/0/toPorts/0/ports/0/port",
          "unable to parse port: strconv.ParseUint: parsing \"65536\": value out of range");
      assertOnly(
          check(Target.V1_16, doc),
          "V17",
          "/spec/egress/0/toPorts/0/ports/0/port",
          "Unable to parse port: strconv.ParseUint: parsing \"65536\": value out of range");
      assertOnly(
          check(
              Target.V1_17,
              CNP
                  + """
                  spec:
                    endpointSelector: {}
                    egress:
                    - toPorts: [{ports: [{port: "80-90", protocol: TCP}]}]
                  """),
          "V17",
          "/spec/egress/0/toPorts/0/ports/0/port",
          "unable to parse port: strconv.ParseUint: parsing \"80-90\": invalid syntax");
    }

    @Test
    void v17NamedPortsAreIanaServiceNames() {
      assertNone(
          check(
              Target.V1_17,
              CNP
                  + """
                  spec:
                    endpointSelector: {}
                    egress:
                    - toPorts:
                      - ports: [{port: http-alt, protocol: TCP}, {port: HTTPS}, {port: "65535"}]
                  """));
      assertOnly(
          check(
              Target.V1_17,
              CNP
                  + """
                  spec:
                    endpointSelector: {}
                    egress:
                    - toPorts: [{ports: [{port: http--alt, protocol: TCP}]}]
                  """),
          "V17",
          "/spec/egress/0/toPorts/0/ports/0/port",
          "unable to parse port: strconv.ParseUint: parsing \"http--alt\": invalid syntax");
    }

    @Test
    void v17ProtocolIsTcpUdpSctpOrAnyInAnyCase() {
      assertOnly(
          check(
              Target.V1_18,
              CNP
                  + """
                  spec:
                    endpointSelector: {}
                    egress:
                    - toPorts: [{ports: [{port: "0", protocol: icmp}]}]
                  """),
          "V17",
          "/spec/egress/0/toPorts/0/ports/0/protocol",
          "invalid protocol \"ICMP\", must be { tcp | udp | sctp | any }");
      assertNone(
          check(
              Target.V1_18,
              CNP
                  + """
                  spec:
                    endpointSelector: {}
                    egress:
                    - toPorts: [{ports: [{port: "1", protocol: tcp}, {port: "2", protocol: Sctp}]}]
                  """));
    }

    @Test
    void v18L7OnlyOnTcpExceptDns() {
      assertOnly(
          check(
              Target.V1_17,
              CNP
                  + """
                  spec:
                    endpointSelector: {}
                    egress:
                    - toPorts:
                      - ports: [{port: "80"}]
                        rules: {http: [{}]}
                  """),
          "V18",
          "/spec/egress/0/toPorts/0/ports/0/protocol",
          "L7 rules can only apply to TCP (not ANY) except for DNS rules");
      assertNone(
          check(
              Target.V1_17,
              CNP
                  + """
                  spec:
                    endpointSelector: {}
                    egress:
                    - toPorts:
                      - ports: [{port: "80", protocol: TCP}]
                        rules: {http: [{}]}
                    - toPorts:
                      - ports: [{port: "53", protocol: UDP}]
                        rules: {dns: [{matchPattern: "*"}]}
                  """));
    }

    @Test
    void v19NoL7OnPortZero() {
      assertOnly(
          check(
              Target.V1_17,
              CNP
                  + """
                  spec:
                    endpointSelector: {}
                    egress:
                    - toPorts:
                      - ports: [{port: "0", protocol: TCP}]
                        rules: {http: [{}]}
                  """),
          "V19",
          "/spec/egress/0/toPorts/0/rules",
          "L7 rules can not be used when a port is 0");
      assertNone(
          check(
              Target.V1_17,
              CNP
                  + """
                  spec:
                    endpointSelector: {}
                    egress:
                    - toPorts:
                      - ports: [{port: "0", protocol: TCP}]
                        rules: {}
                  """));
    }

    @Test
    void v20DnsRulesNeedPorts() {
      String doc =
          CNP
              + """
              spec:
                endpointSelector: {}
                egress:
                - toPorts: [{rules: {dns: [{matchPattern: "*"}]}}]
              """;
      assertOnly(
          check(Target.V1_17, doc),
          "V20",
          "/spec/egress/0/toPorts/0/rules/dns",
          "port 53 must be specified for DNS rules");
      assertOnly(
          check(Target.V1_16, doc),
          "V20",
          "/spec/egress/0/toPorts/0/rules/dns",
          "Port 53 must be specified for DNS rules");
      assertNone(
          check(
              Target.V1_16,
              doc.replace(
                  "- toPorts: [{rules:", "- toPorts: [{ports: [{port: \"5353\"}], rules:")));
    }

    @Test
    void v21DnsRulesOnPortRangesRejectedFrom117() {
      String doc =
          CNP
              + """
              spec:
                endpointSelector: {}
                egress:
                - toPorts:
                  - ports: [{port: "53", endPort: 54, protocol: ANY}]
                    rules: {dns: [{matchPattern: "*"}]}
              """;
      assertNone(check(Target.V1_16, doc));
      assertOnly(
          check(Target.V1_17, doc),
          "V21",
          "/spec/egress/0/toPorts/0/ports/0/endPort",
          "DNS rules do not support port ranges");
      assertNone(check(Target.V1_17, doc.replace("endPort: 54", "endPort: 53")));
    }

    @Test
    void v22OneL7TypePerPortRule() {
      assertOnly(
          check(
              Target.V1_18,
              CNP
                  + """
                  spec:
                    endpointSelector: {}
                    egress:
                    - toPorts:
                      - ports: [{port: "53", protocol: TCP}]
                        rules: {http: [{}], dns: [{matchPattern: "*"}]}
                  """),
          "V22",
          "/spec/egress/0/toPorts/0/rules",
          "multiple L7 protocol rule types specified in single rule");
      assertOnly(
          check(
              Target.V1_18,
              CNP
                  + """
                  spec:
                    endpointSelector: {}
                    egress:
                    - toPorts:
                      - ports: [{port: "6379", protocol: TCP}]
                        rules: {l7: [{cmd: GET}]}
                  """),
          "V22",
          "/spec/egress/0/toPorts/0/rules/l7",
          "'l7' may only be specified when a 'l7proto' is also specified");
      assertNone(
          check(
              Target.V1_18,
              CNP
                  + """
                  spec:
                    endpointSelector: {}
                    egress:
                    - toPorts:
                      - ports: [{port: "6379", protocol: TCP}]
                        rules: {l7proto: redis, l7: [{cmd: GET}]}
                  """));
    }

    @Test
    void v23ServerNamesNeedTlsTerminationWithL7() {
      String doc =
          CNP
              + """
              spec:
                endpointSelector: {}
                egress:
                - toPorts:
                  - ports: [{port: "443", protocol: TCP}]
                    serverNames: [api.example.com]
                    rules: {http: [{}]}
              """;
      assertOnly(
          check(Target.V1_17, doc),
          "V23",
          "/spec/egress/0/toPorts/0/serverNames",
          "ServerNames are not allowed with L7 rules without TLS termination");
      assertNone(
          check(
              Target.V1_17,
              doc.replace(
                  "rules: {http: [{}]}",
                  "rules: {http: [{}]}\n      terminatingTLS: {secret: {name: tls}}")));
    }

    @Test
    void v23EmptyServerName() {
      String doc =
          CNP
              + """
              spec:
                endpointSelector: {}
                egress:
                - toPorts:
                  - ports: [{port: "443", protocol: TCP}]
                    serverNames: [""]
              """;
      assertOnly(
          check(Target.V1_17, doc),
          "V23",
          "/spec/egress/0/toPorts/0/serverNames/0",
          "empty server name is not allowed");
      assertOnly(
          check(Target.V1_16, doc),
          "V23",
          "/spec/egress/0/toPorts/0/serverNames/0",
          "Empty server name is not allowed");
      assertNone(check(Target.V1_16, doc.replace("[\"\"]", "[shop.example.com]")));
    }

    @Test
    void v24ListenerOnlyOnEgressAndWithoutL7() {
      assertOnly(
          check(
              Target.V1_16,
              CNP
                  + """
                  spec:
                    endpointSelector: {}
                    ingress:
                    - toPorts:
                      - ports: [{port: "80", protocol: TCP}]
                        listener: {envoyConfig: {name: cec}, name: l1}
                  """),
          "V24",
          "/spec/ingress/0/toPorts/0/listener",
          "Listener is not allowed on ingress (l1)");
      String egress =
          CNP
              + """
              spec:
                endpointSelector: {}
                egress:
                - toPorts:
                  - ports: [{port: "80", protocol: TCP}]
                    listener: {envoyConfig: {name: cec}, name: l1}
                    rules: {http: [{}]}
              """;
      assertOnly(
          check(Target.V1_16, egress),
          "V24",
          "/spec/egress/0/toPorts/0/listener",
          "Listener is not allowed with L7 rules (l1)");
      assertNone(check(Target.V1_16, egress.replace("rules: {http: [{}]}", "serverNames: [a]")));
    }

    @Test
    void v27GenericL7KeysAreNotEmpty() {
      assertOnly(
          check(
              Target.V1_18,
              CNP
                  + """
                  spec:
                    endpointSelector: {}
                    egress:
                    - toPorts:
                      - ports: [{port: "6379", protocol: TCP}]
                        rules: {l7proto: redis, l7: [{"": GET}]}
                  """),
          "V27",
          "/spec/egress/0/toPorts/0/rules/l7/0",
          "Empty key not allowed");
      assertNone(
          check(
              Target.V1_18,
              CNP
                  + """
                  spec:
                    endpointSelector: {}
                    egress:
                    - toPorts:
                      - ports: [{port: "6379", protocol: TCP}]
                        rules: {l7proto: redis, l7: [{cmd: GET, key: ""}]}
                  """));
    }
  }

  @Nested
  class Http {
    private List<AgentViolation> http(String rule) {
      return check(
          Target.V1_17,
          CNP
              + """
              spec:
                endpointSelector: {}
                egress:
                - toPorts:
                  - ports: [{port: "80", protocol: TCP}]
                    rules:
                      http: [%s]
              """
                  .formatted(rule));
    }

    @Test
    void v25PathCompiles() {
      assertOnly(
          http("{path: \"/api/(v1\"}"),
          "V25",
          "/spec/egress/0/toPorts/0/rules/http/0/path",
          "error parsing regexp: missing closing ): `/api/(v1`");
      assertOnly(
          http("{path: \"/users/[0-9\"}"),
          "V25",
          "/spec/egress/0/toPorts/0/rules/http/0/path",
          "error parsing regexp: missing closing ]: `[0-9`");
      assertNone(http("{path: \"/api/v[0-9]+/.*\", method: \"GET|HEAD\"}"));
    }

    @Test
    void v25Re2RefusesWhatJavaAccepts() {
      assertOnly(
          http("{path: \"/(?=admin)\"}"),
          "V25",
          "/spec/egress/0/toPorts/0/rules/http/0/path",
          "error parsing regexp: invalid or unsupported Perl syntax: `(?=`");
      assertOnly(
          http("{method: \"(GET)\\\\1\"}"),
          "V25",
          "/spec/egress/0/toPorts/0/rules/http/0/method",
          "error parsing regexp: invalid escape sequence: `\\1`");
      assertOnly(
          http("{path: \"/a*+\"}"),
          "V25",
          "/spec/egress/0/toPorts/0/rules/http/0/path",
          "error parsing regexp: invalid nested repetition operator: `*+`");
    }

    @Test
    void v25Re2AcceptsWhatJavaRefuses() {
      assertNone(http("{path: \"/items/{id}/(?P<rest>.*)\"}, {path: \"/x/{,5}[[:alpha:]]\\\\0\"}"));
    }

    @Test
    void v25HeaderMatchesAreComplete() {
      assertOnly(
          http("{headerMatches: [{value: x}]}"),
          "V25",
          "/spec/egress/0/toPorts/0/rules/http/0/headerMatches/0/name",
          "Header name missing");
      assertOnly(
          http("{headerMatches: [{name: X-Token, mismatch: DROP}]}"),
          "V25",
          "/spec/egress/0/toPorts/0/rules/http/0/headerMatches/0/mismatch",
          "Invalid header action: DROP");
      assertOnly(
          http("{headerMatches: [{name: X-Token, secret: {namespace: shop}}]}"),
          "V25",
          "/spec/egress/0/toPorts/0/rules/http/0/headerMatches/0/secret",
          "Secret name missing");
      assertNone(
          http(
              "{headers: [X-Id], headerMatches: [{name: X-Token, mismatch: REPLACE, secret:"
                  + " {name: tok}}]}"));
    }
  }

  @Nested
  class L7Placement {
    @Test
    void v8DnsOnlyOnEgress() {
      assertOnly(
          check(
              Target.V1_17,
              CNP
                  + """
                  spec:
                    endpointSelector: {}
                    ingress:
                    - toPorts:
                      - ports: [{port: "53", protocol: UDP}]
                        rules: {dns: [{matchPattern: "*"}]}
                  """),
          "V8",
          "/spec/ingress/0/toPorts/0/rules/dns",
          "L7 protocol DNS is not supported on ingress yet");
      assertNone(
          check(
              Target.V1_17,
              CNP
                  + """
                  spec:
                    endpointSelector: {}
                    egress:
                    - toPorts:
                      - ports: [{port: "53", protocol: UDP}]
                        rules: {dns: [{matchPattern: "*"}]}
                  """));
    }

    @Test
    void v9HostPoliciesHaveNoL7Before117() {
      String hostIngressHttp =
          CCNP
              + """
              spec:
                nodeSelector: {}
                ingress:
                - toPorts:
                  - ports: [{port: "80", protocol: TCP}]
                    rules: {http: [{}]}
              """;
      assertOnly(
          check(Target.V1_16, hostIngressHttp),
          "V9",
          "/spec/ingress/0",
          "host policies do not support L7 rules yet");
      assertOnly(
          check(Target.V1_17, hostIngressHttp),
          "V9",
          "/spec/ingress/0",
          "L7 policy is not supported on host ingress yet");
      assertNone(check(Target.V1_17, hostIngressHttp.replace("nodeSelector", "endpointSelector")));
    }

    @Test
    void v9HostEgressAllowsOnlyDnsFrom117() {
      String hostEgressDns =
          CCNP
              + """
              spec:
                nodeSelector: {}
                egress:
                - toPorts:
                  - ports: [{port: "53", protocol: ANY}]
                    rules: {dns: [{matchPattern: "*"}]}
              """;
      assertNone(check(Target.V1_17, hostEgressDns));
      assertOnly(
          check(Target.V1_16, hostEgressDns),
          "V9",
          "/spec/egress/0",
          "host policies do not support L7 rules yet");
      assertOnly(
          check(
              Target.V1_18,
              hostEgressDns
                  .replace("\"53\", protocol: ANY", "\"80\", protocol: TCP")
                  .replace("dns: [{matchPattern: \"*\"}]", "http: [{}]")),
          "V9",
          "/spec/egress/0",
          "L7 protocol HTTP is not supported on host egress yet");
    }
  }

  @Nested
  class DenyRules {
    private final String denyDoc =
        CNP
            + """
            spec:
              endpointSelector: {}
              egressDeny:
              - toEndpoints: [{matchLabels: {app: db}}]
                toCIDR: [10.0.0.0/8]
                toPorts: [{ports: [{port: "99999", protocol: TCP}]}]
            """;

    @Test
    void v30DenyRulesUncheckedBefore117() {
      assertNone(check(Target.V1_16, denyDoc));
      assertNone(check(Target.V1_13, denyDoc));
    }

    @Test
    void v30DenyRulesCheckedFrom117() {
      assertEquals(
          List.of(
              new AgentViolation(
                  "V5",
                  "/spec/egressDeny/0",
                  "combining ToCIDR and ToEndpoints is not supported yet"),
              new AgentViolation(
                  "V17",
                  "/spec/egressDeny/0/toPorts/0/ports/0/port",
                  "unable to parse port: strconv.ParseUint: parsing \"99999\": value out of"
                      + " range")),
          check(Target.V1_17, denyDoc));
    }

    @Test
    void v30DenyPortLimitFrom117() {
      String doc =
          CNP
              + "spec: {endpointSelector: {}, ingressDeny: [{fromEntities: [world], toPorts:"
              + " [{ports: "
              + ports(41)
              + "}]}]}\n";
      assertNone(check(Target.V1_16, doc));
      assertOnly(
          check(Target.V1_18, doc),
          "V16",
          "/spec/ingressDeny/0/toPorts/0/ports",
          "too many ports, the max is 40");
    }
  }

  @Nested
  class MergeTime {
    @Test
    void m1ConflictingParsersOnTheSamePeerAndPort() {
      String doc =
          CNP
              + """
              spec:
                endpointSelector: {}
                egress:
                - toEndpoints: [{matchLabels: {app: api}}]
                  toPorts:
                  - ports: [{port: "8053", protocol: TCP}]
                    rules: {http: [{}]}
                - toEndpoints: [{matchLabels: {app: api}}]
                  toPorts:
                  - ports: [{port: "8053", protocol: ANY}]
                    rules: {dns: [{matchPattern: "*"}]}
              """;
      assertOnly(
          check(Target.V1_17, doc),
          "M1",
          "/spec/egress/1/toPorts/0/rules",
          "cannot merge conflicting L7 parsers (dns/http)");
      assertNone(check(Target.V1_17, doc.replaceFirst("app: api", "app: web")));
      assertNone(check(Target.V1_17, doc.replace("protocol: ANY", "protocol: UDP")));
    }

    @Test
    void m1AWildcardPeerOverlapsEveryPeerAcrossSpecs() {
      assertOnly(
          check(
              Target.V1_16,
              CNP
                  + """
                  specs:
                  - endpointSelector: {matchLabels: {app: web}}
                    egress:
                    - toPorts:
                      - ports: [{port: "53", protocol: ANY}]
                        rules: {dns: [{matchPattern: "*"}]}
                  - endpointSelector: {}
                    egress:
                    - toEntities: [world]
                      toPorts:
                      - ports: [{port: "50", endPort: 60, protocol: TCP}]
                        rules: {l7proto: binarymemcache}
                  """),
          "M1",
          "/specs/1/egress/0/toPorts/0/rules",
          "cannot merge conflicting L7 parsers (binarymemcache/dns)");
    }
  }
}
