package dev.cilia.verify;

import dev.cilia.cilium.Entities;
import dev.cilia.cilium.Target;
import dev.cilia.diag.Work;
import dev.cilia.eval.DnsNames;
import dev.cilia.eval.Endpoint;
import dev.cilia.eval.Protocol;
import dev.cilia.ir.IpPrefix;
import dev.cilia.ir.NamespaceMatch;
import dev.cilia.ir.Peer;
import dev.cilia.ir.Policy;
import dev.cilia.ir.PortRange;
import dev.cilia.ir.Selector.Operator;
import dev.cilia.ir.Selector.Requirement;
import dev.cilia.ir.Service;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Concrete endpoints, addresses, names and ports that stand for the IR's selectors, peers and
 * services: what the proof asks the evaluator about.
 */
final class Representatives {
  /** The namespace label every namespace has (CILIUM-POLICY.md §1.4). */
  static final String NAME_KEY = "kubernetes.io/metadata.name";

  /** The value given to labels that must merely exist, and the name of unnamed namespaces. */
  static final String FILLER = "proof";

  /** Ports probed for a service of every port. */
  private static final int[] ALL_PORTS = {1, 443, 65535};

  /** Entities that are part of {@code cluster} besides pods. */
  private static final Set<String> CLUSTER_ENTITIES = Entities.CLUSTER_MEMBERS;

  private Representatives() {}

  /** A protocol and port to probe. */
  record Probe(Protocol protocol, int port) {
    @Override
    public String toString() {
      return protocol.word() + "/" + port;
    }
  }

  /** Pods that satisfy pod-label requirements and namespace matches, all of them. */
  record PodSpace(List<Requirement> pods, List<NamespaceMatch> namespaces) {
    PodSpace {
      pods = List.copyOf(pods);
      namespaces = List.copyOf(namespaces);
    }

    static PodSpace of(dev.cilia.ir.Selector pods, NamespaceMatch namespaces) {
      return new PodSpace(pods.requirements(), List.of(namespaces));
    }

    PodSpace and(PodSpace other) {
      List<Requirement> p = new ArrayList<>(pods);
      p.addAll(other.pods);
      List<NamespaceMatch> n = new ArrayList<>(namespaces);
      n.addAll(other.namespaces);
      return new PodSpace(p, n);
    }
  }

  /** The pods a policy selects: a CNP's are in its namespace. */
  static PodSpace subject(Policy policy) {
    NamespaceMatch namespaces =
        policy.clusterwide()
            ? policy.subjectNamespaces()
            : new NamespaceMatch.Named(policy.namespace());
    return PodSpace.of(policy.subjectPods(), namespaces);
  }

