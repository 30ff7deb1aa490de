package dev.cilia.cilium.admission;

import dev.cilia.cilium.Entities;
import dev.cilia.cilium.Ports;
import dev.cilia.cilium.Target;
import dev.cilia.cilium.model.CidrRule;
import dev.cilia.cilium.model.CiliumPolicy;
import dev.cilia.cilium.model.FqdnSelector;
import dev.cilia.cilium.model.HttpRule;
import dev.cilia.cilium.model.IcmpRule;
import dev.cilia.cilium.model.L7Rules;
import dev.cilia.cilium.model.PolicyRule;
import dev.cilia.cilium.model.PortProtocol;
import dev.cilia.cilium.model.PortRule;
import dev.cilia.cilium.model.RuleItem;
import dev.cilia.cilium.model.RuleView;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The Cilium agent's import checks (CILIUM-POLICY.md §4, V1–V30, plus the merge-time L7 parser
 * conflict M1): every violation that would make the agent ignore the whole CNP/CCNP object on the
 * given target. Where the agent stops at its first error, this lists them all, each rule's in the
 * agent's checking order. Checks that depend on agent flags (V7, V10, V13) are not made; {@code
 * docs/agent-checks.md} lists every check and its limits.
 */
public final class AgentChecks {
  private static final int MAX_PORTS = Ports.MAX_PER_TO_PORTS;
  private static final int MAX_ICMP_FIELDS = 40;

  private static final Set<String> ENTITIES = Set.copyOf(Entities.CRD);

  private static final String FQDN_NAME_CRD_PATTERN = "^([-a-zA-Z0-9_]+[.]?)+$";
  private static final String FQDN_PATTERN_CRD_PATTERN = "^([-a-zA-Z0-9_*]+[.]?)+$";

  private final Target target;
  private final boolean modern;
  private final List<AgentViolation> out = new ArrayList<>();

  private AgentChecks(Target target) {
    this.target = target;
    // 1.17 rewrote the checks as Validate(): lower-case messages, V1, deny rules checked (V30).
    this.modern = target.compareTo(Target.V1_17) >= 0;
  }

  /** Every violation in {@code policy} that the agent of {@code target} would refuse. */
  public static List<AgentViolation> check(Target target, CiliumPolicy policy) {
    AgentChecks checks = new AgentChecks(target);
    checks.policy(policy);
    return List.copyOf(checks.out);
  }

  private void add(String rule, String path, String message) {
    out.add(new AgentViolation(rule, path, message));
  }

  /** The 1.17+ wording or the wording of 1.16 and earlier. */
  private String wording(String v117, String v116) {
    return modern ? v117 : v116;
  }

  // object and rule (V1–V4)

  private void policy(CiliumPolicy policy) {
    String kind =
        policy.isClusterwide() ? CiliumPolicy.KIND_CLUSTERWIDE : CiliumPolicy.KIND_NAMESPACED;
    String name = policy.metadata() == null ? null : policy.metadata().getName();
    if (name == null || name.isEmpty()) {
      add("O1", "/metadata/name", kind + " must have name");
    }
    if (policy.spec() == null && policy.specs() == null) {
      add("O2", "", "Invalid " + kind + " spec(s): empty policy");
    }
    for (RuleView.Rule rule : RuleView.of(policy)) {
      rule(rule, policy.isClusterwide());
    }
    new ParserConflicts().check(policy);
  }

  /** The agent's order of the sections: ingress, ingressDeny, egress, egressDeny. */
  private static final List<RuleView.Section> AGENT_ORDER =
      List.of(
          RuleView.Section.INGRESS,
          RuleView.Section.INGRESS_DENY,
          RuleView.Section.EGRESS,
          RuleView.Section.EGRESS_DENY);

  private void rule(RuleView.Rule rule, boolean clusterwide) {
    PolicyRule r = rule.rule();
    String path = rule.pointer();
    if (modern
        && isEmpty(r.ingress())
        && isEmpty(r.ingressDeny())
        && isEmpty(r.egress())
        && isEmpty(r.egressDeny())) {
      add("V1", path, "rule must have at least one of Ingress, IngressDeny, Egress, EgressDeny");
    }
    if (r.endpointSelector() == null && r.nodeSelector() == null) {
      add("V2", path, "rule must have one of EndpointSelector or NodeSelector");
    } else if (r.endpointSelector() != null && r.nodeSelector() != null) {
      add("V2", path, "rule cannot have both EndpointSelector and NodeSelector");
    }
    if (r.endpointSelector() != null) {
      endpointSelector(r.endpointSelector(), path + "/endpointSelector");
    }
    boolean host = r.nodeSelector() != null;
    if (host) {
      endpointSelector(r.nodeSelector(), path + "/nodeSelector");
    }
    for (RuleView.Section section : AGENT_ORDER) {
      // Before 1.17 the agent does not look at the deny sections here.
      if (modern || !section.deny()) {
        for (RuleItem item : rule.items(section)) {
          item(item, host);
        }
      }
    }
    if (!clusterwide && host) {
      add(
          "V3",
          path + "/nodeSelector",
          "Invalid CiliumNetworkPolicy spec: rule cannot have NodeSelector");
    }
  }

