package dev.cilia.eval;

import dev.cilia.cilium.Target;
import dev.cilia.cilium.model.CidrRule;
import dev.cilia.cilium.model.CiliumPolicy;
import dev.cilia.cilium.model.DefaultDeny;
import dev.cilia.cilium.model.FqdnSelector;
import dev.cilia.cilium.model.IcmpRule;
import dev.cilia.cilium.model.PolicyRule;
import dev.cilia.cilium.model.PortProtocol;
import dev.cilia.cilium.model.PortRule;
import dev.cilia.cilium.model.RuleItem;
import dev.cilia.cilium.model.RuleView;
import dev.cilia.cilium.model.ServiceSelector;
import dev.cilia.source.SharedStrings;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Compiles CNP/CCNP documents into entries for one target (CILIUM-POLICY.md §3.1–3.2). */
final class RuleCompiler {
  private static final Map<String, Integer> ICMP4_TYPES =
      Map.ofEntries(
          Map.entry("EchoReply", 0),
          Map.entry("DestinationUnreachable", 3),
          Map.entry("Redirect", 5),
          Map.entry("Echo", 8),
          Map.entry("EchoRequest", 8),
          Map.entry("RouterAdvertisement", 9),
          Map.entry("RouterSelection", 10),
          Map.entry("RouterSolicitation", 10),
          Map.entry("TimeExceeded", 11),
          Map.entry("ParameterProblem", 12),
          Map.entry("Timestamp", 13),
          Map.entry("TimestampReply", 14),
          Map.entry("Photuris", 40),
          Map.entry("ExtendedEchoRequest", 42),
          Map.entry("ExtendedEchoReply", 43));
  private static final Map<String, Integer> ICMP6_TYPES =
      Map.ofEntries(
          Map.entry("DestinationUnreachable", 1),
          Map.entry("PacketTooBig", 2),
          Map.entry("TimeExceeded", 3),
          Map.entry("ParameterProblem", 4),
          Map.entry("EchoRequest", 128),
          Map.entry("EchoReply", 129),
          Map.entry("MulticastListenerQuery", 130),
          Map.entry("MulticastListenerReport", 131),
          Map.entry("MulticastListenerDone", 132),
          Map.entry("RouterSolicitation", 133),
          Map.entry("RouterAdvertisement", 134),
          Map.entry("NeighborSolicitation", 135),
          Map.entry("NeighborAdvertisement", 136),
          Map.entry("RedirectMessage", 137),
          Map.entry("RouterRenumbering", 138),
          Map.entry("ICMPNodeInformationQuery", 139),
          Map.entry("ICMPNodeInformationResponse", 140),
          Map.entry("InverseNeighborDiscoverySolicitation", 141),
          Map.entry("InverseNeighborDiscoveryAdvertisement", 142),
          Map.entry("HomeAgentAddressDiscoveryRequest", 144),
          Map.entry("HomeAgentAddressDiscoveryReply", 145),
          Map.entry("MobilePrefixSolicitation", 146),
          Map.entry("MobilePrefixAdvertisement", 147),
          Map.entry("DuplicateAddressRequestCodeSuffix", 157),
          Map.entry("DuplicateAddressConfirmationCodeSuffix", 158),
          Map.entry("ExtendedEchoRequest", 160),
          Map.entry("ExtendedEchoReply", 161));

  private final Target target;

  RuleCompiler(Target target) {
    this.target = target;
  }

