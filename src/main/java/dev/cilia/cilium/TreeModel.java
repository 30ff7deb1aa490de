package dev.cilia.cilium;

import dev.cilia.cilium.model.CidrRule;
import dev.cilia.cilium.model.CiliumPolicy;
import dev.cilia.cilium.model.DefaultDeny;
import dev.cilia.cilium.model.EgressRule;
import dev.cilia.cilium.model.FqdnSelector;
import dev.cilia.cilium.model.HttpRule;
import dev.cilia.cilium.model.IcmpRule;
import dev.cilia.cilium.model.IngressRule;
import dev.cilia.cilium.model.L7Rules;
import dev.cilia.cilium.model.LogConfig;
import dev.cilia.cilium.model.PolicyRule;
import dev.cilia.cilium.model.PortProtocol;
import dev.cilia.cilium.model.PortRule;
import dev.cilia.cilium.model.RuleLabel;
import dev.cilia.cilium.model.ServiceSelector;
import dev.cilia.source.SharedStrings;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * Reads a policy's tree into the model by hand: the same model as {@link PolicyYaml}'s Jackson
 * mapper gives, compacted as {@link CompactModel} does, without building deserializers by
 * introspection (about 100 ms of a one-file {@code check}, docs/performance.md). It knows the
 * fields of the model and of fabric8's {@code ObjectMeta} and {@code LabelSelector} with the node
 * kinds the writers write: strings as strings, {@code endPort} and the {@code ObjectMeta} counters
 * as integers, booleans as booleans. Anything else (an unknown field, a {@code null}, a number
 * where a string belongs, a scalar where a list belongs) gives empty, and {@link PolicyYaml} reads
 * the tree with Jackson instead, so its leniency and its errors stay Jackson's.
 */
