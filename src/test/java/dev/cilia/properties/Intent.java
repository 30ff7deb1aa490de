package dev.cilia.properties;

import dev.cilia.cilium.Target;
import dev.cilia.eval.Endpoint;
import dev.cilia.eval.Protocol;
import dev.cilia.ir.Direction;
import dev.cilia.properties.Model.CidrPeer;
import dev.cilia.properties.Model.EntityPeer;
import dev.cilia.properties.Model.FqdnPeer;
import dev.cilia.properties.Model.IpPeer;
import dev.cilia.properties.Model.KubeDnsPeer;
import dev.cilia.properties.Model.NamespacePeer;
import dev.cilia.properties.Model.NamespacesPeer;
import dev.cilia.properties.Model.ObserveHttp;
import dev.cilia.properties.Model.Peer;
import dev.cilia.properties.Model.PodsPeer;
import dev.cilia.properties.Model.Policy;
import dev.cilia.properties.Model.PortSpanOf;
import dev.cilia.properties.Model.Prefix;
import dev.cilia.properties.Model.Rule;
import dev.cilia.properties.Model.Sel;
import dev.cilia.properties.Model.ServiceExpr;
import dev.cilia.properties.Model.ServicePeer;
import dev.cilia.properties.Model.Stmt;
import dev.cilia.properties.Model.Term;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a generated program means, read from the model the way LANGUAGE.md reads the source: which
 * pods a policy selects, which endpoints a peer names, which flows a statement covers. The
 * properties compare this with what the evaluator decides on the emitted YAML.
 */
final class Intent {
  private Intent() {}

  /** Three-valued answers: the model cannot tell for peers that depend on live objects. */
  enum Tri {
    YES,
    NO,
    MAYBE
  }

  /** Namespaces the generators use, with their labels (kubernetes.io/metadata.name is implied). */
  static final Map<String, Map<String, String>> NAMESPACE_LABELS = namespaceLabels();

  static final String METADATA_NAME = "kubernetes.io/metadata.name";

  /** A world address no generated CIDR needs to contain. */
  static final String WORLD_ADDRESS = "203.0.113.77";

  private static Map<String, Map<String, String>> namespaceLabels() {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    out.put("payments", Map.of("team", "pay", "env", "prod"));
    out.put("frontend", Map.of("team", "web", "env", "prod"));
    out.put("shop", Map.of("env", "dev"));
    out.put("finance", Map.of("team", "pay"));
    out.put("kube-system", Map.of());
    out.put("dns", Map.of());
    return out;
  }

  static Map<String, String> labelsOf(String namespace) {
    return NAMESPACE_LABELS.getOrDefault(namespace, Map.of());
  }

  static Endpoint.Pod pod(String namespace, Map<String, String> labels) {
    return new Endpoint.Pod(namespace, labels, labelsOf(namespace));
  }

  private static Map<String, String> withImplied(Endpoint.Pod pod) {
    Map<String, String> out = new HashMap<>(pod.namespaceLabels());
    out.put(METADATA_NAME, pod.namespace());
    return out;
  }

  // ---------------------------------------------------------------- subjects

  /** Up to two pods the policy selects: minimal labels, and rich labels. */
  static List<Endpoint.Pod> subjects(Policy policy) {
    List<Endpoint.Pod> out = new ArrayList<>();
    for (int variant = 0; variant < 2; variant++) {
      Optional<Endpoint.Pod> pod = subject(policy, variant);
      if (pod.isPresent() && !out.contains(pod.get())) {
        out.add(pod.get());
      }
    }
    return out;
  }

  private static Optional<Endpoint.Pod> subject(Policy policy, int variant) {
    if (!policy.clusterwide()) {
      Map<String, String> labels =
          policy.subject() instanceof Model.SelectPods s
              ? satisfy(s.selector(), variant)
              : rich(Map.of(), variant);
      return Optional.of(pod(policy.namespace(), labels));
    }
    if (policy.subject() instanceof Model.AllPods) {
      return Optional.of(pod(variant == 0 ? "shop" : "payments", rich(Map.of(), variant)));
    } else if (policy.subject() instanceof Model.SelectPods s) {
      return Optional.of(pod(variant == 0 ? "payments" : "shop", satisfy(s.selector(), variant)));
    } else if (policy.subject() instanceof Model.SelectNamespace s) {
      Map<String, String> labels =
          s.pods().map(p -> satisfy(p, variant)).orElse(rich(Map.of(), variant));
      return Optional.of(pod(s.namespace(), labels));
    } else if (policy.subject() instanceof Model.SelectNamespaces s) {
      List<String> namespaces = namespacesMatching(s.selector());
      if (namespaces.isEmpty()) {
        return Optional.empty();
      }
      String ns = namespaces.get(Math.min(variant, namespaces.size() - 1));
      return Optional.of(pod(ns, rich(Map.of(), variant)));
    }
    throw new AssertionError(policy.subject());
  }

