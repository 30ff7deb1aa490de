package dev.cilia.cilium.schema;

import dev.cilia.cilium.Entities;
import dev.cilia.cilium.Target;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds Cilia's strict JSON Schema of a CNP or CCNP for one target: one base definition, with the
 * differences between targets taken from {@link SchemaFeatures}. The files under {@code schemas/}
 * are its output; docs/schemas.md explains where they are stricter than the upstream CRDs.
 */
public final class SchemaGenerator {
  /** Agent limit on ports per port rule and ICMP fields per item (CILIUM-POLICY.md V12, V16). */
  public static final int MAX_ITEMS = 40;

  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static final String DNS_SUBDOMAIN =
      "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
  private static final String DNS_LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";
  private static final String LABEL_VALUE = "^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$";
  private static final String LABEL_KEY =
      "^((?=[^/]{1,253}/)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?"
          + "(?=[^/]{1,63}$)[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$";
  // The upstream FQDN and SNI patterns, rewritten without nested quantifiers so that matching
  // cannot backtrack exponentially; they accept the same strings.
  private static final String FQDN_NAME = "^[-a-zA-Z0-9_]+(\\.[-a-zA-Z0-9_]+)*\\.?$";
  private static final String FQDN_PATTERN = "^[-a-zA-Z0-9_*]+(\\.[-a-zA-Z0-9_*]+)*\\.?$";
  private static final String SERVER_NAME = "^(\\*\\*?\\.)?[-a-zA-Z0-9_]+(\\.[-a-zA-Z0-9_]+)*\\.?$";
  // A port number, or an IANA service name (at most 15 characters, at least one letter, single
  // inner hyphens). Anchored as a whole: the upstream pattern anchors only its alternatives.
  private static final String PORT =
      "^(6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[0-9]{1,4}"
          + "|(?=.{1,15}$)(?=.*[a-zA-Z])[a-zA-Z0-9]+(-[a-zA-Z0-9]+)*)$";
  private static final String CIDR = cidrPattern();
  // The upstream list without its misspelt "ExtendedEcho Reply", which neither the API server
  // (pattern) nor the agent (name table) accepts together with its correct spelling.
  private static final String ICMP_TYPE =
      "^([0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5]|EchoReply|DestinationUnreachable"
          + "|Redirect|Echo|RouterAdvertisement|RouterSelection|TimeExceeded|ParameterProblem"
          + "|Timestamp|TimestampReply|Photuris|ExtendedEchoRequest|PacketTooBig|EchoRequest"
          + "|MulticastListenerQuery|MulticastListenerReport|MulticastListenerDone"
          + "|RouterSolicitation|NeighborSolicitation|NeighborAdvertisement|RedirectMessage"
          + "|RouterRenumbering|ICMPNodeInformationQuery|ICMPNodeInformationResponse"
          + "|InverseNeighborDiscoverySolicitation|InverseNeighborDiscoveryAdvertisement"
          + "|HomeAgentAddressDiscoveryRequest|HomeAgentAddressDiscoveryReply"
          + "|MobilePrefixSolicitation|MobilePrefixAdvertisement"
          + "|DuplicateAddressRequestCodeSuffix|DuplicateAddressConfirmationCodeSuffix)$";

  private final Target target;
  private final PolicyKind kind;
  private final SchemaFeatures features;

  private SchemaGenerator(Target target, PolicyKind kind) {
    this.target = target;
    this.kind = kind;
    this.features = SchemaFeatures.of(target);
  }

  /** The schema of {@code kind} for {@code target}, as a fresh tree. */
  public static ObjectNode schema(Target target, PolicyKind kind) {
    return new SchemaGenerator(target, kind).root();
  }

