package dev.cilia.lower;

import dev.cilia.cilium.Ports;
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
import dev.cilia.cilium.model.ServiceSelector;
import dev.cilia.diag.Code;
import dev.cilia.diag.Diagnostic;
import dev.cilia.diag.Diagnostics;
import dev.cilia.ir.Action;
import dev.cilia.ir.Direction;
import dev.cilia.ir.IpPrefix;
import dev.cilia.ir.NamespaceMatch;
import dev.cilia.ir.Peer;
import dev.cilia.ir.Policy;
import dev.cilia.ir.PortRange;
import dev.cilia.ir.Program;
import dev.cilia.ir.Service;
import dev.cilia.ir.Statement;
import dev.cilia.ir.Transport;
import dev.cilia.ir.VersionPin;
import dev.cilia.source.SharedStrings;
import dev.cilia.source.Span;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Lowers each checked policy to one CNP or CCNP for its target version, keeping LANGUAGE.md's
 * guarantees 2, 4, 5 and 6 by construction; what a target cannot express is a diagnostic.
 */
public final class Lowerer {
  /** At most this many ports per {@code toPorts} entry (agent check V16). */
  static final int PORTS_PER_RULE = Ports.MAX_PER_TO_PORTS;

  /** Below 1.16 a range becomes single ports; past this many the output is unreasonable. */
  static final int MAX_EXPANDED_PORTS = 1000;

  /** DNS port of the resolver. */
  static final int DNS_PORT = Ports.DNS;

  /** The documents of a run and the diagnostics of lowering. */
  public record Result(List<Lowered> documents, List<Diagnostic> diagnostics) {
    public Result {
      documents = List.copyOf(documents);
      diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
      return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
  }

  private final Diagnostics diagnostics = new Diagnostics();
  private final Optional<Target> override;

  private Lowerer(Optional<Target> override) {
    this.override = override;
  }

  /**
   * The order of the documents of a run: namespaced before clusterwide, then by namespace and name.
   */
  public static final Comparator<Policy> DOCUMENT_ORDER =
      Comparator.comparing(Policy::clusterwide)
          .thenComparing(Policy::namespace)
          .thenComparing(Policy::name);

  /** Lowers every policy; {@code override} is {@code --cilium}, which beats {@code cilium X.Y}. */
  public static Result lower(Program program, Optional<Target> override) {
    List<Lowered> out = new ArrayList<>();
    List<Diagnostic> diagnostics = new Lowerer(override).run(program, out::add);
    out.sort(Comparator.comparing(Lowered::policy, DOCUMENT_ORDER));
    return new Result(out, diagnostics);
  }

  /**
   * Lowers every policy as {@link #lower(Program, Optional)} does, but hands each document to
   * {@code sink} as soon as it is made, in program order, and keeps none: a large run then never
   * holds all its lowered documents at once (docs/performance.md, finding 9). Once a diagnostic is
   * an error, no further document reaches {@code sink}; the checks across documents still run.
   *
   * @return the diagnostics of lowering
   */
  public static List<Diagnostic> lower(
      Program program, Optional<Target> override, Consumer<Lowered> sink) {
    return new Lowerer(override).run(program, sink);
  }

  /** The target of a file: the override, else its {@code cilium} line, else the newest. */
  public static Optional<Target> target(VersionPin pin, Optional<Target> override) {
    if (override.isPresent()) {
      return override;
    }
    if (pin instanceof VersionPin.Pinned pinned) {
      return Target.parse(pinned.version());
    }
    return Optional.of(Target.NEWEST);
  }

