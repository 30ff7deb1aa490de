package dev.cilia.properties;

import dev.cilia.cilium.Target;
import dev.cilia.eval.Endpoint;
import dev.cilia.ir.Direction;
import dev.cilia.ir.Transport;
import dev.cilia.properties.Model.CidrPeer;
import dev.cilia.properties.Model.EntityPeer;
import dev.cilia.properties.Model.FqdnPeer;
import dev.cilia.properties.Model.FtpPassive;
import dev.cilia.properties.Model.IpPeer;
import dev.cilia.properties.Model.Item;
import dev.cilia.properties.Model.KubeDnsPeer;
import dev.cilia.properties.Model.NamespacePeer;
import dev.cilia.properties.Model.NamespacesPeer;
import dev.cilia.properties.Model.ObserveDns;
import dev.cilia.properties.Model.ObserveHttp;
import dev.cilia.properties.Model.Op;
import dev.cilia.properties.Model.Peer;
import dev.cilia.properties.Model.PeerExpr;
import dev.cilia.properties.Model.PodsPeer;
import dev.cilia.properties.Model.Policy;
import dev.cilia.properties.Model.PortSpan;
import dev.cilia.properties.Model.Prefix;
import dev.cilia.properties.Model.Preset;
import dev.cilia.properties.Model.Program;
import dev.cilia.properties.Model.ProtocolPorts;
import dev.cilia.properties.Model.Rule;
import dev.cilia.properties.Model.Sel;
import dev.cilia.properties.Model.ServiceExpr;
import dev.cilia.properties.Model.ServicePeer;
import dev.cilia.properties.Model.Stmt;
import dev.cilia.properties.Model.Subject;
import dev.cilia.properties.Model.Term;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/**
 * Arbitraries for valid Cilia programs (LANGUAGE.md): several policies, namespaced and clusterwide,
 * {@code let}s in imported files, every selector operator, peer and service kind, {@code observe},
 * {@code allow} and {@code deny} both ways, with or without {@code enforce}, for every target.
 * Programs stay valid by construction:
 *
 * <ul>
 *   <li>{@code fqdn} and {@code service} peers only with {@code to}; never denied;
 *   <li>{@code namespaces} peers in a namespaced policy only from 1.16 (cilium#30149);
 *   <li>{@code service} peers with ports only where the target takes {@code toServices} with {@code
 *       toPorts}; SCTP only from 1.14;
 *   <li>{@code deny} only towards {@link #RESERVED} on ports from {@link #DENY_PORTS}, which no
 *       {@code allow} reaches: allows use lower ports, and an allow on every port never names a
 *       peer that may hold reserved addresses — so no deny drops a declared allow;
 *   <li>below 1.16 every policy enforces the same directions, so no open policy cancels another's
 *       {@code enforce} (CIL0303).
 * </ul>
 */
final class CiliaPrograms {
  private CiliaPrograms() {}

  static final List<String> NAMESPACES = List.of("payments", "frontend", "shop");
  static final List<String> PEER_NAMESPACES =
      List.of("payments", "frontend", "shop", "finance", "kube-system");
  static final List<String> KEYS =
      List.of("app", "tier", "canary", "test", "app.kubernetes.io/name");
  static final List<String> VALUES = List.of("web", "api", "db", "v1", "");
  static final List<String> NAMESPACE_KEYS = List.of("team", "env");
  static final List<String> NAMESPACE_VALUES = List.of("pay", "web", "prod", "dev");

  /** Addresses only {@code deny} statements name (RFC 2544 benchmarking range). */
  static final Prefix RESERVED = Prefix.parse("198.18.0.0/15");

  /** Ports only {@code deny} statements name; every allowed port is below. */
  static final int DENY_PORTS = 60000;

  static final List<Integer> HTTP_PORTS = List.of(80, 8080, 8000, 3000, 5000, 9200);
  static final List<Integer> COMMON_PORTS = List.of(53, 80, 123, 443, 5432, 6379, 8443, 9090);
  static final List<String> FQDNS =
      List.of(
          "api.example.com",
          "ftp.partner.example.com",
          "db-1.internal.example",
          "*.example.com",
          "*.s3.amazonaws.com",
          "api-*.example.net");
  static final List<String> DNS_PATTERNS =
      List.of(
          "*", "*.example.com", "api.example.com", "*.svc.cluster.local", "db-*.internal.example");
  static final List<String> BUILTIN_ENTITIES =
      List.of("world", "cluster", "host", "remote-node", "kube-apiserver");
  static final List<String> ENTITIES =
      List.of(
          "all",
          "world",
          "cluster",
          "host",
          "init",
          "ingress",
          "unmanaged",
          "remote-node",
          "health",
          "none",
          "kube-apiserver");