  /**
   * The schema pretty-printed with two-space indents and a final newline; same input, same text.
   */
  public static String render(Target target, PolicyKind kind) {
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter(
                Separators.createDefaultInstance()
                    .withObjectNameValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""))
            .withObjectIndenter(indenter)
            .withArrayIndenter(indenter);
    return JSON.writer().with(printer).writeValueAsString(schema(target, kind)) + "\n";
  }

  /** {@code 1.16/ciliumnetworkpolicy.json}: where the schema lives under {@code schemas/}. */
  public static String relativePath(Target target, PolicyKind kind) {
    return target.version() + "/" + kind.fileName();
  }

  /** Every schema file by its {@link #relativePath}, in path order. */
  public static SortedMap<String, String> renderAll() {
    SortedMap<String, String> files = new TreeMap<>();
    for (Target target : Target.values()) {
      for (PolicyKind kind : PolicyKind.values()) {
        files.put(relativePath(target, kind), render(target, kind));
      }
    }
    return files;
  }

  private ObjectNode root() {
    ObjectNode root = F.objectNode();
    root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    root.put("title", kind.kind() + " for Cilium " + target.version());
    root.put("type", "object");
    root.set("required", names("apiVersion", "kind", "metadata"));
    // "Invalid CiliumNetworkPolicy spec(s): empty policy" without either (CILIUM-POLICY.md §1.1).
    root.set("anyOf", presence("spec", "specs"));
    Props props =
        new Props()
            .add("apiVersion", constant("cilium.io/v2"))
            .add("kind", constant(kind.kind()))
            .add("metadata", ref("metadata"))
            .add("spec", ref("rule"))
            .add("specs", array(ref("rule")).put("minItems", 1));
    root.set("properties", props.node());
    root.put("additionalProperties", false);
    root.set("$defs", definitions());
    return root;
  }

  private ObjectNode definitions() {
    Props defs =
        new Props()
            .add("metadata", metadata())
            .add("rule", rule())
            .add("ingressRule", ingressRule(false))
            .add("ingressDenyRule", ingressRule(true))
            .add("egressRule", egressRule(false))
            .add("egressDenyRule", egressRule(true))
            .add("labelSelector", labelSelector())
            .add("cidr", pattern(CIDR, "an IPv4 or IPv6 prefix such as 10.0.0.0/8"))
            .add("ingressCidrRule", cidrRule(features.ingressCidrGroupRef()))
            .add("egressCidrRule", cidrRule(features.egressCidrGroupRef()))
            .add("entity", entity())
            .add("fqdnSelector", fqdnSelector())
            .add("service", service())
            .add("groups", groups())
            .add("icmpRule", icmpRule())
            .add("ingressPortRule", portRule(false))
            .add("egressPortRule", portRule(true))
            .add("portDenyRule", closed(new Props().add("ports", ports())))
            .add("portProtocol", portProtocol())
            .add("ingressL7Rules", l7Rules(false))
            .add("egressL7Rules", l7Rules(true))
            .add("httpRule", httpRule())
            .add("kafkaRule", kafkaRule())
            .add("tlsContext", tlsContext())
            .add("ruleLabel", ruleLabel());
    if (features.authentication()) {
      defs.add(
          "authentication",
          closed(
              new Props().add("mode", enumOf("disabled", "required", "test-always-fail")), "mode"));
    }
    if (features.listener()) {
      defs.add("listener", listener());
    }
    return defs.node();
  }

  private ObjectNode metadata() {
    Props props =
        new Props()
            .add(
                "name",
                pattern(
                        DNS_SUBDOMAIN,
                        "a lowercase DNS subdomain name (letters, digits, '-', '.'),"
                            + " at most 253 characters")
                    .put("maxLength", 253));
    if (kind == PolicyKind.NAMESPACED) {
      props.add(
          "namespace",
          pattern(DNS_LABEL, "a lowercase DNS label (letters, digits, '-'), at most 63 characters")
              .put("maxLength", 63));
    }
    props
        .add("labels", stringMap(labelKey(), labelValue()))
        .add("annotations", stringMap(labelKey(), string()));
    return closed(props, "name");
  }

  private ObjectNode rule() {
    Props props =
        new Props().add("description", string()).add("endpointSelector", ref("labelSelector"));
    if (kind == PolicyKind.CLUSTERWIDE) {
      props.add("nodeSelector", ref("labelSelector"));
    }
    if (features.enableDefaultDeny()) {
      props.add(
          "enableDefaultDeny",
          closed(new Props().add("ingress", type("boolean")).add("egress", type("boolean"))));
    }
    props
        .add("ingress", array(ref("ingressRule")))
        .add("ingressDeny", array(ref("ingressDenyRule")))
        .add("egress", array(ref("egressRule")))
        .add("egressDeny", array(ref("egressDenyRule")))
        .add("labels", array(ref("ruleLabel")));
    if (features.log()) {
      props.add(
          "log",
          closed(
              new Props()
                  .add("value", pattern("^\\P{C}*$", "printable text").put("maxLength", 32))));
    }
    // A CNP "cannot have NodeSelector" (V3); a CCNP needs exactly one subject selector (V2).
    ObjectNode rule =
        kind == PolicyKind.NAMESPACED ? closed(props, "endpointSelector") : closed(props);
    if (kind == PolicyKind.CLUSTERWIDE) {
      rule.set("oneOf", presence("endpointSelector", "nodeSelector"));
    }
    // A rule without sections does nothing; 1.17+ rejects it (V1), Cilia never writes one.
    rule.set("anyOf", presence("ingress", "ingressDeny", "egress", "egressDeny"));
    return rule;
  }

  private ObjectNode ingressRule(boolean deny) {
    Props props =
        new Props()
            .add("fromEndpoints", array(ref("labelSelector")))
            .add("fromRequires", array(ref("labelSelector")))
            .add("fromCIDR", array(ref("cidr")))
            .add("fromCIDRSet", array(ref("ingressCidrRule")))
            .add("fromEntities", array(ref("entity")));
    if (features.nodePeers()) {
      props.add("fromNodes", array(ref("labelSelector")));
    }
    if (features.fromGroups()) {
      props.add("fromGroups", array(ref("groups")));
    }
    props
        .add("toPorts", array(ref(deny ? "portDenyRule" : "ingressPortRule")))
        .add("icmps", array(ref("icmpRule")));
    if (!deny && features.authentication()) {
      props.add("authentication", ref("authentication"));
    }
    return closed(props);
  }

  private ObjectNode egressRule(boolean deny) {
    Props props =
        new Props()
            .add("toEndpoints", array(ref("labelSelector")))
            .add("toRequires", array(ref("labelSelector")))
            .add("toCIDR", array(ref("cidr")))
            .add("toCIDRSet", array(ref("egressCidrRule")))
            .add("toEntities", array(ref("entity")))
            .add("toServices", array(ref("service")));
    if (!deny) {
      props.add("toFQDNs", array(ref("fqdnSelector")));
    }
    if (features.nodePeers()) {
      props.add("toNodes", array(ref("labelSelector")));
    }
    props
        .add("toGroups", array(ref("groups")))
        .add("toPorts", array(ref(deny ? "portDenyRule" : "egressPortRule")))
        .add("icmps", array(ref("icmpRule")));
    if (!deny && features.authentication()) {
      props.add("authentication", ref("authentication"));
    }
    return closed(props);
  }

  private static ObjectNode labelSelector() {
    ObjectNode expression =
        closed(
            new Props()
                .add("key", string())
                .add("operator", enumOf("In", "NotIn", "Exists", "DoesNotExist"))
                .add("values", array(string())),
            "key",
            "operator");
    return closed(
        new Props()
            .add("matchLabels", stringMap(labelValue()))
            .add("matchExpressions", array(expression)));
  }

  private ObjectNode cidrRule(boolean groupRef) {
    Props props = new Props().add("cidr", ref("cidr"));
    if (groupRef) {
      props.add(
          "cidrGroupRef",
          pattern(DNS_SUBDOMAIN, "the name of a CiliumCIDRGroup").put("maxLength", 253));
    }
    if (features.cidrGroupSelector()) {
      props.add("cidrGroupSelector", ref("labelSelector"));
    }
    props.add("except", array(ref("cidr")));
    if (!groupRef) {
      return closed(props, "cidr");
    }
    ObjectNode rule = closed(props);
    // Exactly one source of addresses per entry (V29).
    rule.set(
        "oneOf",
        features.cidrGroupSelector()
            ? presence("cidr", "cidrGroupRef", "cidrGroupSelector")
            : presence("cidr", "cidrGroupRef"));
    return rule;
  }

  private static ObjectNode entity() {
    return enumOf(Entities.CRD.toArray(String[]::new));
  }

  private static ObjectNode fqdnSelector() {
    ObjectNode selector =
        closed(
            new Props()
                .add(
                    "matchName",
                    pattern(FQDN_NAME, "a DNS name (letters, digits, '-', '_', '.')")
                        .put("maxLength", 255))
                .add(
                    "matchPattern",
                    pattern(
                            FQDN_PATTERN,
                            "a DNS name pattern (letters, digits, '-', '_', '.', '*')")
                        .put("maxLength", 255)));
    // "only one of MatchName or MatchPattern is allowed in an FQDNSelector" (V15).
    selector.set("oneOf", presence("matchName", "matchPattern"));
    return selector;
  }

  private static ObjectNode service() {
    return closed(
        new Props()
            .add(
                "k8sService",
                closed(new Props().add("serviceName", string()).add("namespace", string())))
            .add(
                "k8sServiceSelector",
                closed(
                    new Props().add("selector", ref("labelSelector")).add("namespace", string()),
                    "selector")));
  }

  private static ObjectNode groups() {
    return closed(
        new Props()
            .add(
                "aws",
                closed(
                    new Props()
                        .add("labels", stringMap(string()))
                        .add("region", string())
                        .add("securityGroupsIds", array(string()))
                        .add("securityGroupsNames", array(string())))));
  }

  private ObjectNode icmpRule() {
    ObjectNode type;
    if (features.icmpTypeNames()) {
      type = F.objectNode();
      type.put("description", "an ICMP type number (0-255) or name");
      type.set("type", names("integer", "string"));
      type.put("minimum", 0).put("maximum", 255).put("pattern", ICMP_TYPE);
    } else {
      type = integer(0, 255);
    }
    ObjectNode field =
        closed(new Props().add("family", enumOf("IPv4", "IPv6")).add("type", type), "type");
    return closed(new Props().add("fields", array(field).put("maxItems", MAX_ITEMS)));
  }

  private ObjectNode portRule(boolean egress) {
    Props props =
        new Props()
            .add("ports", ports())
            .add("rules", ref(egress ? "egressL7Rules" : "ingressL7Rules"));
    if (features.serverNames()) {
      props.add("serverNames", serverNames());
    }
    props.add("terminatingTLS", ref("tlsContext")).add("originatingTLS", ref("tlsContext"));
    // "Listener is not allowed on ingress" (V24).
    if (egress && features.listener()) {
      props.add("listener", ref("listener"));
    }
    return closed(props);
  }

  private static ObjectNode ports() {
    // At most 40 ports per rule (V16): the agent checks it on every target, the CRD from 1.16.
    return array(ref("portProtocol")).put("maxItems", MAX_ITEMS);
  }

  private ObjectNode portProtocol() {
    Props props =
        new Props()
            .add(
                "port",
                pattern(PORT, "a port number 0-65535 or a port name of at most 15 characters"));
    if (features.endPort()) {
      props.add("endPort", integer(0, 65535));
    }
    props.add(
        "protocol",
        features.sctp() ? enumOf("TCP", "UDP", "SCTP", "ANY") : enumOf("TCP", "UDP", "ANY"));
    return closed(props, "port");
  }

  private ObjectNode serverNames() {
    if (features.serverNamePatterns()) {
      ObjectNode names =
          array(
              pattern(SERVER_NAME, "a server name, optionally starting with '*.' or '**.'")
                  .put("maxLength", 255));
      return names.put("minItems", 1).put("uniqueItems", true);
    }
    // "empty server name is not allowed" (V23).
    return array(string().put("minLength", 1));
  }

  private static ObjectNode l7Rules(boolean egress) {
    Props props =
        new Props().add("http", array(ref("httpRule"))).add("kafka", array(ref("kafkaRule")));
    // "DNS rules are not allowed on ingress" (V8).
    if (egress) {
      props.add("dns", array(ref("fqdnSelector")));
    }
    ObjectNode l7 = F.objectNode();
    l7.put("type", "object");
    l7.set("additionalProperties", string());
    props.add("l7proto", string()).add("l7", array(l7));
    ObjectNode rules = closed(props);
    // Exactly one kind of L7 rule per port rule (V22).
    rules.set(
        "oneOf",
        egress
            ? presence("http", "kafka", "dns", "l7proto")
            : presence("http", "kafka", "l7proto"));
    ObjectNode dependent = F.objectNode();
    dependent.set("l7", names("l7proto"));
    rules.set("dependentRequired", dependent);
    return rules;
  }

  private static ObjectNode httpRule() {
    ObjectNode headerMatch =
        closed(
            new Props()
                .add("name", string().put("minLength", 1))
                .add("value", string())
                .add("secret", secret())
                .add("mismatch", enumOf("LOG", "ADD", "DELETE", "REPLACE")),
            "name");
    return closed(
        new Props()
            .add("path", string())
            .add("method", string())
            .add("host", string())
            .add("headers", array(string()))
            .add("headerMatches", array(headerMatch)));
  }

  private static ObjectNode kafkaRule() {
    return closed(
        new Props()
            .add("role", enumOf("produce", "consume"))
            .add("apiKey", string())
            .add("apiVersion", string())
            .add("clientID", string())
            .add("topic", string().put("maxLength", 255)));
  }

  private static ObjectNode tlsContext() {
    return closed(
        new Props()
            .add("secret", secret())
            .add("trustedCA", string())
            .add("certificate", string())
            .add("privateKey", string()),
        "secret");
  }

  private static ObjectNode secret() {
    return closed(new Props().add("name", string()).add("namespace", string()), "name");
  }

  private ObjectNode listener() {
    Props props =
        new Props()
            .add(
                "envoyConfig",
                closed(
                    new Props()
                        .add("kind", enumOf("CiliumEnvoyConfig", "CiliumClusterwideEnvoyConfig"))
                        .add("name", string().put("minLength", 1)),
                    "name"))
            .add("name", string().put("minLength", 1));
    if (features.listenerPriority()) {
      props.add("priority", integer(1, 100));
    }
    return closed(props, "envoyConfig", "name");
  }

  private static ObjectNode ruleLabel() {
    return closed(
        new Props().add("key", string()).add("value", string()).add("source", string()), "key");
  }

  private static ObjectNode labelKey() {
    return pattern(
        LABEL_KEY,
        "a label key: an optional DNS subdomain prefix and '/', then at most 63 letters, digits,"
            + " '-', '_', '.'");
  }

  private static ObjectNode labelValue() {
    return pattern(
            LABEL_VALUE,
            "a label value: at most 63 letters, digits, '-', '_', '.', starting and ending with a"
                + " letter or digit")
        .put("maxLength", 63);
  }

  /** IPv4 or IPv6 prefix, no leading zeros in IPv4 octets, prefix length in range. */
  private static String cidrPattern() {
    String octet = "(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])";
    String v4 = octet + "(\\." + octet + "){3}/([0-9]|[12][0-9]|3[0-2])";
    String h = "[0-9a-fA-F]{1,4}";
    String v6 =
        String.join(
            "|",
            "(" + h + ":){7}" + h,
            "(" + h + ":){1,7}:",
            "(" + h + ":){1,6}:" + h,
            "(" + h + ":){1,5}(:" + h + "){1,2}",
            "(" + h + ":){1,4}(:" + h + "){1,3}",
            "(" + h + ":){1,3}(:" + h + "){1,4}",
            "(" + h + ":){1,2}(:" + h + "){1,5}",
            h + ":(:" + h + "){1,6}",
            ":((:" + h + "){1,7}|:)");
    return "^(" + v4 + "|(" + v6 + ")/([0-9]|[1-9][0-9]|1[01][0-9]|12[0-8]))$";
  }

  private static ObjectNode type(String type) {
    ObjectNode node = F.objectNode();
    node.put("type", type);
    return node;
  }

  private static ObjectNode string() {
    return type("string");
  }

  private static ObjectNode pattern(String regex, String description) {
    // The validator words pattern failures with the description ("must be …").
    ObjectNode node = F.objectNode();
    node.put("description", description);
    node.put("type", "string");
    node.put("pattern", regex);
    return node;
  }

  private static ObjectNode integer(int minimum, int maximum) {
    return type("integer").put("minimum", minimum).put("maximum", maximum);
  }

  private static ObjectNode constant(String value) {
    return type("string").put("const", value);
  }

  private static ObjectNode enumOf(String... values) {
    ObjectNode node = type("string");
    node.set("enum", names(values));
    return node;
  }

  private static ObjectNode array(JsonNode items) {
    ObjectNode node = type("array");
    node.set("items", items);
    return node;
  }

  private static ObjectNode stringMap(JsonNode values) {
    ObjectNode node = type("object");
    node.set("additionalProperties", values);
    return node;
  }

  private static ObjectNode stringMap(JsonNode keys, JsonNode values) {
    ObjectNode node = type("object");
    node.set("propertyNames", keys);
    node.set("additionalProperties", values);
    return node;
  }

  private static ObjectNode ref(String definition) {
    ObjectNode node = F.objectNode();
    node.put("$ref", "#/$defs/" + definition);
    return node;
  }

  private static ArrayNode names(String... names) {
    ArrayNode array = F.arrayNode();
    for (String name : names) {
      array.add(name);
    }
    return array;
  }

  /** {@code [{"required": [a]}, {"required": [b]}, …]} for oneOf / anyOf over field presence. */
  private static ArrayNode presence(String... fields) {
    ArrayNode array = F.arrayNode();
    for (String field : fields) {
      ObjectNode branch = F.objectNode();
      branch.set("required", names(field));
      array.add(branch);
    }
    return array;
  }

  private static ObjectNode closed(Props props, String... required) {
    ObjectNode node = type("object");
    if (required.length > 0) {
      node.set("required", names(required));
    }
    node.set("properties", props.node());
    node.put("additionalProperties", false);
    return node;
  }

  /** Properties in insertion order. */
  private static final class Props {
    private final Map<String, JsonNode> fields = new LinkedHashMap<>();

    Props add(String name, JsonNode schema) {
      fields.put(name, schema);
      return this;
    }

    ObjectNode node() {
      ObjectNode node = F.objectNode();
      fields.forEach(node::set);
      return node;
    }
  }
}