  /** V4: the agent stores keys as {@code source.key} and validates them as Kubernetes does. */
  private void endpointSelector(LabelSelector selector, String path) {
    String errors = K8sValidation.labelSelectorErrors(selector, AgentChecks::extendedKey);
    if (!errors.isEmpty()) {
      add("V4", path, "invalid label selector: " + errors);
    }
  }

  /** Cilium's {@code labels.GetExtendedKeyFrom}: {@code k8s:app} → {@code k8s.app}. */
  static String extendedKey(String key) {
    String source;
    String rest;
    if (key.isEmpty()) {
      source = "";
      rest = "";
    } else if (key.charAt(0) == '$') {
      source = "reserved";
      rest = key.substring(1);
    } else if (key.indexOf(':') >= 0) {
      source = key.substring(0, key.indexOf(':'));
      rest = key.substring(key.indexOf(':') + 1);
    } else if (key.startsWith("reserved.")) {
      source = "reserved";
      rest = key.substring("reserved.".length());
    } else {
      source = "";
      rest = key;
    }
    if (source.isEmpty()) {
      source = "any";
    }
    int eq = rest.indexOf('=');
    return source + "." + (eq >= 0 ? rest.substring(0, eq) : rest);
  }

  // items (V5, V6, V8–V15)

  private void item(RuleItem item, boolean host) {
    String path = item.path();
    boolean deny = item.deny();
    combinations(members(item), path);
    if (item.egress()) {
      if (!deny
          && !target.acceptsToServicesWithPorts()
          && size(item.services()) > 0
          && size(item.toPorts()) > 0) {
        add("V6", path, "Combining ToServices and ToPorts is not supported yet");
      }
      if (!deny && host) {
        L7Count l7 = L7Count.of(item.toPorts());
        if (modern && (l7.http() > 0 || l7.kafka() > 0)) {
          String member = l7.http() > 0 ? "HTTP" : "Kafka";
          add("V9", path, "L7 protocol " + member + " is not supported on host egress yet");
        } else if (!modern && l7.any()) {
          add("V9", path, "host policies do not support L7 rules yet");
        }
      }
    } else if (!deny) {
      L7Count l7 = L7Count.of(item.toPorts());
      // 1.17 checks host ingress before DNS on ingress; 1.16 the other way round.
      if (modern && host && l7.any()) {
        add("V9", path, "L7 policy is not supported on host ingress yet");
      } else if (l7.dns() > 0) {
        add("V8", path + l7.firstDnsPath(), "L7 protocol DNS is not supported on ingress yet");
      } else if (!modern && host && l7.any()) {
        add("V9", path, "host policies do not support L7 rules yet");
      }
    }
    icmpsWithPorts(item.icmps(), item.toPorts(), path);
    forEach(item.endpoints(), item.at(item.field("Endpoints")), this::endpointSelector);
    forEach(item.requires(), item.at(item.field("Requires")), this::endpointSelector);
    if (target.hasNodeSelectorPeers()) {
      forEach(item.nodes(), item.at(item.field("Nodes")), this::endpointSelector);
    }
    forEach(
        item.toPorts(),
        item.at("toPorts"),
        (pr, p) -> {
          if (deny) {
            portDenyRule(pr, p);
          } else {
            portRule(pr, p, !item.egress());
          }
        });
    forEach(item.icmps(), item.at("icmps"), this::icmpRule);
    forEach(item.cidr(), item.at(item.field("CIDR")), this::cidr);
    forEach(item.cidrSet(), item.at(item.field("CIDRSet")), this::cidrRule);
    forEach(item.entities(), item.at(item.field("Entities")), this::entity);
    // Deny items have no toFQDNs field (§1.3), so the CRD drops it before the agent sees it.
    if (!deny) {
      forEach(item.fqdns(), item.at("toFQDNs"), this::fqdnSelector);
    }
  }