  static List<String> namespacesMatching(Sel selector) {
    List<String> out = new ArrayList<>();
    for (String ns : NAMESPACE_LABELS.keySet()) {
      Map<String, String> labels = new HashMap<>(labelsOf(ns));
      labels.put(METADATA_NAME, ns);
      if (selector.matches(labels)) {
        out.add(ns);
      }
    }
    return out;
  }

  /** Labels that satisfy the selector; variant 1 also sets the other keys of the pool. */
  static Map<String, String> satisfy(Sel selector, int variant) {
    Map<String, String> labels = new LinkedHashMap<>();
    for (Term t : selector.terms()) {
      switch (t.op()) {
        case EQ -> labels.put(t.key(), t.values().get(0));
        case IN -> labels.put(t.key(), t.values().get(variant == 0 ? 0 : t.values().size() - 1));
        case NEQ, NOTIN -> {
          if (variant == 1) {
            labels.put(t.key(), "other");
          }
        }
        case EXISTS -> labels.put(t.key(), variant == 0 ? "web" : "db");
        case NOT_EXISTS -> {}
      }
    }
    Map<String, String> out = rich(labels, variant);
    for (Term t : selector.terms()) {
      if (t.op() == Model.Op.NOT_EXISTS || (variant == 0 && !labels.containsKey(t.key()))) {
        out.remove(t.key());
      }
    }
    return out;
  }

  private static Map<String, String> rich(Map<String, String> labels, int variant) {
    Map<String, String> out = new LinkedHashMap<>(labels);
    if (variant == 1) {
      for (String key : CiliaPrograms.KEYS) {
        out.putIfAbsent(key, "web");
      }
    }
    return out;
  }

  /** Whether the policy selects the pod (CILIUM-POLICY.md §1.2: a CNP stays in its namespace). */
  static boolean selects(Policy policy, Endpoint.Pod pod) {
    if (!policy.clusterwide()) {
      if (!policy.namespace().equals(pod.namespace())) {
        return false;
      }
      return !(policy.subject() instanceof Model.SelectPods s)
          || s.selector().matches(pod.labels());
    }
    if (policy.subject() instanceof Model.AllPods) {
      return true;
    } else if (policy.subject() instanceof Model.SelectPods s) {
      return s.selector().matches(pod.labels());
    } else if (policy.subject() instanceof Model.SelectNamespace s) {
      return s.namespace().equals(pod.namespace())
          && s.pods().map(p -> p.matches(pod.labels())).orElse(true);
    } else if (policy.subject() instanceof Model.SelectNamespaces s) {
      return s.selector().matches(withImplied(pod));
    }
    throw new AssertionError(policy.subject());
  }

  // ---------------------------------------------------------------- peers