final class TreeModel {
  /** Thrown for what only Jackson reads; never leaves this class. */
  private static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Refused() {
      super(null, null, false, false);
    }
  }

  private static final Refused REFUSED = new Refused();

  private TreeModel() {}

  /** The model of {@code tree}, or empty when Jackson must read it. */
  static Optional<CiliumPolicy> read(JsonNode tree) {
    try {
      return Optional.of(policy(tree));
    } catch (Refused e) {
      return Optional.empty();
    }
  }

  private static CiliumPolicy policy(JsonNode node) {
    String apiVersion = null;
    String kind = null;
    ObjectMeta metadata = null;
    PolicyRule spec = null;
    List<PolicyRule> specs = null;
    for (Map.Entry<String, JsonNode> e : fields(node)) {
      JsonNode v = e.getValue();
      switch (e.getKey()) {
        case "apiVersion" -> apiVersion = string(v);
        case "kind" -> kind = string(v);
        case "metadata" -> metadata = metadata(v);
        case "spec" -> spec = rule(v);
        case "specs" -> specs = list(v, TreeModel::rule);
        default -> throw REFUSED;
      }
    }
    return new CiliumPolicy(apiVersion, kind, metadata, spec, specs);
  }

  private static PolicyRule rule(JsonNode node) {
    String description = null;
    LabelSelector endpointSelector = null;
    LabelSelector nodeSelector = null;
    DefaultDeny enableDefaultDeny = null;
    List<IngressRule> ingress = null;
    List<IngressRule> ingressDeny = null;
    List<EgressRule> egress = null;
    List<EgressRule> egressDeny = null;
    List<RuleLabel> labels = null;
    LogConfig log = null;
    for (Map.Entry<String, JsonNode> e : fields(node)) {
      JsonNode v = e.getValue();
      switch (e.getKey()) {
        case "description" -> description = string(v);
        case "endpointSelector" -> endpointSelector = selector(v);
        case "nodeSelector" -> nodeSelector = selector(v);
        case "enableDefaultDeny" -> enableDefaultDeny = defaultDeny(v);
        case "ingress" -> ingress = list(v, TreeModel::ingress);
        case "ingressDeny" -> ingressDeny = list(v, TreeModel::ingress);
        case "egress" -> egress = list(v, TreeModel::egress);
        case "egressDeny" -> egressDeny = list(v, TreeModel::egress);
        case "labels" -> labels = list(v, TreeModel::ruleLabel);
        case "log" -> log = log(v);
        default -> throw REFUSED;
      }
    }
    return new PolicyRule(
        description,
        endpointSelector,
        nodeSelector,
        enableDefaultDeny,
        ingress,
        ingressDeny,
        egress,
        egressDeny,
        labels,
        log);
  }

  private static EgressRule egress(JsonNode node) {
    List<LabelSelector> toEndpoints = null;
    List<LabelSelector> toRequires = null;
    List<String> toCIDR = null;
    List<CidrRule> toCIDRSet = null;
    List<String> toEntities = null;
    List<ServiceSelector> toServices = null;
    List<FqdnSelector> toFQDNs = null;
    List<LabelSelector> toNodes = null;
    List<Map<String, Object>> toGroups = null;
    List<PortRule> toPorts = null;
    List<IcmpRule> icmps = null;
    Map<String, Object> authentication = null;
    for (Map.Entry<String, JsonNode> e : fields(node)) {
      JsonNode v = e.getValue();
      switch (e.getKey()) {
        case "toEndpoints" -> toEndpoints = list(v, TreeModel::selector);
        case "toRequires" -> toRequires = list(v, TreeModel::selector);
        case "toCIDR" -> toCIDR = list(v, TreeModel::string);
        case "toCIDRSet" -> toCIDRSet = list(v, TreeModel::cidrRule);
        case "toEntities" -> toEntities = list(v, TreeModel::string);
        case "toServices" -> toServices = list(v, TreeModel::service);
        case "toFQDNs" -> toFQDNs = list(v, TreeModel::fqdn);
        case "toNodes" -> toNodes = list(v, TreeModel::selector);
        case "toGroups" -> toGroups = list(v, TreeModel::untypedMap);
        case "toPorts" -> toPorts = list(v, TreeModel::portRule);
        case "icmps" -> icmps = list(v, TreeModel::icmp);
        case "authentication" -> authentication = untypedMap(v);
        default -> throw REFUSED;
      }
    }
    return new EgressRule(
        toEndpoints,
        toRequires,
        toCIDR,
        toCIDRSet,
        toEntities,
        toServices,
        toFQDNs,
        toNodes,
        toGroups,
        toPorts,
        icmps,
        authentication);
  }

  private static IngressRule ingress(JsonNode node) {
    List<LabelSelector> fromEndpoints = null;
    List<LabelSelector> fromRequires = null;
    List<String> fromCIDR = null;
    List<CidrRule> fromCIDRSet = null;
    List<String> fromEntities = null;
    List<LabelSelector> fromNodes = null;
    List<Map<String, Object>> fromGroups = null;
    List<PortRule> toPorts = null;
    List<IcmpRule> icmps = null;
    Map<String, Object> authentication = null;
    for (Map.Entry<String, JsonNode> e : fields(node)) {
      JsonNode v = e.getValue();
      switch (e.getKey()) {
        case "fromEndpoints" -> fromEndpoints = list(v, TreeModel::selector);
        case "fromRequires" -> fromRequires = list(v, TreeModel::selector);
        case "fromCIDR" -> fromCIDR = list(v, TreeModel::string);
        case "fromCIDRSet" -> fromCIDRSet = list(v, TreeModel::cidrRule);
        case "fromEntities" -> fromEntities = list(v, TreeModel::string);
        case "fromNodes" -> fromNodes = list(v, TreeModel::selector);
        case "fromGroups" -> fromGroups = list(v, TreeModel::untypedMap);
        case "toPorts" -> toPorts = list(v, TreeModel::portRule);
        case "icmps" -> icmps = list(v, TreeModel::icmp);
        case "authentication" -> authentication = untypedMap(v);
        default -> throw REFUSED;
      }
    }
    return new IngressRule(
        fromEndpoints,
        fromRequires,
        fromCIDR,
        fromCIDRSet,
        fromEntities,
        fromNodes,
        fromGroups,
        toPorts,
        icmps,
        authentication);
  }

  private static PortRule portRule(JsonNode node) {
    List<PortProtocol> ports = null;
    L7Rules rules = null;
    List<String> serverNames = null;
    Map<String, Object> terminatingTLS = null;
    Map<String, Object> originatingTLS = null;
    Map<String, Object> listener = null;
    for (Map.Entry<String, JsonNode> e : fields(node)) {
      JsonNode v = e.getValue();
      switch (e.getKey()) {
        case "ports" -> ports = list(v, TreeModel::port);
        case "rules" -> rules = l7(v);
        case "serverNames" -> serverNames = list(v, TreeModel::string);
        case "terminatingTLS" -> terminatingTLS = untypedMap(v);
        case "originatingTLS" -> originatingTLS = untypedMap(v);
        case "listener" -> listener = untypedMap(v);
        default -> throw REFUSED;
      }
    }
    return new PortRule(ports, rules, serverNames, terminatingTLS, originatingTLS, listener);
  }

  private static PortProtocol port(JsonNode node) {
    String port = null;
    Integer endPort = null;
    String protocol = null;
    for (Map.Entry<String, JsonNode> e : fields(node)) {
      JsonNode v = e.getValue();
      switch (e.getKey()) {
        case "port" -> port = string(v);
        case "endPort" -> endPort = integer(v);
        case "protocol" -> protocol = string(v);
        default -> throw REFUSED;
      }
    }
    return PortProtocol.read(port, endPort, protocol);
  }

  private static L7Rules l7(JsonNode node) {
    List<HttpRule> http = null;
    List<Map<String, Object>> kafka = null;
    List<FqdnSelector> dns = null;
    String l7proto = null;
    List<Map<String, String>> l7 = null;
    for (Map.Entry<String, JsonNode> e : fields(node)) {
      JsonNode v = e.getValue();
      switch (e.getKey()) {
        case "http" -> http = list(v, TreeModel::http);
        case "kafka" -> kafka = list(v, TreeModel::untypedMap);
        case "dns" -> dns = list(v, TreeModel::fqdn);
        case "l7proto" -> l7proto = string(v);
        case "l7" -> l7 = list(v, TreeModel::stringMap);
        default -> throw REFUSED;
      }
    }
    return new L7Rules(http, kafka, dns, l7proto, l7);
  }

  private static HttpRule http(JsonNode node) {
    String path = null;
    String method = null;
    String host = null;
    List<String> headers = null;
    List<Map<String, Object>> headerMatches = null;
    for (Map.Entry<String, JsonNode> e : fields(node)) {
      JsonNode v = e.getValue();
      switch (e.getKey()) {
        case "path" -> path = string(v);
        case "method" -> method = string(v);
        case "host" -> host = string(v);
        case "headers" -> headers = list(v, TreeModel::string);
        case "headerMatches" -> headerMatches = list(v, TreeModel::untypedMap);
        default -> throw REFUSED;
      }
    }
    return new HttpRule(path, method, host, headers, headerMatches);
  }

  private static FqdnSelector fqdn(JsonNode node) {
    String matchName = null;
    String matchPattern = null;
    for (Map.Entry<String, JsonNode> e : fields(node)) {
      JsonNode v = e.getValue();
      switch (e.getKey()) {
        case "matchName" -> matchName = string(v);
        case "matchPattern" -> matchPattern = string(v);
        default -> throw REFUSED;
      }
    }
    return new FqdnSelector(matchName, matchPattern);
  }

  private static CidrRule cidrRule(JsonNode node) {
    String cidr = null;
    String cidrGroupRef = null;
    LabelSelector cidrGroupSelector = null;
    List<String> except = null;
    for (Map.Entry<String, JsonNode> e : fields(node)) {
      JsonNode v = e.getValue();
      switch (e.getKey()) {
        case "cidr" -> cidr = string(v);
        case "cidrGroupRef" -> cidrGroupRef = string(v);
        case "cidrGroupSelector" -> cidrGroupSelector = selector(v);
        case "except" -> except = list(v, TreeModel::string);
        default -> throw REFUSED;
      }
    }
    return new CidrRule(cidr, cidrGroupRef, cidrGroupSelector, except);
  }

  private static ServiceSelector service(JsonNode node) {
    ServiceSelector.K8sService k8sService = null;
    Map<String, Object> k8sServiceSelector = null;
    for (Map.Entry<String, JsonNode> e : fields(node)) {
      JsonNode v = e.getValue();
      switch (e.getKey()) {
        case "k8sService" -> k8sService = k8sService(v);
        case "k8sServiceSelector" -> k8sServiceSelector = untypedMap(v);
        default -> throw REFUSED;
      }
    }
    return new ServiceSelector(k8sService, k8sServiceSelector);
  }

  private static ServiceSelector.K8sService k8sService(JsonNode node) {
    String serviceName = null;
    String namespace = null;
    for (Map.Entry<String, JsonNode> e : fields(node)) {
      JsonNode v = e.getValue();
      switch (e.getKey()) {
        case "serviceName" -> serviceName = string(v);
        case "namespace" -> namespace = string(v);
        default -> throw REFUSED;
      }
    }
    return new ServiceSelector.K8sService(serviceName, namespace);
  }

  private static IcmpRule icmp(JsonNode node) {
    List<IcmpRule.IcmpField> fields = null;
    for (Map.Entry<String, JsonNode> e : fields(node)) {
      if (!e.getKey().equals("fields")) {
        throw REFUSED;
      }
      fields = list(e.getValue(), TreeModel::icmpField);
    }
    return new IcmpRule(fields);
  }

  private static IcmpRule.IcmpField icmpField(JsonNode node) {
    String family = null;
    String type = null;
    for (Map.Entry<String, JsonNode> e : fields(node)) {
      JsonNode v = e.getValue();
      switch (e.getKey()) {
        case "family" -> family = string(v);
        case "type" -> type = string(v);
        default -> throw REFUSED;
      }
    }
    return new IcmpRule.IcmpField(family, type);
  }

  private static DefaultDeny defaultDeny(JsonNode node) {
    Boolean ingress = null;
    Boolean egress = null;
    for (Map.Entry<String, JsonNode> e : fields(node)) {
      JsonNode v = e.getValue();
      switch (e.getKey()) {
        case "ingress" -> ingress = bool(v);
        case "egress" -> egress = bool(v);
        default -> throw REFUSED;
      }
    }
    return new DefaultDeny(ingress, egress);
  }

  private static RuleLabel ruleLabel(JsonNode node) {
    String key = null;
    String value = null;
    String source = null;
    for (Map.Entry<String, JsonNode> e : fields(node)) {
      JsonNode v = e.getValue();
      switch (e.getKey()) {
        case "key" -> key = string(v);
        case "value" -> value = string(v);
        case "source" -> source = string(v);
        default -> throw REFUSED;
      }
    }
    return new RuleLabel(key, value, source);
  }

  private static LogConfig log(JsonNode node) {
    String value = null;
    for (Map.Entry<String, JsonNode> e : fields(node)) {
      if (!e.getKey().equals("value")) {
        throw REFUSED;
      }
      value = string(e.getValue());
    }
    return new LogConfig(value);
  }

  private static LabelSelector selector(JsonNode node) {
    LabelSelector s = new LabelSelector();
    for (Map.Entry<String, JsonNode> e : fields(node)) {
      JsonNode v = e.getValue();
      switch (e.getKey()) {
        case "matchLabels" -> s.setMatchLabels(stringMap(v));
        case "matchExpressions" -> s.setMatchExpressions(list(v, TreeModel::requirement));
        default -> throw REFUSED;
      }
    }
    return CompactModel.compacted(s);
  }

  private static LabelSelectorRequirement requirement(JsonNode node) {
    LabelSelectorRequirement r = new LabelSelectorRequirement();
    for (Map.Entry<String, JsonNode> e : fields(node)) {
      JsonNode v = e.getValue();
      switch (e.getKey()) {
        case "key" -> r.setKey(string(v));
        case "operator" -> r.setOperator(string(v));
        case "values" -> r.setValues(list(v, TreeModel::string));
        default -> throw REFUSED;
      }
    }
    return CompactModel.compacted(r);
  }

  private static ObjectMeta metadata(JsonNode node) {
    ObjectMeta m = new ObjectMeta();
    for (Map.Entry<String, JsonNode> e : fields(node)) {
      JsonNode v = e.getValue();
      switch (e.getKey()) {
        case "annotations" -> m.setAnnotations(stringMap(v));
        case "creationTimestamp" -> m.setCreationTimestamp(string(v));
        case "deletionGracePeriodSeconds" -> m.setDeletionGracePeriodSeconds(longValue(v));
        case "deletionTimestamp" -> m.setDeletionTimestamp(string(v));
        case "finalizers" -> m.setFinalizers(list(v, TreeModel::string));
        case "generateName" -> m.setGenerateName(string(v));
        case "generation" -> m.setGeneration(longValue(v));
        case "labels" -> m.setLabels(stringMap(v));
        case "name" -> m.setName(string(v));
        case "namespace" -> m.setNamespace(string(v));
        case "resourceVersion" -> m.setResourceVersion(string(v));
        case "selfLink" -> m.setSelfLink(string(v));
        case "uid" -> m.setUid(string(v));
        default -> throw REFUSED;
      }
    }
    return CompactModel.compacted(m);
  }

  /** The fields of an object node; refused for anything else. */
  private static Iterable<Map.Entry<String, JsonNode>> fields(JsonNode node) {
    if (!node.isObject()) {
      throw REFUSED;
    }
    return node.properties();
  }

  /** An array node's items read by {@code item}, as an immutable list of its size. */
  private static <T> List<T> list(JsonNode node, Function<JsonNode, T> item) {
    if (!node.isArray()) {
      throw REFUSED;
    }
    int n = node.size();
    if (n == 0) {
      return List.of();
    }
    List<T> items = new ArrayList<>(n);
    for (JsonNode each : node) {
      items.add(item.apply(each));
    }
    return List.copyOf(items);
  }

  private static String string(JsonNode node) {
    if (!node.isString()) {
      throw REFUSED;
    }
    return SharedStrings.of(node.stringValue());
  }

  private static Boolean bool(JsonNode node) {
    if (!node.isBoolean()) {
      throw REFUSED;
    }
    return node.booleanValue();
  }

  private static Integer integer(JsonNode node) {
    if (!node.isInt()) {
      throw REFUSED;
    }
    return node.intValue();
  }

  private static Long longValue(JsonNode node) {
    if (!node.isInt() && !node.isLong()) {
      throw REFUSED;
    }
    return node.longValue();
  }

  /** A map of strings (labels, annotations) in read order, with a table of its size. */
  private static Map<String, String> stringMap(JsonNode node) {
    if (!node.isObject()) {
      throw REFUSED;
    }
    Map<String, String> map = new LinkedHashMap<>(node.size() * 4 / 3 + 1);
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      map.put(SharedStrings.of(e.getKey()), string(e.getValue()));
    }
    return map;
  }

  /** An open object ({@code authentication}, TLS contexts) as Jackson reads it untyped. */
  private static Map<String, Object> untypedMap(JsonNode node) {
    if (!node.isObject()) {
      throw REFUSED;
    }
    Map<String, Object> map = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      map.put(SharedStrings.of(e.getKey()), untyped(e.getValue()));
    }
    return map;
  }

  private static Object untyped(JsonNode node) {
    if (node.isObject()) {
      return untypedMap(node);
    }
    if (node.isArray()) {
      List<Object> items = new ArrayList<>(node.size());
      for (JsonNode each : node) {
        items.add(untyped(each));
      }
      return items;
    }
    if (node.isString()) {
      return SharedStrings.of(node.stringValue());
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isInt()) {
      return node.intValue();
    }
    throw REFUSED;
  }
}