  /** V5's members, in the order of the agent's map literal for the item's direction. */
  private Map<String, Integer> members(RuleItem item) {
    Map<String, Integer> members = new LinkedHashMap<>();
    int nodes = target.hasNodeSelectorPeers() ? size(item.nodes()) : 0;
    // Go iterates the map randomly, so the agent may name the two members the other way round.
    if (item.egress()) {
      members.put("ToCIDR", size(item.cidr()));
      members.put("ToCIDRSet", size(item.cidrSet()));
      members.put("ToEndpoints", size(item.endpoints()));
      members.put("ToEntities", size(item.entities()));
      members.put("ToServices", size(item.services()));
      members.put("ToFQDNs", item.deny() ? 0 : size(item.fqdns()));
      members.put("ToGroups", size(item.groups()));
      members.put("ToNodes", nodes);
    } else {
      members.put("FromEndpoints", size(item.endpoints()));
      members.put("FromCIDR", size(item.cidr()));
      members.put("FromCIDRSet", size(item.cidrSet()));
      members.put("FromEntities", size(item.entities()));
      members.put("FromNodes", nodes);
      members.put("FromGroups", size(item.groups()));
    }
    return members;
  }

  /** V5: one L3 peer kind per item. */
  private void combinations(Map<String, Integer> members, String path) {
    List<String> present =
        members.entrySet().stream()
            .filter(e -> e.getValue() > 0)
            .map(Map.Entry::getKey)
            .collect(Collectors.toList());
    if (present.size() > 1) {
      add(
          "V5",
          path,
          wording("combining ", "Combining ")
              + present.get(0)
              + " and "
              + present.get(1)
              + " is not supported yet");
    }
  }

  /** V11. */
  private void icmpsWithPorts(List<IcmpRule> icmps, List<PortRule> ports, String path) {
    if (size(icmps) > 0 && size(ports) > 0) {
      add(
          "V11",
          path + "/icmps",
          wording(
              "the ICMPs block may only be present without ToPorts. Define a separate rule to use"
                  + " ToPorts",
              "The ICMPs block may only be present without ToPorts. Define a separate rule to use"
                  + " ToPorts."));
    }
  }

  /** V12. */
  private void icmpRule(IcmpRule rule, String path) {
    if (size(rule.fields()) > MAX_ICMP_FIELDS) {
      add("V12", path + "/fields", "too many types, the max is " + MAX_ICMP_FIELDS);
    }
    forEach(
        rule.fields(),
        path + "/fields",
        (field, p) -> {
          String family = field.family() == null ? "" : field.family();
          if (!family.isEmpty() && !family.equals("IPv4") && !family.equals("IPv6")) {
            add("V12", p + "/family", "wrong family: " + family);
          }
        });
  }

  /**
   * V14. The agent of 1.15+ also knows {@code world-ipv4}/{@code world-ipv6}, but the CRD enum
   * refuses them before the agent sees them (§1.5); either way the object is lost.
   */
  private void entity(String entity, String path) {
    if (!ENTITIES.contains(entity)) {
      add("V14", path, "unsupported entity: " + entity);
    }
  }

  /**
   * V15: the agent's checks, then the CRD's (all versions: the name patterns; 1.16+: a name or a
   * pattern is required; 1.17+: at most 255 characters), in the API server's words.
   */
  private void fqdnSelector(FqdnSelector selector, String path) {
    String name = selector.matchName() == null ? "" : selector.matchName();
    String pattern = selector.matchPattern() == null ? "" : selector.matchPattern();
    if (!name.isEmpty() && !pattern.isEmpty()) {
      add("V15", path, "only one of MatchName or MatchPattern is allowed in an FQDNSelector");
    }
    // The agent's character sets allow '_' although its message does not say so.
    if (!name.isEmpty() && !allCharsIn(name, false)) {
      add(
          "V15",
          path + "/matchName",
          "Invalid characters in MatchName: \""
              + name
              + "\". Only 0-9, a-z, A-Z and . and - characters are allowed");
    } else if (!name.isEmpty()) {
      crdDnsName(name, false, path + "/matchName");
    }
    if (!pattern.isEmpty() && !allCharsIn(pattern, true)) {
      add(
          "V15",
          path + "/matchPattern",
          "Invalid characters in MatchPattern: \""
              + pattern
              + "\". Only 0-9, a-z, A-Z and ., - and * characters are allowed");
    } else if (!pattern.isEmpty()) {
      crdDnsName(pattern, true, path + "/matchPattern");
    }
    if (target.hasCrdLevelChecks()
        && selector.matchName() == null
        && selector.matchPattern() == null) {
      add(
          "V15",
          path,
          RuleView.dotted(path)
              + ": Invalid value: \"object\": must validate one and only one schema (oneOf)");
    }
  }

  private static boolean allCharsIn(String s, boolean star) {
    return s.chars()
        .allMatch(
            c ->
                c >= 'a' && c <= 'z'
                    || c >= 'A' && c <= 'Z'
                    || c >= '0' && c <= '9'
                    || c == '-'
                    || c == '_'
                    || c == '.'
                    || star && c == '*');
  }