  private List<Diagnostic> run(Program program, Consumer<Lowered> sink) {
    List<Lowered.Shape> out = new ArrayList<>();
    Set<Span> reportedPins = new LinkedHashSet<>();
    for (Policy policy : program.policies()) {
      Optional<Target> target = target(policy.pin(), override);
      if (target.isEmpty()) {
        VersionPin.Pinned pinned = (VersionPin.Pinned) policy.pin();
        if (reportedPins.add(pinned.span())) {
          diagnostics.error(
              Code.CIL0219,
              pinned.span(),
              "Cilium `" + pinned.version() + "` is not a supported target",
              "supported targets: " + Target.supportedList());
        }
        continue;
      }
      Optional<Lowered> lowered = new PolicyLowering(policy, target.get()).lower();
      if (lowered.isPresent()) {
        out.add(lowered.get().shape());
        if (!diagnostics.hasErrors()) {
          sink.accept(lowered.get());
        }
      }
    }
    for (dev.cilia.ir.TestCase test : program.tests()) {
      if (target(test.pin(), override).isEmpty()) {
        VersionPin.Pinned pinned = (VersionPin.Pinned) test.pin();
        if (reportedPins.add(pinned.span())) {
          diagnostics.error(
              Code.CIL0219,
              pinned.span(),
              "Cilium `" + pinned.version() + "` is not a supported target",
              "supported targets: " + Target.supportedList());
        }
      }
    }
    OpenAndEnforced.check(out, diagnostics);
    TestTargets.check(program.tests(), out, override, diagnostics);
    DirectionHints.check(program, out, diagnostics);
    return diagnostics.sorted();
  }

  /** Lowering of one policy for one target. */
  private final class PolicyLowering {
    private final Policy policy;
    private final Target target;
    private final List<EgressRule> egress = new ArrayList<>();
    private final List<EgressRule> egressDeny = new ArrayList<>();
    private final List<IngressRule> ingress = new ArrayList<>();
    private final List<IngressRule> ingressDeny = new ArrayList<>();
    private final Map<String, Span> origins = new LinkedHashMap<>();
    private boolean ok = true;

    PolicyLowering(Policy policy, Target target) {
      this.policy = policy;
      this.target = target;
    }

    Optional<Lowered> lower() {
      addDns();
      for (Statement statement : policy.statements()) {
        statement(statement);
      }
      DefaultDeny defaultDeny = closeDirections();
      if (!ok) {
        return Optional.empty();
      }
      PolicyRule rule =
          new PolicyRule(
              policy.description().isEmpty() ? null : policy.description(),
              subject(),
              null,
              defaultDeny,
              ingress.isEmpty() ? null : List.copyOf(ingress),
              ingressDeny.isEmpty() ? null : List.copyOf(ingressDeny),
              egress.isEmpty() ? null : List.copyOf(egress),
              egressDeny.isEmpty() ? null : List.copyOf(egressDeny),
              null,
              null);
      ObjectMetaBuilder meta = new ObjectMetaBuilder().withName(policy.name());
      if (!policy.clusterwide()) {
        meta.withNamespace(policy.namespace());
      }
      if (!policy.labels().isEmpty()) {
        meta.withLabels(new TreeMap<>(policy.labels()));
      }
      ObjectMeta metadata = meta.build();
      CiliumPolicy document =
          new CiliumPolicy(
              CiliumPolicy.API_VERSION,
              policy.clusterwide() ? CiliumPolicy.KIND_CLUSTERWIDE : CiliumPolicy.KIND_NAMESPACED,
              metadata,
              rule,
              null);
      return Optional.of(new Lowered(policy, target, document, origins));
    }

    private LabelSelector subject() {
      NamespaceMatch namespaces =
          policy.clusterwide() ? policy.subjectNamespaces() : NamespaceMatch.ANY;
      return Selectors.pods(policy.subjectPods(), namespaces);
    }

    // ------------------------------------------------------------ DNS