  /** One pod in {@code space}, or empty when no pod can satisfy it. */
  static Optional<Endpoint.Pod> pod(PodSpace space) {
    Work.add(Work.Step.POD_SPACE);
    List<Requirement> namespace = new ArrayList<>();
    namespace.add(new Requirement(NAME_KEY, Operator.EXISTS, List.of()));
    for (NamespaceMatch m : space.namespaces()) {
      if (m instanceof NamespaceMatch.Named n) {
        namespace.add(new Requirement(NAME_KEY, Operator.IN, List.of(n.namespace())));
      } else if (m instanceof NamespaceMatch.Labelled l) {
        namespace.addAll(l.selector().requirements());
      } else if (!(m instanceof NamespaceMatch.Any)) {
        throw new AssertionError(m);
      }
    }
    Optional<Map<String, String>> namespaceLabels = labels(namespace);
    Optional<Map<String, String>> podLabels = labels(space.pods());
    if (namespaceLabels.isEmpty() || podLabels.isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> nsLabels = new TreeMap<>(namespaceLabels.get());
    String name = nsLabels.remove(NAME_KEY);
    if (name == null || name.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(Endpoint.pod(name, podLabels.get(), nsLabels));
  }

  /**
   * Labels that satisfy every requirement: the first allowed value of {@code In}, a filler value
   * for {@code Exists}; keys that must be absent or only avoid values are left out.
   */
  static Optional<Map<String, String>> labels(List<Requirement> requirements) {
    Map<String, List<String>> in = new LinkedHashMap<>();
    Map<String, Set<String>> notIn = new LinkedHashMap<>();
    Set<String> exists = new HashSet<>();
    Set<String> absent = new HashSet<>();
    Set<String> keys = new TreeSet<>();
    for (Requirement r : requirements) {
      keys.add(r.key());
      switch (r.operator()) {
        case IN ->
            in.merge(
                r.key(),
                List.copyOf(r.values()),
                (a, b) -> a.stream().filter(b::contains).toList());
        case NOT_IN -> notIn.computeIfAbsent(r.key(), k -> new HashSet<>()).addAll(r.values());
        case EXISTS -> exists.add(r.key());
        case DOES_NOT_EXIST -> absent.add(r.key());
      }
    }
    Map<String, String> out = new TreeMap<>();
    for (String key : keys) {
      Set<String> avoid = notIn.getOrDefault(key, Set.of());
      if (absent.contains(key)) {
        if (in.containsKey(key) || exists.contains(key)) {
          return Optional.empty();
        }
        continue;
      }
      if (in.containsKey(key)) {
        Optional<String> value = in.get(key).stream().filter(v -> !avoid.contains(v)).findFirst();
        if (value.isEmpty()) {
          return Optional.empty();
        }
        out.put(key, value.get());
      } else if (exists.contains(key)) {
        String value = FILLER;
        for (int i = 2; avoid.contains(value); i++) {
          value = FILLER + "-" + i;
        }
        out.put(key, value);
      }
    }
    return Optional.of(out);
  }

  /** A pod in a namespace no statement names: stands for "some pod". */
  static Endpoint.Pod somePod() {
    return Endpoint.pod(FILLER, Map.of());
  }

  /** Endpoints that stand for a peer; empty for a kube service (live objects) or {@code none}. */
  static List<Endpoint> peer(Peer peer) {
    if (peer instanceof Peer.Pods p) {
      return pod(PodSpace.of(p.pods(), p.namespaces()))
          .<List<Endpoint>>map(List::of)
          .orElse(List.of());
    } else if (peer instanceof Peer.Cidr c) {
      return ips(addresses(c.prefix(), c.except()));
    } else if (peer instanceof Peer.Fqdn f) {
      return List.of(Endpoint.fqdn(name(f.name())));
    } else if (peer instanceof Peer.Entity e) {
      return entity(e.name());
    } else if (peer instanceof Peer.KubeService) {
      return List.of();
    }
    throw new AssertionError(peer);
  }

  /** Endpoints for an entity name: {@code all} and {@code cluster} get a pod and some entities. */
  static List<Endpoint> entity(String name) {
    return switch (name) {
      case Entities.ALL ->
          List.of(somePod(), Endpoint.entity(Entities.HOST), Endpoint.entity(Entities.WORLD));
      case Entities.CLUSTER ->
          List.of(somePod(), Endpoint.entity(Entities.HOST), Endpoint.entity(Entities.REMOTE_NODE));
      default -> Endpoint.Entity.NAMES.contains(name) ? List.of(Endpoint.entity(name)) : List.of();
    };
  }

  /**
   * Endpoints inside both an allowed peer and a denied one, so that a {@code deny} that cuts into
   * an {@code allow} is found; empty when they cannot overlap (or it is not known how).
   */
  static List<Endpoint> overlap(Peer allowed, Peer denied) {
    if (allowed instanceof Peer.Pods a && denied instanceof Peer.Pods d) {
      return pod(PodSpace.of(a.pods(), a.namespaces()).and(PodSpace.of(d.pods(), d.namespaces())))
          .<List<Endpoint>>map(List::of)
          .orElse(List.of());
    }
    if (allowed instanceof Peer.Cidr a && denied instanceof Peer.Cidr d) {
      IpPrefix inner =
          a.prefix().contains(d.prefix())
              ? d.prefix()
              : d.prefix().contains(a.prefix()) ? a.prefix() : null;
      if (inner == null) {
        return List.of();
      }
      List<IpPrefix> except = new ArrayList<>(a.except());
      except.addAll(d.except());
      return ips(addresses(inner, except));
    }
    String a = allowed instanceof Peer.Entity e ? e.name() : null;
    String d = denied instanceof Peer.Entity e ? e.name() : null;
    if (a != null && d != null) {
      if (a.equals(d) || d.equals("all")) {
        return peer(allowed);
      }
      if (a.equals("all") || (a.equals("cluster") && CLUSTER_ENTITIES.contains(d))) {
        return peer(denied);
      }
      if (d.equals("cluster") && CLUSTER_ENTITIES.contains(a)) {
        return peer(allowed);
      }
      return List.of();
    }
    boolean worldA = Entities.WORLD.equals(a) || Entities.ALL.equals(a);
    boolean worldD = Entities.WORLD.equals(d) || Entities.ALL.equals(d);
    boolean clusterA = "cluster".equals(a) || "all".equals(a);
    boolean clusterD = "cluster".equals(d) || "all".equals(d);
    if (allowed instanceof Peer.Pods && clusterD) {
      return peer(allowed);
    }
    if (clusterA && denied instanceof Peer.Pods) {
      return peer(denied);
    }
    if (worldA && denied instanceof Peer.Cidr) {
      return peer(denied);
    }
    if ((allowed instanceof Peer.Cidr || allowed instanceof Peer.Fqdn) && worldD) {
      return peer(allowed);
    }
    if (allowed instanceof Peer.Fqdn && denied instanceof Peer.Cidr c && c.prefix().length() == 0) {
      return peer(allowed);
    }
    return List.of();
  }

  private static List<Endpoint> ips(List<InetAddress> addresses) {
    List<Endpoint> out = new ArrayList<>();
    addresses.forEach(a -> out.add(new Endpoint.Ip(a)));
    return out;
  }

  /**
   * The first and the last usable address of {@code prefix} outside every {@code except} (the
   * network and broadcast addresses only when nothing else is left); empty when all are excepted.
   */
  static List<InetAddress> addresses(IpPrefix prefix, List<IpPrefix> except) {
    int bits = prefix.maxLength();
    BigInteger size = BigInteger.ONE.shiftLeft(bits - prefix.length());
    BigInteger low =
        value(prefix.address())
            .shiftRight(bits - prefix.length())
            .shiftLeft(bits - prefix.length());
    BigInteger high = low.add(size).subtract(BigInteger.ONE);
    List<BigInteger> candidates = new ArrayList<>();
    if (size.compareTo(BigInteger.valueOf(4)) >= 0) {
      candidates.add(low.add(BigInteger.ONE));
      candidates.add(high.subtract(BigInteger.ONE));
    }
    List<BigInteger[]> cut = new ArrayList<>();
    for (IpPrefix e : except) {
      if (e.maxLength() != bits) {
        continue;
      }
      BigInteger eSize = BigInteger.ONE.shiftLeft(bits - e.length());
      BigInteger eLow =
          value(e.address()).shiftRight(bits - e.length()).shiftLeft(bits - e.length());
      BigInteger eHigh = eLow.add(eSize).subtract(BigInteger.ONE);
      cut.add(new BigInteger[] {eLow, eHigh});
      candidates.add(eLow.subtract(BigInteger.ONE));
      candidates.add(eHigh.add(BigInteger.ONE));
    }
    candidates.add(low);
    candidates.add(high);
    TreeSet<BigInteger> usable = new TreeSet<>();
    boolean roomy = size.compareTo(BigInteger.valueOf(4)) >= 0;
    for (BigInteger c : candidates) {
      if (c.compareTo(low) < 0 || c.compareTo(high) > 0) {
        continue;
      }
      boolean excepted = false;
      for (BigInteger[] range : cut) {
        excepted |= c.compareTo(range[0]) >= 0 && c.compareTo(range[1]) <= 0;
      }
      if (!excepted) {
        usable.add(c);
      }
    }
    if (roomy && usable.size() > 2) {
      // Prefer usable host addresses to the network and broadcast addresses.
      usable.remove(low);
      if (usable.size() > 2) {
        usable.remove(high);
      }
    }
    List<InetAddress> out = new ArrayList<>();
    if (!usable.isEmpty()) {
      out.add(address(usable.first(), bits));
      if (usable.size() > 1) {
        out.add(address(usable.last(), bits));
      }
    }
    return out;
  }

  private static BigInteger value(byte[] address) {
    return new BigInteger(1, address);
  }

  private static InetAddress address(BigInteger value, int bits) {
    byte[] raw = value.toByteArray();
    byte[] bytes = new byte[bits / 8];
    int copy = Math.min(raw.length, bytes.length);
    System.arraycopy(raw, raw.length - copy, bytes, bytes.length - copy, copy);
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  /** A concrete name that an FQDN name or pattern matches: each {@code *} becomes a label. */
  static String name(String pattern) {
    String name = DnsNames.normalize(pattern);
    if (name.equals("*")) {
      return FILLER + ".example.com";
    }
    return name.replace("**", "*").replace("*", FILLER);
  }

  /** Ports that stand for a service: each range's low, middle and high port. */
  static List<Probe> ports(Service service, Target target) {
    if (service.isAll()) {
      List<Probe> out = new ArrayList<>();
      for (Protocol p : List.of(Protocol.TCP, Protocol.UDP)) {
        for (int port : ALL_PORTS) {
          out.add(new Probe(p, port));
        }
      }
      return out;
    }
    Set<Probe> out = new LinkedHashSet<>();
    for (PortRange range : service.ports()) {
      for (Protocol p : protocols(range.protocol(), target)) {
        for (int port :
            new int[] {range.low(), range.low() + (range.high() - range.low()) / 2, range.high()}) {
          out.add(new Probe(p, port));
        }
      }
    }
    return List.copyOf(out);
  }

  /** Ports in both services: the low port of each overlap. */
  static List<Probe> overlap(Service allowed, Service denied, Target target) {
    if (denied.isAll()) {
      return ports(allowed, target);
    }
    if (allowed.isAll()) {
      List<Probe> out = new ArrayList<>();
      for (PortRange d : denied.ports()) {
        for (Protocol p : protocols(d.protocol(), target)) {
          out.add(new Probe(p, d.low()));
        }
      }
      return out;
    }
    Set<Probe> out = new LinkedHashSet<>();
    for (PortRange a : allowed.ports()) {
      for (PortRange d : denied.ports()) {
        int low = Math.max(a.low(), d.low());
        if (low > Math.min(a.high(), d.high())) {
          continue;
        }
        for (Protocol p : protocols(a.protocol(), target)) {
          if (protocols(d.protocol(), target).contains(p)) {
            out.add(new Probe(p, low));
          }
        }
      }
    }
    return List.copyOf(out);
  }

  /** Whether a service covers a probe. */
  static boolean covers(Service service, Probe probe, Target target) {
    if (service.isAll()) {
      return !probe.protocol().isIcmp();
    }
    for (PortRange r : service.ports()) {
      if (protocols(r.protocol(), target).contains(probe.protocol())
          && probe.port() >= r.low()
          && probe.port() <= r.high()) {
        return true;
      }
    }
    return false;
  }

  /**
   * The evaluator's protocols for an IR protocol; {@code any} has SCTP only where the target does.
   */
  static List<Protocol> protocols(dev.cilia.ir.Transport protocol, Target target) {
    return switch (protocol) {
      case TCP -> List.of(Protocol.TCP);
      case UDP -> List.of(Protocol.UDP);
      case SCTP -> List.of(Protocol.SCTP);
      case ANY ->
          target.hasSctp()
              ? List.of(Protocol.TCP, Protocol.UDP, Protocol.SCTP)
              : List.of(Protocol.TCP, Protocol.UDP);
    };
  }

  /** An address as an evaluator endpoint. */
  static Endpoint.Ip ip(IpPrefix host) {
    try {
      return new Endpoint.Ip(InetAddress.getByAddress(host.address()));
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }
}