  /** What a statement may use in its policy. */
  record Context(Target target, boolean clusterwide) {}

  // ---------------------------------------------------------------- programs

  static Arbitrary<Program> programs() {
    List<Tuple2<Integer, Arbitrary<Program>>> targets = new ArrayList<>();
    for (Target target : Target.values()) {
      targets.add(Tuple.of(1, programs(target)));
    }
    return Arbitraries.frequencyOf(targets);
  }

  static Arbitrary<Program> programs(Target target) {
    return Combinators.combine(
            Arbitraries.integers().between(0, 2),
            Arbitraries.integers().between(1, 2),
            resolvers().optional(0.2),
            policy(target).list().ofMinSize(1).ofMaxSize(4),
            enforcement())
        .as(
            (libraries, inputs, resolver, policies, uniform) -> {
              // Below 1.16 an open policy's allow-all item cancels another's enforce (CIL0303).
              List<Policy> fixed =
                  target.hasEnableDefaultDeny()
                      ? policies
                      : policies.stream().map(p -> p.withEnforced(uniform)).toList();
              return new Program(target, resolver, libraries, inputs, fixed);
            });
  }

  static Arbitrary<Peer> resolvers() {
    return Arbitraries.of(
        new PodsPeer(new Sel(List.of(new Term("k8s-app", Op.EQ, List.of("coredns")))), "dns"),
        new IpPeer(Prefix.parse("10.96.0.10")));
  }

  static Arbitrary<Set<Direction>> enforcement() {
    return Arbitraries.frequencyOf(
        Tuple.of(35, Arbitraries.just(Set.<Direction>of())),
        Tuple.of(35, Arbitraries.just(Set.of(Direction.EGRESS))),
        Tuple.of(10, Arbitraries.just(Set.of(Direction.INGRESS))),
        Tuple.of(20, Arbitraries.just(Set.copyOf(EnumSet.allOf(Direction.class)))));
  }

  static Arbitrary<Policy> policy(Target target) {
    return Arbitraries.frequencyOf(
        Tuple.of(7, policy(new Context(target, false))),
        Tuple.of(3, policy(new Context(target, true))));
  }

  static Arbitrary<Policy> policy(Context context) {
    return Combinators.combine(
            context.clusterwide() ? Arbitraries.just("") : Arbitraries.of(NAMESPACES),
            subject(context.clusterwide()),
            enforcement(),
            Arbitraries.frequency(
                Tuple.of(6, ""),
                Tuple.of(2, "Payments API: egress locked down"),
                Tuple.of(1, "says \"hi\" \\ bye")),
            Arbitraries.maps(Arbitraries.of("team", "owner"), Arbitraries.of("payments", "web"))
                .ofMaxSize(2),
            statement(context).list().ofMinSize(1).ofMaxSize(5),
            Arbitraries.integers().between(0, 1))
        .as(
            (ns, subject, enforced, description, labels, statements, input) ->
                new Policy(
                    ns, subject, enforced, description, new TreeMap<>(labels), statements, input));
  }