    /**
     * DNS through the resolver, proxied and for every name: a declared egress flow starts with the
     * lookup of its peer's name, which the pod's search list expands first (CILIUM-POLICY.md §3.9),
     * and musl and c-ares clients give up when the DNS proxy refuses one of those forms. {@code
     * fqdn} peers also need it: Cilium learns their addresses only from proxied lookups (§3.5).
     */
    private void addDns() {
      if (policy.dns().strict() && !policy.enforces(Direction.EGRESS)) {
        diagnostics.error(
            Code.CIL0318,
            policy.span(),
            "`enforce dns` in policy `"
                + policy.name()
                + "` needs `enforce egress`: without it the DNS item only makes lookups visible",
            "add `enforce egress`, or remove `enforce dns`");
        ok = false;
        return;
      }
      List<Statement.ObserveDns> observed = new ArrayList<>();
      List<Peer.Fqdn> fqdns = new ArrayList<>();
      Statement firstEgress = null;
      for (Statement statement : policy.statements()) {
        if (statement instanceof Statement.ObserveDns d) {
          observed.add(d);
        } else {
          List<Peer> peers = egressPeers(statement);
          if (firstEgress == null && isEgressDeclaration(statement)) {
            firstEgress = statement;
          }
          for (Peer peer : peers) {
            if (peer instanceof Peer.Fqdn f) {
              fqdns.add(f);
            }
          }
        }
      }
      if (observed.isEmpty() && firstEgress == null) {
        return;
      }
      for (Statement.ObserveDns d : observed) {
        for (String pattern : d.patterns()) {
          checkDoubleStar(pattern, d.span());
        }
      }
      boolean enforcing = policy.enforces(Direction.EGRESS);
      Span origin = !observed.isEmpty() ? observed.get(0).span() : firstEgress.span();
      List<FqdnSelector> rules;
      if (policy.dns().strict()) {
        rules = strictRules();
      } else {
        rules = List.of(FqdnSelector.pattern("*"));
        dnsNotes(observed, origin, enforcing);
      }
      if (rules.isEmpty()) {
        return;
      }
      List<PortRule> toPorts =
          List.of(
              PortRule.of(
                  List.of(PortProtocol.of(DNS_PORT, "ANY")), L7Rules.dns(List.copyOf(rules))));
      for (EgressRule item : egressItems(policy.resolver())) {
        add(Direction.EGRESS, Action.ALLOW, item.withToPorts(toPorts), null, origin);
      }
    }

    /** {@code enforce dns}: the declared names and their search forms, with warning CIL0317. */
    private List<FqdnSelector> strictRules() {
      List<FqdnSelector> rules = StrictDns.selectors(policy);
      diagnostics.add(
          Diagnostic.of(
              Code.CIL0317,
              policy.span(),
              rules.isEmpty()
                  ? "`enforce dns`: policy `"
                      + policy.name()
                      + "` declares no name, so its pods get no DNS at all"
                  : "`enforce dns`: the DNS proxy refuses every name but the "
                      + rules.size()
                      + " declared names and search-list forms of policy `"
                      + policy.name()
                      + "` (cluster domain "
                      + policy.dns().clusterDomain()
                      + ")",
              "musl (Alpine) and c-ares clients stop their search at a REFUSED name, glibc"
                  + " goes on; keep it only when every name the pods look up is declared and"
                  + " the cluster domain is right (docs/diagnostics.md#cil0317)"));
      return rules;
    }

    /** CIL0304 for narrower patterns, CIL0305 when no {@code observe dns} asks for the item. */
    private void dnsNotes(List<Statement.ObserveDns> observed, Span origin, boolean enforcing) {
      for (Statement.ObserveDns d : observed) {
        if (!d.patterns().equals(List.of("*"))) {
          diagnostics.add(
              Diagnostic.of(
                  Code.CIL0304,
                  d.span(),
                  "DNS visibility covers every name: the DNS proxy must not refuse a lookup"
                      + " that a declared flow needs",
                  "the patterns document intent; musl and c-ares clients stop their search list"
                      + " at the first REFUSED answer"));
        }
      }
      if (observed.isEmpty()) {
        diagnostics.add(
            Diagnostic.of(
                Code.CIL0305,
                origin,
                enforcing
                    ? "DNS to the resolver is allowed for every name, through the DNS proxy:"
                        + " each declared flow starts with a lookup of its peer's name"
                    : "DNS to the resolver goes through the DNS proxy for every name, so that"
                        + " lookups are visible and `fqdn` peers learn their addresses"));
      }
    }

    /** An {@code allow … to} or {@code observe http} in egress: a flow that needs a lookup. */
    private boolean isEgressDeclaration(Statement statement) {
      return (statement instanceof Statement.Rule r
              && r.action() == Action.ALLOW
              && r.direction() == Direction.EGRESS)
          || (statement instanceof Statement.ObserveHttp h && h.direction() == Direction.EGRESS);
    }

    private List<Peer> egressPeers(Statement statement) {
      if (statement instanceof Statement.Rule r
          && r.action() == Action.ALLOW
          && r.direction() == Direction.EGRESS) {
        return r.peers();
      }
      if (statement instanceof Statement.ObserveHttp h && h.direction() == Direction.EGRESS) {
        return h.peers();
      }
      return List.of();
    }