  /** The CRD's {@code ^([-a-zA-Z0-9_]+[.]?)+$}: no leading dot, no empty label; ≤255 (1.17+). */
  private void crdDnsName(String value, boolean star, String path) {
    if (value.startsWith(".") || value.contains("..")) {
      String regex = star ? FQDN_PATTERN_CRD_PATTERN : FQDN_NAME_CRD_PATTERN;
      add(
          "V15",
          path,
          RuleView.dotted(path)
              + ": Invalid value: "
              + GoText.quote(value)
              + ": "
              + RuleView.dotted(path)
              + " in body should match '"
              + regex
              + "'");
    }
    if (modern && value.length() > 255) {
      add("V15", path, RuleView.dotted(path) + ": Too long: may not be longer than 255");
    }
  }

  // ports (V16–V25, V27)

  private void portRule(PortRule pr, String path, boolean ingress) {
    boolean hasRules = hasRules(pr.rules());
    boolean hasDnsRules = pr.rules() != null && size(pr.rules().dns()) > 0;
    if (size(pr.serverNames()) > 0 && hasRules && pr.terminatingTLS() == null) {
      add(
          "V23",
          path + "/serverNames",
          "ServerNames are not allowed with L7 rules without TLS termination");
    }
    forEach(
        pr.serverNames(),
        path + "/serverNames",
        (name, p) -> {
          if (name == null || name.isEmpty()) {
            add(
                "V23",
                p,
                wording("empty server name is not allowed", "Empty server name is not allowed"));
          }
        });
    if (size(pr.ports()) > MAX_PORTS) {
      add("V16", path + "/ports", "too many ports, the max is " + MAX_PORTS);
    }
    boolean haveZeroPort = false;
    List<PortProtocol> ports = pr.ports() == null ? List.of() : pr.ports();
    for (int i = 0; i < ports.size(); i++) {
      PortProtocol pp = ports.get(i);
      String p = path + "/ports/" + i;
      Optional<Integer> number = port(pp, p, hasDnsRules);
      haveZeroPort |= number.isPresent() && number.get() == 0;
      Optional<String> protocol = protocol(pp, p);
      if (protocol.isPresent() && hasRules && !hasDnsRules && !protocol.get().equals("TCP")) {
        add(
            "V18",
            p + "/protocol",
            "L7 rules can only apply to TCP (not " + protocol.get() + ") except for DNS rules");
      }
    }
    if (pr.listener() != null) {
      Object name = pr.listener().get("name");
      String listener = name == null ? "" : name.toString();
      if (ingress) {
        add("V24", path + "/listener", "Listener is not allowed on ingress (" + listener + ")");
      }
      if (hasRules) {
        add("V24", path + "/listener", "Listener is not allowed with L7 rules (" + listener + ")");
      }
    }
    if (hasRules) {
      if (haveZeroPort) {
        add("V19", path + "/rules", "L7 rules can not be used when a port is 0");
      }
      l7Rules(pr.rules(), ports, path + "/rules");
    }
  }

  /** V30: a deny item's {@code toPorts} only carry ports (PortDenyRule). */
  private void portDenyRule(PortRule pr, String path) {
    if (size(pr.ports()) > MAX_PORTS) {
      add("V16", path + "/ports", "too many ports, the max is " + MAX_PORTS);
    }
    forEach(
        pr.ports(),
        path + "/ports",
        (pp, p) -> {
          port(pp, p, false);
          protocol(pp, p);
        });
  }

  /**
   * V17 (port) and V21: the port's number, empty for a named port or an error. Named ports are IANA
   * service names (RFC 6335: letters, digits, single inner hyphens, a letter, ≤15); the agent
   * lower-cases them. Anything else goes through Go's {@code strconv.ParseUint(s, 0, 16)}.
   */
  private Optional<Integer> port(PortProtocol pp, String path, boolean hasDnsRules) {
    String port = pp.port() == null ? "" : pp.port();
    if (port.isEmpty()) {
      add("V17", path + "/port", "Port must be specified");
      return Optional.empty();
    }
    if (isServiceName(port)) {
      return Optional.empty();
    }
    GoNetip.Parsed<Integer> parsed = parseUint16(port);
    if (!parsed.ok()) {
      add(
          "V17",
          path + "/port",
          wording("unable to parse port: ", "Unable to parse port: ") + parsed.error());
      return Optional.empty();
    }
    int endPort = pp.endPort() == null ? 0 : pp.endPort();
    if (hasDnsRules && target.rejectsDnsPortRanges() && endPort > parsed.value()) {
      add("V21", path + "/endPort", "DNS rules do not support port ranges");
    }
    return Optional.of(parsed.value());
  }