  /** Endpoints a peer names, as the other end of a flow; empty when none can be named. */
  static List<Endpoint> representatives(Peer peer, Policy context) {
    Map<String, String> role = Map.of("role", "peer");
    if (peer instanceof NamespacePeer n) {
      return List.of(pod(n.namespace(), role));
    } else if (peer instanceof PodsPeer p) {
      String ns =
          !p.namespace().isEmpty()
              ? p.namespace()
              : context.clusterwide() ? "shop" : context.namespace();
      Map<String, String> labels = new LinkedHashMap<>(satisfy(p.selector(), 0));
      labels.put("role", "peer");
      return List.of(pod(ns, labels));
    } else if (peer instanceof NamespacesPeer n) {
      List<String> namespaces = namespacesMatching(n.selector());
      return namespaces.isEmpty() ? List.of() : List.of(pod(namespaces.get(0), role));
    } else if (peer instanceof CidrPeer c) {
      return List.of(Endpoint.ip(sample(c.prefix()).address()));
    } else if (peer instanceof IpPeer ip) {
      return List.of(Endpoint.ip(ip.address().address()));
    } else if (peer instanceof FqdnPeer f) {
      return List.of(Endpoint.fqdn(nameFor(f.pattern())));
    } else if (peer instanceof EntityPeer e) {
      return switch (e.name()) {
        case "world" -> List.of(Endpoint.ip(WORLD_ADDRESS));
        case "all" -> List.of(Endpoint.ip(WORLD_ADDRESS), pod("shop", role));
        case "cluster" -> List.of(pod("shop", role), Endpoint.entity("remote-node"));
        case "none" -> List.of();
        default -> List.of(Endpoint.entity(e.name()));
      };
    } else if (peer instanceof KubeDnsPeer) {
      return List.of(pod("kube-system", Map.of("k8s-app", "kube-dns")));
    } else if (peer instanceof ServicePeer) {
      // toServices depends on live Service objects: nothing to name.
      return List.of();
    }
    throw new AssertionError(peer);
  }

  /** An address of the prefix outside its upper half, where generated {@code except}s live. */
  static Prefix sample(Prefix prefix) {
    return prefix.length() <= prefix.bits() - 2
        ? prefix.host(BigInteger.ONE)
        : prefix.host(BigInteger.ZERO);
  }

  /** A concrete name a pattern matches ({@code *} stands for {@code x}). */
  static String nameFor(String pattern) {
    return pattern.equals("*") ? "anything.example.org" : pattern.replace("*", "x");
  }

  /** Whether the peer names the endpoint, as Cilium reads the emitted peer. */
  static Tri covers(Peer peer, Policy context, Target target, Endpoint other) {
    if (peer instanceof ServicePeer) {
      return Tri.MAYBE;
    }
    if (other instanceof Endpoint.Pod pod) {
      if (peer instanceof NamespacePeer n) {
        return tri(n.namespace().equals(pod.namespace()));
      } else if (peer instanceof PodsPeer p) {
        boolean inNamespace =
            !p.namespace().isEmpty()
                ? p.namespace().equals(pod.namespace())
                : context.clusterwide() || context.namespace().equals(pod.namespace());
        return tri(inNamespace && p.selector().matches(pod.labels()));
      } else if (peer instanceof NamespacesPeer n) {
        boolean reach =
            context.clusterwide()
                || target.namespaceLabelPeersCrossNamespaces()
                || context.namespace().equals(pod.namespace());
        return tri(reach && n.selector().matches(withImplied(pod)));
      } else if (peer instanceof KubeDnsPeer) {
        return tri(
            pod.namespace().equals("kube-system")
                && "kube-dns".equals(pod.labels().get("k8s-app")));
      } else if (peer instanceof EntityPeer e) {
        return tri(e.name().equals("cluster") || e.name().equals("all"));
      }
      return Tri.NO;
    }
    if (other instanceof Endpoint.Ip ip) {
      Prefix address = Prefix.parse(ip.address().getHostAddress());
      if (peer instanceof CidrPeer c) {
        return tri(
            c.prefix().contains(address)
                && c.except().stream().noneMatch(e -> e.contains(address)));
      } else if (peer instanceof IpPeer p) {
        return tri(p.address().equals(address));
      } else if (peer instanceof EntityPeer e) {
        return tri(e.name().equals("world") || e.name().equals("all"));
      }
      return Tri.NO;
    }
    return Tri.MAYBE;
  }

  private static Tri tri(boolean b) {
    return b ? Tri.YES : Tri.NO;
  }

  // ---------------------------------------------------------------- services

  /** A flow's protocol and port. */
  record Port(Protocol protocol, int port) {
    @Override
    public String toString() {
      return protocol.word() + "/" + port;
    }
  }

  /** Flows a service declares: the ends of each span, every protocol of {@code any}. */
  static List<Port> samples(ServiceExpr service) {
    if (service.isAll()) {
      return List.of(
          new Port(Protocol.TCP, 4444), new Port(Protocol.UDP, 65535), new Port(Protocol.ICMP, 8));
    }
    List<Port> out = new ArrayList<>();
    for (PortSpanOf span : Model.spans(service)) {
      for (Protocol protocol : protocols(span.protocol())) {
        add(out, new Port(protocol, span.low()));
        add(out, new Port(protocol, span.high()));
      }
    }
    return out;
  }