    private void checkDoubleStar(String pattern, Span span) {
      if (pattern.contains("**")) {
        diagnostics.error(
            Code.CIL0404,
            span,
            "`**` in `"
                + pattern
                + "` is not special on Cilium "
                + target
                + ": it matches one label, like `*`",
            "list the depths you mean, e.g. `*.example.com` and `*.*.example.com`");
        ok = false;
      }
    }

    // ------------------------------------------------------------ statements

    private void statement(Statement statement) {
      if (statement instanceof Statement.ObserveDns) {
        return;
      }
      if (statement instanceof Statement.Rule r) {
        Optional<List<PortRule>> ports = portRules(r.service(), null, r.span());
        if (ports.isEmpty()) {
          return;
        }
        items(r.direction(), r.action(), r.peers(), ports.get(), r.span());
      } else if (statement instanceof Statement.ObserveHttp h) {
        for (PortRange range : h.ports()) {
          for (int p = range.low(); p <= range.high(); p++) {
            if (Ports.isNonHttp(p)) {
              diagnostics.add(
                  Diagnostic.of(
                      Code.CIL0307,
                      h.span(),
                      "port "
                          + p
                          + " usually carries TLS or another protocol; the HTTP proxy"
                          + " would break it",
                      "observe HTTP only on plain-text HTTP ports, and use `allow` for " + p));
              break;
            }
          }
        }
        Optional<List<PortRule>> ports =
            portRules(new Service(h.ports()), L7Rules.httpVisibility(), h.span());
        if (ports.isEmpty()) {
          return;
        }
        if (h.peers().isEmpty()) {
          // No peer: the port rule applies to every destination (CILIUM-POLICY.md §3.1.5).
          if (h.direction() == Direction.EGRESS) {
            add(
                Direction.EGRESS,
                Action.ALLOW,
                EgressRule.empty().withToPorts(ports.get()),
                null,
                h.span());
          } else {
            add(
                Direction.INGRESS,
                Action.ALLOW,
                null,
                IngressRule.empty().withToPorts(ports.get()),
                h.span());
          }
        } else {
          items(h.direction(), Action.ALLOW, h.peers(), ports.get(), h.span());
        }
      } else {
        throw new AssertionError(statement);
      }
    }

    /** One item per peer kind, each with the same ports (agent check V5). */
    private void items(
        Direction direction, Action action, List<Peer> peers, List<PortRule> ports, Span origin) {
      List<PortRule> toPorts = ports.isEmpty() ? null : ports;
      for (Peer peer : peers) {
        checkPeer(peer, !ports.isEmpty(), direction);
      }
      if (direction == Direction.EGRESS) {
        for (EgressRule item : egressItems(peers)) {
          add(direction, action, item.withToPorts(toPorts), null, origin);
        }
      } else {
        for (IngressRule item : ingressItems(peers)) {
          add(direction, action, null, item.withToPorts(toPorts), origin);
        }
      }
    }

    private void checkPeer(Peer peer, boolean hasPorts, Direction direction) {
      if (peer instanceof Peer.KubeService s && hasPorts && !target.acceptsToServicesWithPorts()) {
        diagnostics.error(
            Code.CIL0402,
            s.span(),
            "Cilium "
                + target
                + " rejects `toServices` together with ports, and then ignores the"
                + " whole policy",
            "allow the service's pods with `pods … in namespace "
                + s.namespace()
                + "` and the ports, or target 1.17+");
        ok = false;
      }
      if (peer instanceof Peer.Pods p
          && p.namespaces() instanceof NamespaceMatch.Labelled
          && !policy.clusterwide()
          && !target.namespaceLabelPeersCrossNamespaces()) {
        diagnostics.error(
            Code.CIL0403,
            p.span(),
            "on Cilium "
                + target
                + " a `namespaces` peer in a namespaced policy only matches"
                + " its own namespace (cilium#30149)",
            "name the namespaces with `namespace NS or namespace NS2`, use a clusterwide policy,"
                + " or target 1.16+");
        ok = false;
      }
      if (peer instanceof Peer.Fqdn f) {
        checkDoubleStar(f.name(), f.span());
      }
    }