  /** V17 (protocol): the normalised protocol ({@code ANY} when omitted), or empty if invalid. */
  private Optional<String> protocol(PortProtocol pp, String path) {
    String protocol =
        pp.protocol() == null || pp.protocol().isEmpty()
            ? "ANY"
            : pp.protocol().toUpperCase(Locale.ROOT);
    if (!Set.of("ANY", "TCP", "UDP", "SCTP").contains(protocol)) {
      add(
          "V17",
          path + "/protocol",
          "invalid protocol " + GoText.quote(protocol) + ", must be { tcp | udp | sctp | any }");
      return Optional.empty();
    }
    return Optional.of(protocol);
  }

  static boolean isServiceName(String s) {
    if (s.isEmpty() || s.length() > 15 || s.startsWith("-") || s.endsWith("-")) {
      return false;
    }
    if (s.contains("--")) {
      return false;
    }
    boolean letter = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean isLetter = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
      letter |= isLetter;
      if (!isLetter && !(c >= '0' && c <= '9') && c != '-') {
        return false;
      }
    }
    return letter;
  }

  /** Go's {@code strconv.ParseUint(s, 0, 16)} with its error texts. */
  static GoNetip.Parsed<Integer> parseUint16(String s0) {
    String s = s0;
    int base = 10;
    if (s.charAt(0) == '0') {
      char next = s.length() >= 3 ? Character.toLowerCase(s.charAt(1)) : ' ';
      if (next == 'b' || next == 'o' || next == 'x') {
        base = next == 'b' ? 2 : next == 'o' ? 8 : 16;
        s = s.substring(2);
      } else {
        base = 8;
        s = s.substring(1);
      }
    }
    long n = 0;
    boolean underscores = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      int d;
      char lower = Character.toLowerCase(c);
      if (c == '_') {
        underscores = true;
        continue;
      } else if (c >= '0' && c <= '9') {
        d = c - '0';
      } else if (c < 0x80 && lower >= 'a' && lower <= 'z') {
        d = lower - 'a' + 10;
      } else {
        return uintError(s0, "invalid syntax");
      }
      if (d >= base) {
        return uintError(s0, "invalid syntax");
      }
      n = n * base + d;
      if (n > 0xffff) {
        return uintError(s0, "value out of range");
      }
    }
    if (underscores && !underscoreOk(s0)) {
      return uintError(s0, "invalid syntax");
    }
    return GoNetip.Parsed.ok((int) n);
  }

  /** The error of {@link #parseUint16}, built only on failure: every emitted port is parsed. */
  private static GoNetip.Parsed<Integer> uintError(String s0, String reason) {
    return GoNetip.Parsed.fail("strconv.ParseUint: parsing " + GoText.quote(s0) + ": " + reason);
  }

  /** Go's {@code strconv.underscoreOK}: underscores only between digits. */
  private static boolean underscoreOk(String s) {
    char saw = '^';
    int i = 0;
    boolean hex = false;
    if (s.length() >= 2
        && s.charAt(0) == '0'
        && "box".indexOf(Character.toLowerCase(s.charAt(1))) >= 0) {
      i = 2;
      saw = '0';
      hex = Character.toLowerCase(s.charAt(1)) == 'x';
    }
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      char lower = Character.toLowerCase(c);
      if (c >= '0' && c <= '9' || hex && lower >= 'a' && lower <= 'f') {
        saw = '0';
        continue;
      }
      if (c == '_') {
        if (saw != '0') {
          return false;
        }
        saw = '_';
        continue;
      }
      if (saw == '_') {
        return false;
      }
      saw = '!';
    }
    return saw != '_';
  }

  /** V20, V22, V25, V27 and V15 on DNS rules; only reached with non-empty rules. */
  private void l7Rules(L7Rules rules, List<PortProtocol> ports, String path) {
    int types = 0;
    if (rules.http() != null) {
      types++;
      forEach(rules.http(), path + "/http", this::httpRule);
    }
    if (rules.kafka() != null) {
      types++;
    }
    if (rules.dns() != null) {
      if (ports.isEmpty()) {
        add(
            "V20",
            path + "/dns",
            wording(
                "port 53 must be specified for DNS rules",
                "Port 53 must be specified for DNS rules"));
      }
      types++;
      forEach(rules.dns(), path + "/dns", this::fqdnSelector);
    }
    boolean hasProto = rules.l7proto() != null && !rules.l7proto().isEmpty();
    if (rules.l7() != null && !hasProto) {
      add("V22", path + "/l7", "'l7' may only be specified when a 'l7proto' is also specified");
    }
    if (hasProto) {
      types++;
      forEach(
          rules.l7(),
          path + "/l7",
          (entry, p) -> {
            if (entry.containsKey("")) {
              add("V27", p, "Empty key not allowed");
            }
          });
    }
    if (types > 1) {
      add("V22", path, "multiple L7 protocol rule types specified in single rule");
    }
  }

  /** V25: path and method compile as Go regular expressions; header matches are complete. */
  private void httpRule(HttpRule rule, String path) {
    if (rule.path() != null && !rule.path().isEmpty()) {
      GoRegexp.compileError(rule.path()).ifPresent(e -> add("V25", path + "/path", e));
    }
    if (rule.method() != null && !rule.method().isEmpty()) {
      GoRegexp.compileError(rule.method()).ifPresent(e -> add("V25", path + "/method", e));
    }
    forEach(
        rule.headerMatches(),
        path + "/headerMatches",
        (match, p) -> {
          if (text(match.get("name")).isEmpty()) {
            add("V25", p + "/name", "Header name missing");
          }
          String mismatch = text(match.get("mismatch"));
          if (!mismatch.isEmpty()
              && !Set.of("LOG", "ADD", "DELETE", "REPLACE").contains(mismatch)) {
            add("V25", p + "/mismatch", "Invalid header action: " + mismatch);
          }
          if (match.get("secret") instanceof Map<?, ?> secret
              && text(secret.get("name")).isEmpty()) {
            add("V25", p + "/secret", "Secret name missing");
          }
        });
  }

  // CIDRs (V28, V29)

  /** V28: an address or a prefix, as {@code toCIDR}/{@code fromCIDR} take them. */
  private void cidr(String cidr, String path) {
    if (cidr == null || cidr.isEmpty()) {
      add("V28", path, "IP must be specified");
      return;
    }
    if (GoNetip.parsePrefix(cidr).ok()) {
      return;
    }
    GoNetip.Parsed<GoNetip.Addr> addr = GoNetip.parseAddr(cidr);
    if (!addr.ok()) {
      add("V28", path, "unable to parse CIDR: " + addr.error());
    }
  }

  /** V29. Fields the target's CRD does not know are pruned before the agent sees them. */
  private void cidrRule(CidrRule rule, String path) {
    String cidr = rule.cidr() == null ? "" : rule.cidr();
    // cidrGroupRef arrived in 1.14 and cidrGroupSelector in 1.17 (§2).
    String ref =
        target.compareTo(Target.V1_14) >= 0 && rule.cidrGroupRef() != null
            ? rule.cidrGroupRef()
            : "";
    LabelSelector selector = modern ? rule.cidrGroupSelector() : null;
    if (modern) {
      int count = (ref.isEmpty() ? 0 : 1) + (cidr.isEmpty() ? 0 : 1) + (selector == null ? 0 : 1);
      if (selector != null) {
        String errors = K8sValidation.labelSelectorErrors(selector, key -> key);
        if (!errors.isEmpty()) {
          add(
              "V29",
              path + "/cidrGroupSelector",
              "failed to parse cidrGroupSelector " + selectorJson(selector) + ": " + errors);
        }
      }
      if (count == 0) {
        add("V29", path, "one of cidr, cidrGroupRef, or cidrGroupSelector is required");
        return;
      }
      if (count > 1) {
        add(
            "V29",
            path,
            "more than one of cidr, cidrGroupRef, or cidrGroupSelector may not be set");
        return;
      }
      if (selector != null) {
        return;
      }
    }
    if (!ref.isEmpty()) {
      return;
    }
    GoNetip.Parsed<GoNetip.Prefix> prefix = GoNetip.parsePrefix(cidr);
    if (!prefix.ok()) {
      add(
          "V29",
          path + "/cidr",
          wording("unable to parse CIDRRule ", "Unable to parse CIDRRule ")
              + GoText.quote(cidr)
              + ": "
              + prefix.error());
      return;
    }
    forEach(
        rule.except(),
        path + "/except",
        (except, p) -> {
          GoNetip.Parsed<GoNetip.Prefix> parsed = GoNetip.parsePrefix(except);
          if (!parsed.ok()) {
            add("V29", p, parsed.error());
          } else if (!prefix.value().contains(parsed.value().addr())) {
            // The agent checks only the except prefix's address, not its length.
            add(
                "V29",
                p,
                "allow CIDR prefix " + cidr + " does not contain exclude CIDR prefix " + except);
          }
        });
  }

  /** A selector as the agent prints it: JSON, keys sorted as Go's encoder sorts map keys. */
  private static String selectorJson(LabelSelector selector) {
    List<String> parts = new ArrayList<>();
    if (selector.getMatchExpressions() != null && !selector.getMatchExpressions().isEmpty()) {
      List<String> exprs = new ArrayList<>();
      for (LabelSelectorRequirement req : selector.getMatchExpressions()) {
        String values =
            req.getValues() == null || req.getValues().isEmpty()
                ? ""
                : ",\"values\":["
                    + req.getValues().stream()
                        .map(AgentChecks::json)
                        .collect(Collectors.joining(","))
                    + "]";
        exprs.add(
            "{\"key\":"
                + json(text(req.getKey()))
                + ",\"operator\":"
                + json(text(req.getOperator()))
                + values
                + "}");
      }
      parts.add("\"matchExpressions\":[" + String.join(",", exprs) + "]");
    }
    if (selector.getMatchLabels() != null && !selector.getMatchLabels().isEmpty()) {
      parts.add(
          "\"matchLabels\":{"
              + new TreeMap<>(selector.getMatchLabels())
                  .entrySet().stream()
                      .map(e -> json(e.getKey()) + ":" + json(text(e.getValue())))
                      .collect(Collectors.joining(","))
              + "}");
    }
    parts.sort(null);
    return "{" + String.join(",", parts) + "}";
  }

  private static String json(String s) {
    return GoText.quote(s);
  }

  // merge time (M1)

  /**
   * M1: the agent merges all rules selecting an endpoint per direction and port; two L7 parsers
   * (HTTP, DNS, Kafka, a generic {@code l7proto}) for the same peer and port cannot be merged, and
   * the policy fails for that endpoint (§4, "merge-time"). Within one policy this reports a pair
   * when the subjects may overlap (equal, or either selects everything), the peers may overlap
   * (equal, or either is a wildcard: no L3 peer, {@code {}}, or entity {@code all}), the ports
   * overlap and the protocols overlap.
   */
  private final class ParserConflicts {
    private record Entry(
        boolean egress,
        String subject,
        String peer,
        List<PortProtocol> ports,
        String parser,
        String path) {}

    private final List<Entry> entries = new ArrayList<>();

    void check(CiliumPolicy policy) {
      for (RuleView.Rule rule : RuleView.of(policy)) {
        PolicyRule r = rule.rule();
        LabelSelector subjectSelector =
            r.endpointSelector() != null ? r.endpointSelector() : r.nodeSelector();
        String subject = (r.endpointSelector() != null ? "e" : "n") + selectorKey(subjectSelector);
        for (RuleView.Section section :
            List.of(RuleView.Section.EGRESS, RuleView.Section.INGRESS)) {
          for (RuleItem item : rule.items(section)) {
            add(item.egress(), subject, () -> peerKey(item), item.toPorts(), item.path());
          }
        }
      }
    }

    private void add(
        boolean egress,
        String subject,
        Supplier<String> peerKey,
        List<PortRule> portRules,
        String path) {
      // The peer's key is built only for items with L7 rules: most items have none.
      String[] peer = new String[1];
      forEach(
          portRules,
          path + "/toPorts",
          (pr, p) -> {
            String parser = parser(pr.rules());
            if (parser.isEmpty() || pr.ports() == null) {
              return;
            }
            if (peer[0] == null) {
              peer[0] = peerKey.get();
            }
            Entry entry = new Entry(egress, subject, peer[0], pr.ports(), parser, p);
            for (Entry earlier : entries) {
              if (conflicts(earlier, entry)) {
                AgentChecks.this.add(
                    "M1",
                    p + "/rules",
                    "cannot merge conflicting L7 parsers ("
                        + entry.parser()
                        + "/"
                        + earlier.parser()
                        + ")");
                break;
              }
            }
            entries.add(entry);
          });
    }

    private boolean conflicts(Entry a, Entry b) {
      return a.egress() == b.egress()
          && !a.parser().equals(b.parser())
          && overlaps(a.subject(), b.subject(), "e{}")
          && overlaps(a.peer(), b.peer(), "*")
          && a.ports().stream().anyMatch(x -> b.ports().stream().anyMatch(y -> portsMeet(x, y)));
    }

    private boolean overlaps(String a, String b, String wildcard) {
      return a.equals(b) || a.equals(wildcard) || b.equals(wildcard);
    }

    private boolean portsMeet(PortProtocol a, PortProtocol b) {
      String pa = protocolOf(a);
      String pb = protocolOf(b);
      if (!pa.equals("ANY") && !pb.equals("ANY") && !pa.equals(pb)) {
        return false;
      }
      String portA = text(a.port()).toLowerCase(Locale.ROOT);
      String portB = text(b.port()).toLowerCase(Locale.ROOT);
      if (isServiceName(portA) || isServiceName(portB)) {
        return portA.equals(portB);
      }
      GoNetip.Parsed<Integer> na = parseUint16(portA.isEmpty() ? "x" : portA);
      GoNetip.Parsed<Integer> nb = parseUint16(portB.isEmpty() ? "x" : portB);
      if (!na.ok() || !nb.ok()) {
        return false;
      }
      int lowA = na.value();
      int lowB = nb.value();
      int highA = Math.max(lowA, a.endPort() == null ? 0 : a.endPort());
      int highB = Math.max(lowB, b.endPort() == null ? 0 : b.endPort());
      return lowA == 0 || lowB == 0 || lowA <= highB && lowB <= highA;
    }

    private String protocolOf(PortProtocol pp) {
      return pp.protocol() == null || pp.protocol().isEmpty()
          ? "ANY"
          : pp.protocol().toUpperCase(Locale.ROOT);
    }

    /** The agent's parser choice: the first non-empty of HTTP, Kafka, generic, DNS. */
    private String parser(L7Rules rules) {
      if (rules == null) {
        return "";
      } else if (size(rules.http()) > 0) {
        return "http";
      } else if (size(rules.kafka()) > 0) {
        return "kafka";
      } else if (rules.l7proto() != null && !rules.l7proto().isEmpty()) {
        return rules.l7proto();
      } else if (size(rules.dns()) > 0) {
        return "dns";
      }
      return "";
    }

    /** A key of the item's peers; {@code *} for an item that matches every peer. */
    private String peerKey(RuleItem item) {
      boolean none =
          size(item.endpoints())
                  + size(item.cidr())
                  + size(item.cidrSet())
                  + size(item.entities())
                  + size(item.services())
                  + size(item.fqdns())
                  + size(item.nodes())
                  + size(item.groups())
              == 0;
      if (none || isBroad(item.endpoints(), item.entities())) {
        return "*";
      }
      return String.join(
          "|",
          selectorsKey(item.endpoints()),
          String.valueOf(item.cidr()),
          String.valueOf(item.cidrSet()),
          String.valueOf(item.entities()),
          String.valueOf(item.services()),
          String.valueOf(item.fqdns()),
          selectorsKey(item.nodes()),
          String.valueOf(item.groups()));
    }

    private boolean isBroad(List<LabelSelector> endpoints, List<String> entities) {
      return endpoints != null && endpoints.stream().anyMatch(s -> selectorKey(s).equals("{}"))
          || entities != null && entities.contains("all");
    }

    private String selectorsKey(List<LabelSelector> selectors) {
      return selectors == null
          ? "[]"
          : selectors.stream()
              .map(this::selectorKey)
              .sorted()
              .collect(Collectors.joining(",", "[", "]"));
    }

    private String selectorKey(LabelSelector selector) {
      return selector == null ? "{}" : selectorJson(selector);
    }
  }

  // small shared pieces

  /** The L7 members of an item's port rules, as the agent's {@code countL7Rules} counts them. */
  private record L7Count(boolean any, int dns, int http, int kafka, String firstDnsPath) {
    static L7Count of(List<PortRule> ports) {
      boolean any = false;
      int dns = 0;
      int http = 0;
      int kafka = 0;
      String firstDns = "";
      List<PortRule> list = ports == null ? List.of() : ports;
      for (int i = 0; i < list.size(); i++) {
        L7Rules rules = list.get(i).rules();
        if (!hasRules(rules)) {
          continue;
        }
        any = true;
        if (size(rules.dns()) > 0 && dns == 0) {
          firstDns = "/toPorts/" + i + "/rules/dns";
        }
        dns += size(rules.dns());
        http += size(rules.http());
        kafka += size(rules.kafka());
      }
      return new L7Count(any, dns, http, kafka, firstDns);
    }
  }

  /** The agent's {@code !L7Rules.IsEmpty()}: any L7 field present, even an empty list. */
  private static boolean hasRules(L7Rules rules) {
    return rules != null
        && (rules.http() != null
            || rules.kafka() != null
            || rules.dns() != null
            || rules.l7proto() != null && !rules.l7proto().isEmpty()
            || rules.l7() != null);
  }

  private interface IndexedVisitor<T> {
    void visit(T item, String path);
  }

  private static <T> void forEach(List<T> items, String path, IndexedVisitor<T> visitor) {
    if (items == null) {
      return;
    }
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i) != null) {
        visitor.visit(items.get(i), path + "/" + i);
      }
    }
  }

  private static int size(List<?> list) {
    return list == null ? 0 : list.size();
  }

  private static boolean isEmpty(List<?> list) {
    return list == null || list.isEmpty();
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString();
  }
}