  static Arbitrary<Subject> subject(boolean clusterwide) {
    if (!clusterwide) {
      return Arbitraries.frequencyOf(
          Tuple.of(1, Arbitraries.just(new Model.AllPods())),
          Tuple.of(3, podSelector().map(Model.SelectPods::new)));
    }
    return Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.just(new Model.AllPods())),
        Tuple.of(3, podSelector().map(Model.SelectPods::new)),
        Tuple.of(
            3,
            Combinators.combine(Arbitraries.of(NAMESPACES), podSelector().optional(0.5))
                .as(Model.SelectNamespace::new)),
        Tuple.of(2, namespaceSelector().map(Model.SelectNamespaces::new)));
  }

  // ---------------------------------------------------------------- selectors

  static Arbitrary<Sel> podSelector() {
    return selector(KEYS, VALUES);
  }

  static Arbitrary<Sel> namespaceSelector() {
    return selector(NAMESPACE_KEYS, NAMESPACE_VALUES);
  }

  /** Up to three terms on distinct keys; each key gets an operator and values from the pool. */
  private static Arbitrary<Sel> selector(List<String> keys, List<String> values) {
    int most = Math.min(3, keys.size());
    return Combinators.combine(
            Arbitraries.of(keys).list().uniqueElements().ofMinSize(1).ofMaxSize(most),
            Arbitraries.of(Op.values()).list().ofSize(most),
            Arbitraries.of(values)
                .list()
                .uniqueElements()
                .ofMinSize(1)
                .ofMaxSize(3)
                .list()
                .ofSize(most))
        .as(
            (chosen, ops, valueLists) -> {
              List<Term> terms = new ArrayList<>();
              for (int i = 0; i < chosen.size(); i++) {
                Op op = ops.get(i);
                List<String> v = valueLists.get(i);
                terms.add(
                    new Term(
                        chosen.get(i),
                        op,
                        switch (op) {
                          case EQ, NEQ -> v.subList(0, 1);
                          case IN, NOTIN -> v;
                          case EXISTS, NOT_EXISTS -> List.of();
                        }));
              }
              return new Sel(terms);
            });
  }

  // ---------------------------------------------------------------- statements

  static Arbitrary<Stmt> statement(Context context) {
    return Arbitraries.frequencyOf(
        Tuple.of(30, allow(context, Direction.EGRESS)),
        Tuple.of(18, allow(context, Direction.INGRESS)),
        Tuple.of(12, observeHttp(context)),
        Tuple.of(8, observeDns()),
        Tuple.of(12, deny(context)));
  }

  static Arbitrary<Stmt> allow(Context context, Direction direction) {
    // Generating both kinds of peers avoids a flatMap: an allow on every port must not name a
    // peer that may hold reserved addresses.
    return Combinators.combine(
            service(context), peers(context, direction, false), peers(context, direction, true))
        .as(
            (service, somePorts, everyPort) ->
                new Rule(false, direction, service, service.isAll() ? everyPort : somePorts));
  }

  static Arbitrary<Stmt> observeDns() {
    return Arbitraries.of(DNS_PATTERNS)
        .list()
        .uniqueElements()
        .ofMinSize(1)
        .ofMaxSize(2)
        .map(ObserveDns::new);
  }

  static Arbitrary<Stmt> observeHttp(Context context) {
    Arbitrary<List<PortSpan>> ports =
        Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.of(HTTP_PORTS).map(p -> new PortSpan(p, p))),
                Tuple.of(1, Arbitraries.just(new PortSpan(8081, 8083))))
            .list()
            .uniqueElements()
            .ofMinSize(1)
            .ofMaxSize(2);
    Arbitrary<Stmt> egress =
        Combinators.combine(ports, peers(context, Direction.EGRESS, false).optional(0.7))
            .as((p, peers) -> new ObserveHttp(p, Direction.EGRESS, peers));
    Arbitrary<Stmt> ingress =
        Combinators.combine(ports, peers(context, Direction.INGRESS, false))
            .as((p, peers) -> new ObserveHttp(p, Direction.INGRESS, java.util.Optional.of(peers)));
    return Arbitraries.frequencyOf(Tuple.of(7, egress), Tuple.of(3, ingress));
  }

  static Arbitrary<Stmt> deny(Context context) {
    Arbitrary<Peer> reserved =
        Arbitraries.frequencyOf(
            Tuple.of(
                2,
                Combinators.combine(
                        Arbitraries.longs().between(0, (1L << 17) - 1),
                        Arbitraries.integers().between(15, 31))
                    .as(
                        (offset, length) ->
                            new CidrPeer(Prefix.v4(0xC6120000L + offset, length), List.of()))),
            Tuple.of(
                1,
                Arbitraries.longs()
                    .between(0, (1L << 17) - 1)
                    .map(offset -> new IpPeer(Prefix.v4(0xC6120000L + offset, 32)))));
    Arbitrary<PortSpan> port =
        Arbitraries.frequencyOf(
            Tuple.of(
                3, Arbitraries.integers().between(DENY_PORTS, 65535).map(p -> new PortSpan(p, p))),
            Tuple.of(
                1,
                Combinators.combine(
                        Arbitraries.integers().between(DENY_PORTS, 65000),
                        Arbitraries.integers().between(1, 50))
                    .as((low, width) -> new PortSpan(low, low + width))));
    Arbitrary<ServiceExpr> service =
        Combinators.combine(protocol(context), port.list().ofMinSize(1).ofMaxSize(2))
            .as((p, ports) -> new ServiceExpr(List.of(new ProtocolPorts(p, ports)), false));
    return Combinators.combine(
            Arbitraries.of(Direction.values()),
            service,
            reserved.list().ofMinSize(1).ofMaxSize(2),
            Arbitraries.frequency(Tuple.of(3, false), Tuple.of(1, true)))
        .as((d, s, peers, named) -> new Rule(true, d, s, new PeerExpr(peers, named)));
  }

  // ---------------------------------------------------------------- services

  static Arbitrary<Transport> protocol(Context context) {
    return context.target().hasSctp()
        ? Arbitraries.frequency(
            Tuple.of(5, Transport.TCP),
            Tuple.of(2, Transport.UDP),
            Tuple.of(1, Transport.SCTP),
            Tuple.of(1, Transport.ANY))
        : Arbitraries.frequency(
            Tuple.of(5, Transport.TCP), Tuple.of(2, Transport.UDP), Tuple.of(1, Transport.ANY));
  }

  static Arbitrary<ServiceExpr> service(Context context) {
    Arbitrary<PortSpan> span =
        Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.of(COMMON_PORTS).map(p -> new PortSpan(p, p))),
            Tuple.of(
                3, Arbitraries.integers().between(1, DENY_PORTS - 1).map(p -> new PortSpan(p, p))),
            Tuple.of(
                2,
                Combinators.combine(
                        Arbitraries.integers().between(10000, 59000),
                        Arbitraries.integers().between(1, 100))
                    .as((low, width) -> new PortSpan(low, low + width))));
    Arbitrary<Item> ports =
        Combinators.combine(
                protocol(context), span.list().uniqueElements().ofMinSize(1).ofMaxSize(3))
            .as(ProtocolPorts::new);
    Arbitrary<Item> preset =
        Arbitraries.of(Model.PRESETS.keySet().stream().sorted().toList()).map(Preset::new);
    Arbitrary<Item> ftp =
        Arbitraries.integers().between(30000, 30900).map(low -> new FtpPassive(low, low + 100));
    Arbitrary<Item> item =
        Arbitraries.frequencyOf(Tuple.of(4, ports), Tuple.of(4, preset), Tuple.of(1, ftp));
    Arbitrary<ServiceExpr> some =
        Combinators.combine(
                item.list().ofMinSize(1).ofMaxSize(2),
                Arbitraries.frequency(Tuple.of(3, false), Tuple.of(1, true)))
            .as(ServiceExpr::new);
    return Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.just(ServiceExpr.ALL)), Tuple.of(4, some));
  }

  // ---------------------------------------------------------------- peers

  /** Peers of an allow or observe; {@code everyPort}: the statement names no service. */
  static Arbitrary<PeerExpr> peers(Context context, Direction direction, boolean everyPort) {
    return Combinators.combine(
            peer(context, direction, everyPort).list().ofMinSize(1).ofMaxSize(2),
            Arbitraries.frequency(Tuple.of(3, false), Tuple.of(1, true)))
        .as(PeerExpr::new);
  }

  static Arbitrary<Peer> peer(Context context, Direction direction, boolean everyPort) {
    boolean egress = direction == Direction.EGRESS;
    boolean namespaces =
        context.clusterwide() || context.target().namespaceLabelPeersCrossNamespaces();
    boolean services = egress && (everyPort || context.target().acceptsToServicesWithPorts());
    List<Tuple2<Integer, Arbitrary<Peer>>> choices = new ArrayList<>();
    choices.add(Tuple.of(8, peer(Arbitraries.of(PEER_NAMESPACES).map(NamespacePeer::new))));
    choices.add(
        Tuple.of(
            12,
            peer(
                Combinators.combine(
                        podSelector(),
                        Arbitraries.frequency(
                            Tuple.of(2, ""), Tuple.of(1, "frontend"), Tuple.of(1, "finance")))
                    .as(PodsPeer::new))));
    if (namespaces) {
      choices.add(Tuple.of(5, peer(namespaceSelector().map(NamespacesPeer::new))));
    }
    choices.add(Tuple.of(10, cidr().filter(c -> !everyPort || !mayHoldReserved(c))));
    choices.add(Tuple.of(6, ip().filter(c -> !everyPort || !mayHoldReserved(c))));
    if (egress) {
      choices.add(Tuple.of(8, peer(Arbitraries.of(FQDNS).map(FqdnPeer::new))));
    }
    choices.add(Tuple.of(10, entity().filter(e -> !everyPort || !mayHoldReserved(e))));
    choices.add(Tuple.of(3, peer(Arbitraries.just(new KubeDnsPeer()))));
    if (services) {
      choices.add(
          Tuple.of(
              6,
              peer(
                  Combinators.combine(
                          Arbitraries.of("ledger", "kubernetes"), Arbitraries.of(PEER_NAMESPACES))
                      .as(ServicePeer::new))));
    }
    return Arbitraries.frequencyOf(choices);
  }

  private static Arbitrary<Peer> peer(Arbitrary<? extends Peer> arbitrary) {
    return arbitrary.map(p -> (Peer) p);
  }

  /** Whether a peer may name addresses of {@link #RESERVED}. */
  static boolean mayHoldReserved(Peer peer) {
    if (peer instanceof CidrPeer c) {
      return c.prefix().overlaps(RESERVED);
    }
    if (peer instanceof IpPeer ip) {
      return RESERVED.contains(ip.address());
    }
    if (peer instanceof EntityPeer e) {
      return e.name().equals("world") || e.name().equals("all");
    }
    return false;
  }

  static Arbitrary<Peer> entity() {
    return Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.of(BUILTIN_ENTITIES).map(n -> (Peer) new EntityPeer(n, false))),
        Tuple.of(2, Arbitraries.of(ENTITIES).map(n -> (Peer) new EntityPeer(n, true))));
  }

  static Arbitrary<Peer> ip() {
    return Arbitraries.frequencyOf(
        Tuple.of(
            4,
            Arbitraries.longs()
                .between(0, 0xFFFFFFFFL)
                .map(a -> (Peer) new IpPeer(Prefix.v4(a, 32)))),
        Tuple.of(1, Arbitraries.just(new IpPeer(Prefix.parse("2001:db8::5")))));
  }

  static Arbitrary<Peer> cidr() {
    Arbitrary<Prefix> v4 =
        Combinators.combine(
                Arbitraries.longs().between(0, 0xFFFFFFFFL), Arbitraries.integers().between(8, 32))
            .as(Prefix::v4);
    Arbitrary<Prefix> prefix =
        Arbitraries.frequencyOf(
            Tuple.of(6, v4),
            Tuple.of(
                2,
                Arbitraries.of(
                    Prefix.parse("198.18.0.0/15"),
                    Prefix.parse("198.16.0.0/12"),
                    Prefix.parse("10.0.0.0/8"),
                    Prefix.parse("0.0.0.0/0"))),
            Tuple.of(1, Arbitraries.of(Prefix.parse("2001:db8::/32"), Prefix.parse("fd00::/8"))));
    return Combinators.combine(prefix, Arbitraries.integers().between(0, 3))
        .as(CiliaPrograms::withExcept);
  }

  /** {@code except}s in the upper half only, so that {@link Intent#sample} stays outside. */
  private static Peer withExcept(Prefix prefix, int kind) {
    List<Prefix> except = new ArrayList<>();
    int room = prefix.bits() - prefix.length();
    if (kind == 1 && room >= 1) {
      except.add(prefix.upperHalf());
    } else if (kind >= 2 && room >= 2) {
      Prefix upper = prefix.upperHalf();
      except.add(upper.upperHalf());
      if (kind == 3) {
        except.add(new Prefix(upper.value(), upper.bits(), upper.length() + 1));
      }
    }
    return new CidrPeer(prefix, except);
  }

  // ---------------------------------------------------------------- coverage

  /** Constructs a program uses, so that a property can check that the generator reaches them. */
  static final List<String> FEATURES =
      List.of(
          "clusterwide policy",
          "select namespaces",
          "enforce",
          "deny",
          "allow from",
          "observe dns",
          "observe http",
          "fqdn peer",
          "service peer",
          "namespaces peer",
          "cidr except",
          "port range",
          "ftp passive",
          "peer let",
          "service let",
          "imported file",
          "several inputs",
          "resolver");

  static java.util.Set<String> features(Program program) {
    java.util.Set<String> out = new java.util.HashSet<>();
    if (program.libraries() > 0) {
      out.add("imported file");
    }
    if (program.inputs() > 1 && program.policies().size() > 1) {
      out.add("several inputs");
    }
    program.resolver().ifPresent(r -> out.add("resolver"));
    for (Policy policy : program.policies()) {
      if (policy.clusterwide()) {
        out.add("clusterwide policy");
      }
      if (policy.subject() instanceof Model.SelectNamespaces) {
        out.add("select namespaces");
      }
      if (!policy.enforced().isEmpty()) {
        out.add("enforce");
      }
      for (Stmt stmt : policy.statements()) {
        List<Peer> peers = List.of();
        if (stmt instanceof Rule r) {
          out.add(r.deny() ? "deny" : r.direction() == Direction.INGRESS ? "allow from" : "allow");
          peers = r.peers().alternatives();
          if (r.peers().named()) {
            out.add("peer let");
          }
          if (r.service().named()) {
            out.add("service let");
          }
          for (Item item : r.service().items()) {
            if (item instanceof FtpPassive) {
              out.add("ftp passive");
            } else if (item instanceof ProtocolPorts pp
                && pp.ports().stream().anyMatch(s -> s.low() != s.high())) {
              out.add("port range");
            }
          }
        } else if (stmt instanceof ObserveDns) {
          out.add("observe dns");
        } else if (stmt instanceof ObserveHttp h) {
          out.add("observe http");
          peers = h.peers().map(PeerExpr::alternatives).orElse(List.of());
        }
        for (Peer peer : peers) {
          if (peer instanceof FqdnPeer) {
            out.add("fqdn peer");
          } else if (peer instanceof ServicePeer) {
            out.add("service peer");
          } else if (peer instanceof NamespacesPeer) {
            out.add("namespaces peer");
          } else if (peer instanceof CidrPeer c && !c.except().isEmpty()) {
            out.add("cidr except");
          }
        }
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- flows

  /** Endpoints at the other end of random flows. */
  static Arbitrary<Endpoint> others() {
    Arbitrary<Endpoint> ip =
        Arbitraries.longs()
            .between(0, 0xFFFFFFFFL)
            .map(a -> (Endpoint) Endpoint.ip(Prefix.v4(a, 32).address()));
    Arbitrary<Endpoint> reserved =
        Arbitraries.longs()
            .between(0, (1L << 17) - 1)
            .map(o -> (Endpoint) Endpoint.ip(Prefix.v4(0xC6120000L + o, 32).address()));
    Arbitrary<Endpoint> pod =
        Combinators.combine(
                Arbitraries.of(PEER_NAMESPACES),
                Arbitraries.maps(Arbitraries.of(KEYS), Arbitraries.of(VALUES)).ofMaxSize(3))
            .as((ns, labels) -> (Endpoint) Intent.pod(ns, labels));
    Arbitrary<Endpoint> entity =
        Arbitraries.of("host", "remote-node", "kube-apiserver", "world", "health")
            .map(n -> (Endpoint) Endpoint.entity(n));
    Arbitrary<Endpoint> fqdn =
        Arbitraries.of("api.example.com", "x.s3.amazonaws.com", "elsewhere.example.org")
            .map(n -> (Endpoint) Endpoint.fqdn(n));
    return Arbitraries.frequencyOf(
        Tuple.of(4, ip),
        Tuple.of(2, reserved),
        Tuple.of(4, pod),
        Tuple.of(1, entity),
        Tuple.of(1, fqdn));
  }

  static Arbitrary<Intent.Port> ports() {
    Arbitrary<Intent.Port> transport =
        Combinators.combine(
                Arbitraries.of(
                    dev.cilia.eval.Protocol.TCP,
                    dev.cilia.eval.Protocol.UDP,
                    dev.cilia.eval.Protocol.SCTP),
                Arbitraries.frequencyOf(
                    Tuple.of(2, Arbitraries.integers().between(1, 65535)),
                    Tuple.of(1, Arbitraries.integers().between(DENY_PORTS, 65535)),
                    Tuple.of(1, Arbitraries.of(COMMON_PORTS)),
                    Tuple.of(1, Arbitraries.of(HTTP_PORTS))))
            .as(Intent.Port::new);
    return Arbitraries.frequencyOf(
        Tuple.of(9, transport),
        Tuple.of(1, Arbitraries.just(new Intent.Port(dev.cilia.eval.Protocol.ICMP, 8))));
  }

  /** A flow's other end and port, for properties that try undeclared traffic. */
  record Probe(Endpoint other, Intent.Port port) {
    @Override
    public String toString() {
      return other + " " + port;
    }
  }

  static Arbitrary<List<Probe>> probes() {
    return Combinators.combine(others(), ports()).as(Probe::new).list().ofMinSize(1).ofMaxSize(8);
  }
}