    private void add(
        Direction direction,
        Action action,
        EgressRule egressItem,
        IngressRule ingressItem,
        Span origin) {
      String path;
      if (direction == Direction.EGRESS) {
        List<EgressRule> list = action == Action.ALLOW ? egress : egressDeny;
        path = (action == Action.ALLOW ? "egress[" : "egressDeny[") + list.size() + "]";
        list.add(egressItem);
      } else {
        List<IngressRule> list = action == Action.ALLOW ? ingress : ingressDeny;
        path = (action == Action.ALLOW ? "ingress[" : "ingressDeny[") + list.size() + "]";
        list.add(ingressItem);
      }
      origins.put(SharedStrings.of(path), origin);
    }

    private List<EgressRule> egressItems(List<Peer> peers) {
      Grouped g = group(peers);
      List<EgressRule> items = new ArrayList<>();
      for (String kind : g.order) {
        EgressRule item = EgressRule.empty();
        item =
            switch (kind) {
              case "pods" -> item.withToEndpoints(List.copyOf(g.endpoints));
              case "cidr" -> item.withToCIDRSet(List.copyOf(g.cidrs));
              case "entity" -> item.withToEntities(List.copyOf(g.entities));
              case "fqdn" -> item.withToFQDNs(List.copyOf(g.fqdns));
              case "service" -> item.withToServices(List.copyOf(g.services));
              default -> throw new AssertionError(kind);
            };
        items.add(item);
      }
      return items;
    }

    private List<IngressRule> ingressItems(List<Peer> peers) {
      Grouped g = group(peers);
      List<IngressRule> items = new ArrayList<>();
      for (String kind : g.order) {
        IngressRule item = IngressRule.empty();
        item =
            switch (kind) {
              case "pods" -> item.withFromEndpoints(List.copyOf(g.endpoints));
              case "cidr" -> item.withFromCIDRSet(List.copyOf(g.cidrs));
              case "entity" -> item.withFromEntities(List.copyOf(g.entities));
              default -> throw new AssertionError(kind);
            };
        items.add(item);
      }
      return items;
    }

    // ------------------------------------------------------------ ports

    /**
     * Port rules for a service: empty list for every port (an L3 item); {@code endPort} ranges
     * where the target has them and no L7 rule is attached, single ports otherwise; at most 40
     * ports per entry.
     */
    private Optional<List<PortRule>> portRules(Service service, L7Rules l7, Span origin) {
      if (service.isAll()) {
        return Optional.of(List.of());
      }
      List<PortProtocol> entries = new ArrayList<>();
      int expanded = 0;
      for (PortRange range : service.ports()) {
        if (range.protocol() == Transport.SCTP && !target.hasSctp()) {
          diagnostics.error(
              Code.CIL0405,
              origin,
              "Cilium " + target + " policies have no SCTP ports",
              "target 1.14+, or use `any " + range.low() + "` for TCP, UDP and SCTP together");
          ok = false;
          return Optional.empty();
        }
        String protocol = range.protocol().name();
        if (range.isSingle()) {
          entries.add(PortProtocol.of(range.low(), protocol));
        } else if (target.hasEndPort() && l7 == null) {
          entries.add(new PortProtocol(Integer.toString(range.low()), range.high(), protocol));
        } else {
          expanded += range.size();
          if (expanded > MAX_EXPANDED_PORTS) {
            String why =
                l7 != null
                    ? "L7 rules cannot use port ranges, so"
                    : "Cilium " + target + " has no port ranges (`endPort` arrives in 1.16), so";
            diagnostics.error(
                Code.CIL0401,
                origin,
                why + " `" + range + "` would become " + range.size() + " single ports",
                l7 != null
                    ? "observe HTTP on the few ports that carry it"
                    : "target 1.16+, narrow the range, or allow the peer on every port (`allow to"
                        + " PEER`)");
            ok = false;
            return Optional.empty();
          }
          for (int p = range.low(); p <= range.high(); p++) {
            entries.add(PortProtocol.of(p, protocol));
          }
        }
      }
      List<PortRule> rules = new ArrayList<>();
      for (int i = 0; i < entries.size(); i += PORTS_PER_RULE) {
        rules.add(
            PortRule.of(entries.subList(i, Math.min(entries.size(), i + PORTS_PER_RULE)), l7));
      }
      return Optional.of(rules);
    }