  static List<Port> samples(ObserveHttp observe) {
    List<Port> out = new ArrayList<>();
    for (Model.PortSpan span : observe.ports()) {
      add(out, new Port(Protocol.TCP, span.low()));
      add(out, new Port(Protocol.TCP, span.high()));
    }
    return out;
  }

  private static void add(List<Port> out, Port port) {
    if (!out.contains(port)) {
      out.add(port);
    }
  }

  private static List<Protocol> protocols(dev.cilia.ir.Transport protocol) {
    return switch (protocol) {
      case TCP -> List.of(Protocol.TCP);
      case UDP -> List.of(Protocol.UDP);
      case SCTP -> List.of(Protocol.SCTP);
      case ANY -> List.of(Protocol.TCP, Protocol.UDP, Protocol.SCTP);
    };
  }

  static boolean covers(ServiceExpr service, Port port) {
    if (service.isAll()) {
      return true;
    }
    for (PortSpanOf span : Model.spans(service)) {
      if (protocols(span.protocol()).contains(port.protocol())
          && port.port() >= span.low()
          && port.port() <= span.high()) {
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- statements

  /**
   * Whether an {@code allow}/{@code observe http} statement of {@code policy} lets the flow between
   * a selected pod and {@code other} through in {@code direction}.
   */
  static Tri allows(
      Stmt stmt, Policy policy, Target target, Direction direction, Endpoint other, Port port) {
    if (stmt instanceof Rule r && !r.deny() && r.direction() == direction) {
      return covers(r.service(), port)
          ? anyPeer(r.peers().alternatives(), policy, target, other)
          : Tri.NO;
    }
    if (stmt instanceof ObserveHttp h && h.direction() == direction) {
      boolean onPort =
          port.protocol() == Protocol.TCP
              && h.ports().stream()
                  .anyMatch(s -> port.port() >= s.low() && port.port() <= s.high());
      if (!onPort) {
        return Tri.NO;
      }
      return h.peers().isEmpty()
          ? Tri.YES
          : anyPeer(h.peers().get().alternatives(), policy, target, other);
    }
    return Tri.NO;
  }

  /** Whether a {@code deny} statement of {@code policy} names the flow. */
  static Tri denies(
      Stmt stmt, Policy policy, Target target, Direction direction, Endpoint other, Port port) {
    if (stmt instanceof Rule r
        && r.deny()
        && r.direction() == direction
        && covers(r.service(), port)) {
      return anyPeer(r.peers().alternatives(), policy, target, other);
    }
    return Tri.NO;
  }

  private static Tri anyPeer(List<Peer> peers, Policy policy, Target target, Endpoint other) {
    Tri result = Tri.NO;
    for (Peer peer : peers) {
      Tri t = covers(peer, policy, target, other);
      if (t == Tri.YES) {
        return Tri.YES;
      }
      if (t == Tri.MAYBE) {
        result = Tri.MAYBE;
      }
    }
    return result;
  }

  /** Folds answers over every statement of every policy selecting the pod. */
  static Tri any(List<Policy> policies, Endpoint.Pod pod, StatementTest test) {
    Tri result = Tri.NO;
    for (Policy policy : policies) {
      if (!selects(policy, pod)) {
        continue;
      }
      for (Stmt stmt : policy.statements()) {
        Tri t = test.test(stmt, policy);
        if (t == Tri.YES) {
          return Tri.YES;
        }
        if (t == Tri.MAYBE) {
          result = Tri.MAYBE;
        }
      }
    }
    return result;
  }

  /** A question about one statement of one policy. */
  interface StatementTest {
    Tri test(Stmt stmt, Policy policy);
  }

  /** The resolver's endpoint for the evaluator. */
  static Endpoint resolver(Model.Program program) {
    if (program.resolver().isEmpty()) {
      return dev.cilia.eval.Evaluator.KUBE_DNS;
    }
    Peer peer = program.resolver().get();
    if (peer instanceof PodsPeer p) {
      return pod(p.namespace(), satisfy(p.selector(), 0));
    } else if (peer instanceof IpPeer ip) {
      return Endpoint.ip(ip.address().address());
    }
    throw new AssertionError(peer);
  }
}