  /** Every rule of a policy; malformed content is an {@link IllegalArgumentException}. */
  List<CompiledRule> compile(CiliumPolicy policy) {
    String name = policy.qualifiedName();
    String namespace = null;
    if (!policy.isClusterwide()) {
      String ns = policy.metadata() == null ? null : policy.metadata().getNamespace();
      // kubectl applies a namespaced object without a namespace to `default`.
      namespace = ns == null || ns.isEmpty() ? "default" : ns;
      if (ns == null || ns.isEmpty()) {
        name = "default/" + name;
      }
    }
    List<CompiledRule> out = new ArrayList<>();
    try {
      for (RuleView.Rule rule : RuleView.of(policy)) {
        out.add(rule(rule, name, namespace));
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("policy " + name + ": " + e.getMessage(), e);
    }
    return out;
  }

  private CompiledRule rule(RuleView.Rule view, String policy, String namespace) {
    PolicyRule rule = view.rule();
    Selector subject =
        rule.endpointSelector() == null
            ? null
            : Selector.subject(rule.endpointSelector(), namespace);
    boolean init = namespace == null && Selector.selectsInit(rule.endpointSelector());
    Context ctx = new Context(policy, namespace, init);
    DefaultDeny dd = rule.enableDefaultDeny();
    Section out = section(ctx, view, true, dd == null ? null : dd.egress());
    Section in = section(ctx, view, false, dd == null ? null : dd.ingress());
    return new CompiledRule(subject, namespace, out, in);
  }

  /** One direction of a rule: its allow and deny items, and whether it enforces (§3.1). */
  private Section section(
      Context ctx, RuleView.Rule view, boolean egress, Boolean enableDefaultDeny) {
    List<Entry> allows = new ArrayList<>();
    List<Entry> denies = new ArrayList<>();
    List<Requirement> requires = new ArrayList<>();
    RuleView.Section allowSection = RuleView.Section.of(egress, false);
    RuleView.Section denySection = RuleView.Section.of(egress, true);
    for (RuleItem item : view.items(allowSection)) {
      item(ctx, item, allows, requires);
    }
    for (RuleItem item : view.items(denySection)) {
      item(ctx, item, denies, requires);
    }
    boolean hasAllows = view.has(allowSection);
    boolean hasDenies = view.has(denySection);
    Side d = egress ? Side.EGRESS : Side.INGRESS;
    // §3.1: a direction is enforced by a non-empty D or DDeny list; below 1.16 the
    // enableDefaultDeny field does not exist (pruned), so every such rule is default-deny.
    boolean enforces = hasAllows || hasDenies;
    boolean defaultDeny =
        !target.hasEnableDefaultDeny() || enableDefaultDeny == null || enableDefaultDeny;
    RuleRef ref = new RuleRef(ctx.policy(), d, view.name(hasAllows ? allowSection : denySection));
    RuleRef ddRef =
        new RuleRef(
            ctx.policy(), d, RuleView.ruleName(view.pointer() + "/enableDefaultDeny/" + d.word()));
    return new Section(
        enforces,
        defaultDeny,
        ref,
        ddRef,
        List.copyOf(allows),
        List.copyOf(denies),
        List.copyOf(requires));
  }

  private record Context(String policy, String namespace, boolean subjectIsInit) {}

  private final class PeerBuilder {
    boolean any;
    final List<Selector> selectors = new ArrayList<>();
    int entityKinds;
    boolean entityAll;
    boolean entityCluster;
    boolean world4;
    boolean world6;
    String unknownEntity;
    final List<Peers.Cidr> cidrs = new ArrayList<>();
    final List<DnsNames> fqdns = new ArrayList<>();
    String maybeAny;
    String maybeWorld;
    String maybeNodes;

    void endpoints(Context ctx, List<LabelSelector> list) {
      if (list == null) {
        return;
      }
      any = true;
      for (LabelSelector s : list) {
        selectors.add(
            Selector.peer(
                s,
                ctx.namespace(),
                target.namespaceLabelPeersCrossNamespaces(),
                ctx.subjectIsInit()));
      }
    }

    void cidrs(List<String> list) {
      if (list == null) {
        return;
      }
      any = true;
      for (String c : list) {
        cidrs.add(new Peers.Cidr(Addresses.Prefix.parse(c), List.of()));
      }
    }

    void cidrSets(List<CidrRule> list) {
      if (list == null) {
        return;
      }
      any = true;
      for (CidrRule c : list) {
        if (c.cidr() != null) {
          List<Addresses.Prefix> except = new ArrayList<>();
          if (c.except() != null) {
            for (String e : c.except()) {
              except.add(Addresses.Prefix.parse(e));
            }
          }
          cidrs.add(new Peers.Cidr(Addresses.Prefix.parse(c.cidr()), List.copyOf(except)));
        } else {
          maybeWorld = "cidrGroupRef/cidrGroupSelector depends on CiliumCIDRGroup objects";
        }
      }
    }

    void entities(List<String> list) {
      if (list == null) {
        return;
      }
      any = true;
      for (String e : list) {
        switch (e) {
          case "all" -> entityAll = true;
          case "cluster" -> entityCluster = true;
          case "none" -> {}
          // Agent-only names (§1.5), 1.15+; the CRD enum rejects them.
          case "world-ipv4" -> world4 |= target.compareTo(Target.V1_15) >= 0;
          case "world-ipv6" -> world6 |= target.compareTo(Target.V1_15) >= 0;
          default -> {
            int kind = Identity.entityKind(e);
            if (kind == 0) {
              unknownEntity = e;
            }
            entityKinds |= kind;
          }
        }
      }
    }

    void fqdns(List<FqdnSelector> list) {
      if (list == null) {
        return;
      }
      any = true;
      for (FqdnSelector f : list) {
        fqdns.add(DnsNames.of(f));
      }
    }

    void services(List<ServiceSelector> list) {
      if (list == null) {
        return;
      }
      any = true;
      if (!list.isEmpty()) {
        maybeAny = "toServices depends on live Service and EndpointSlice objects";
      }
    }

    void groups(List<Map<String, Object>> list) {
      if (list == null) {
        return;
      }
      any = true;
      if (!list.isEmpty()) {
        maybeWorld = "to/fromGroups depends on cloud security groups";
      }
    }

    void nodes(List<LabelSelector> list) {
      if (list == null) {
        return;
      }
      any = true;
      if (!list.isEmpty()) {
        maybeNodes = "to/fromNodes depends on node labels (not modelled)";
      }
    }

    Peers build() {
      if (!any) {
        return Peers.ALL;
      }
      return new Peers(
          false,
          selectors,
          entityKinds,
          entityAll,
          entityCluster,
          world4,
          world6,
          unknownEntity,
          cidrs,
          fqdns,
          maybeAny,
          maybeWorld,
          maybeNodes);
    }
  }

  private void item(Context ctx, RuleItem item, List<Entry> out, List<Requirement> requires) {
    boolean deny = item.deny();
    Side d = item.egress() ? Side.EGRESS : Side.INGRESS;
    String path = SharedStrings.of(RuleView.ruleName(item.path()));
    PeerBuilder peers = new PeerBuilder();
    peers.endpoints(ctx, item.endpoints());
    peers.cidrs(item.cidr());
    peers.cidrSets(item.cidrSet());
    peers.entities(item.entities());
    // Deny items have no toFQDNs (§1.3): the CRD prunes the field, so it is not a peer there.
    if (!deny) {
      peers.fqdns(item.fqdns());
    }
    peers.services(item.services());
    peers.groups(item.groups());
    peers.nodes(item.nodes());
    requirements(ctx, d, path + "." + item.field("Requires"), deny, item.requires(), requires);
    entries(ctx, d, path, deny, peers, item.toPorts(), item.icmps(), item.authentication(), out);
  }

  /** {@code to/fromRequires}, namespace-injected like the peer selectors they constrain (§1.4). */
  private void requirements(
      Context ctx,
      Side d,
      String path,
      boolean deny,
      List<LabelSelector> list,
      List<Requirement> out) {
    if (list == null) {
      return;
    }
    for (int j = 0; j < list.size(); j++) {
      Selector s =
          Selector.peer(
              list.get(j),
              ctx.namespace(),
              target.namespaceLabelPeersCrossNamespaces(),
              ctx.subjectIsInit());
      out.add(
          new Requirement(
              new RuleRef(ctx.policy(), d, SharedStrings.of(path + "[" + j + "]")),
              deny,
              List.of(s.reqs())));
    }
  }

  private void entries(
      Context ctx,
      Side d,
      String path,
      boolean deny,
      PeerBuilder builder,
      List<PortRule> ports,
      List<IcmpRule> icmps,
      Map<String, Object> authentication,
      List<Entry> out) {
    Peers peers = builder.build();
    String auth = deny ? null : authentication(authentication);
    boolean hasPorts = ports != null && !ports.isEmpty();
    boolean hasIcmps = icmps != null && !icmps.isEmpty();
    if (!hasPorts && !hasIcmps) {
      // §3.1.4: an item without peers and ports (`egress: [{}]`) allows nothing.
      if (builder.any) {
        out.add(
            new Entry(
                new RuleRef(ctx.policy(), d, path),
                peers,
                true,
                0,
                0,
                0,
                false,
                null,
                auth,
                false));
      }
      return;
    }
    if (hasPorts) {
      for (int j = 0; j < ports.size(); j++) {
        portRule(
            ctx,
            d,
            SharedStrings.of(path + ".toPorts[" + j + "]"),
            deny,
            peers,
            ports.get(j),
            auth,
            out);
      }
    }
    if (hasIcmps) {
      for (int j = 0; j < icmps.size(); j++) {
        RuleRef ref = new RuleRef(ctx.policy(), d, SharedStrings.of(path + ".icmps[" + j + "]"));
        List<IcmpRule.IcmpField> fields = icmps.get(j).fields();
        if (fields == null) {
          continue;
        }
        for (IcmpRule.IcmpField f : fields) {
          boolean v6 = "IPv6".equals(f.family());
          int type = icmpType(f.type(), v6);
          Protocol p = v6 ? Protocol.ICMPV6 : Protocol.ICMP;
          out.add(new Entry(ref, peers, false, p.bit(), type, type, false, null, auth, false));
        }
      }
    }
  }

  private void portRule(
      Context ctx,
      Side d,
      String path,
      boolean deny,
      Peers peers,
      PortRule rule,
      String auth,
      List<Entry> out) {
    RuleRef ref = new RuleRef(ctx.policy(), d, path);
    // Deny port rules carry ports only (PortDenyRule, §1.3).
    L7 l7 = deny ? null : L7.of(rule.rules());
    // §3.12b: `l7proto` without `l7` rules installs no redirect before 1.18.
    if (l7 != null
        && l7.kind == L7.Kind.GENERIC
        && target.compareTo(Target.V1_18) < 0
        && (rule.rules().l7() == null || rule.rules().l7().isEmpty())
        && (rule.rules().kafka() == null || rule.rules().kafka().isEmpty())) {
      l7 = null;
    }
    String uncertain = auth;
    if (!deny && uncertain == null) {
      if (rule.listener() != null) {
        uncertain = "a listener redirect's outcome depends on its CiliumEnvoyConfig";
      } else if (rule.serverNames() != null && !rule.serverNames().isEmpty()) {
        uncertain = "serverNames (TLS SNI) are checked by the proxy; the SNI is not modelled";
      } else if (rule.terminatingTLS() != null || rule.originatingTLS() != null) {
        uncertain = "TLS interception is not modelled";
      }
    }
    if (rule.ports() == null || rule.ports().isEmpty()) {
      out.add(
          new Entry(
              ref,
              peers,
              false,
              Entry.ALL_PORT_PROTOCOLS,
              0,
              65535,
              false,
              l7,
              "a port rule without ports: its meaning is not confirmed",
              false));
      return;
    }
    for (PortProtocol pp : rule.ports()) {
      int protocols = protocols(pp.protocol());
      String port = pp.port();
      if (port == null || port.isEmpty()) {
        throw new IllegalArgumentException(path + ": Port must be specified");
      }
      String entryUncertain = uncertain;
      int low;
      int high;
      boolean range = false;
      if (digits(port)) {
        int p;
        try {
          p = Integer.parseInt(port);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(path + ": unable to parse port `" + port + "`", e);
        }
        if (p > 65535) {
          throw new IllegalArgumentException(path + ": unable to parse port `" + port + "`");
        }
        if (p == 0) {
          // §1.9: port "0" means every port.
          low = 0;
          high = 65535;
        } else {
          low = p;
          high = p;
          // §1.9: endPort exists from 1.16 (pruned below, so only the first port counts);
          // endPort <= port is a single port.
          Integer end = pp.endPort();
          if (target.hasEndPort() && end != null && end > p) {
            high = Math.min(end, 65535);
            range = true;
          }
        }
      } else {
        low = 0;
        high = 65535;
        if (entryUncertain == null) {
          entryUncertain = "named port `" + port + "` depends on the pods' container ports";
        }
      }
      out.add(new Entry(ref, peers, false, protocols, low, high, range, l7, entryUncertain, false));
    }
  }

  /** Whether a port is digits only (a number, not a named port). */
  private static boolean digits(String port) {
    for (int i = 0; i < port.length(); i++) {
      if (port.charAt(i) < '0' || port.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static int protocols(String protocol) {
    if (protocol == null || protocol.isEmpty()) {
      return Entry.ALL_PORT_PROTOCOLS;
    }
    return switch (protocol.toUpperCase(Locale.ROOT)) {
      case "ANY" -> Entry.ALL_PORT_PROTOCOLS;
      case "TCP" -> Protocol.TCP.bit();
      case "UDP" -> Protocol.UDP.bit();
      case "SCTP" -> Protocol.SCTP.bit();
      case "ICMP" -> Protocol.ICMP.bit();
      case "ICMPV6" -> Protocol.ICMPV6.bit();
      default ->
          throw new IllegalArgumentException(
              "invalid protocol \"" + protocol + "\", must be { tcp | udp | sctp | any }");
    };
  }

  private static int icmpType(String type, boolean v6) {
    if (type == null || type.isEmpty()) {
      throw new IllegalArgumentException("an ICMP field needs a type");
    }
    Integer named = (v6 ? ICMP6_TYPES : ICMP4_TYPES).get(type);
    if (named != null) {
      return named;
    }
    try {
      int t = Integer.parseInt(type);
      if (t >= 0 && t <= 255) {
        return t;
      }
    } catch (NumberFormatException e) {
      // Reported below.
    }
    throw new IllegalArgumentException("invalid ICMP type `" + type + "`");
  }

  private static String authentication(Map<String, Object> authentication) {
    if (authentication == null) {
      return null;
    }
    Object mode = authentication.get("mode");
    if (mode == null || "disabled".equals(mode)) {
      return null;
    }
    return "authentication mode `" + mode + "` depends on mutual authentication";
  }
}