    // ------------------------------------------------------------ default deny

    /**
     * Guarantee 2: a direction without {@code enforce} never blocks. From 1.16 that is {@code
     * enableDefaultDeny: false}; below, an allow-all item. Guarantee 4: an enforced direction with
     * nothing allowed gets one empty item, which allows nothing.
     */
    private DefaultDeny closeDirections() {
      Boolean egressDefault =
          direction(Direction.EGRESS, !egress.isEmpty() || !egressDeny.isEmpty());
      Boolean ingressDefault =
          direction(Direction.INGRESS, !ingress.isEmpty() || !ingressDeny.isEmpty());
      if (!target.hasEnableDefaultDeny() || (egressDefault == null && ingressDefault == null)) {
        return null;
      }
      return new DefaultDeny(ingressDefault, egressDefault);
    }

    private Boolean direction(Direction direction, boolean hasItems) {
      boolean enforcing = policy.enforces(direction);
      if (enforcing) {
        if (direction == Direction.EGRESS ? egress.isEmpty() : ingress.isEmpty()) {
          add(direction, Action.ALLOW, EgressRule.empty(), IngressRule.empty(), policy.span());
        }
        return Boolean.TRUE;
      }
      if (!hasItems) {
        return null;
      }
      if (target.hasEnableDefaultDeny()) {
        return Boolean.FALSE;
      }
      String entity = "all";
      if (direction == Direction.EGRESS) {
        add(
            direction,
            Action.ALLOW,
            EgressRule.empty().withToEntities(List.of(entity)),
            null,
            policy.span());
      } else {
        add(
            direction,
            Action.ALLOW,
            null,
            IngressRule.empty().withFromEntities(List.of(entity)),
            policy.span());
      }
      String word = direction == Direction.EGRESS ? "egress" : "ingress";
      diagnostics.add(
          Diagnostic.of(
              Code.CIL0306,
              policy.span(),
              "an allow-all "
                  + word
                  + " item keeps other "
                  + word
                  + " open: Cilium "
                  + target
                  + " has no `enableDefaultDeny`",
              "add `enforce " + word + "` to allow only what is declared"));
      return null;
    }
  }

  // ------------------------------------------------------------ peer grouping

  /** Peers of one statement grouped by Cilium peer field, in order of first appearance. */
  private static final class Grouped {
    final List<String> order = new ArrayList<>();
    final List<LabelSelector> endpoints = new ArrayList<>();
    final List<CidrRule> cidrs = new ArrayList<>();
    final List<String> entities = new ArrayList<>();
    final List<FqdnSelector> fqdns = new ArrayList<>();
    final List<ServiceSelector> services = new ArrayList<>();

    void kind(String kind) {
      if (!order.contains(kind)) {
        order.add(kind);
      }
    }
  }

  private static Grouped group(List<Peer> peers) {
    Grouped g = new Grouped();
    for (Peer peer : peers) {
      if (peer instanceof Peer.Pods p) {
        g.kind("pods");
        LabelSelector selector = Selectors.peer(p.pods(), p.namespaces());
        if (!g.endpoints.contains(selector)) {
          g.endpoints.add(selector);
        }
      } else if (peer instanceof Peer.Cidr c) {
        g.kind("cidr");
        CidrRule rule =
            CidrRule.of(
                c.prefix().toString(), c.except().stream().map(IpPrefix::toString).toList());
        if (!g.cidrs.contains(rule)) {
          g.cidrs.add(rule);
        }
      } else if (peer instanceof Peer.Entity e) {
        g.kind("entity");
        if (!g.entities.contains(e.name())) {
          g.entities.add(e.name());
        }
      } else if (peer instanceof Peer.Fqdn f) {
        g.kind("fqdn");
        FqdnSelector selector =
            f.isPattern() ? FqdnSelector.pattern(f.name()) : FqdnSelector.name(f.name());
        if (!g.fqdns.contains(selector)) {
          g.fqdns.add(selector);
        }
      } else if (peer instanceof Peer.KubeService s) {
        g.kind("service");
        g.services.add(ServiceSelector.named(s.name(), s.namespace()));
      } else {
        throw new AssertionError(peer);
      }
    }
    return g;
  }
}
