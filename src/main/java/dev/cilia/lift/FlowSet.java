package dev.cilia.lift;

import dev.cilia.cilium.Entities;
import dev.cilia.cilium.Ports;
import dev.cilia.cilium.model.CidrRule;
import dev.cilia.cilium.model.CiliumPolicy;
import dev.cilia.cilium.model.FqdnSelector;
import dev.cilia.cilium.model.PolicyRule;
import dev.cilia.cilium.model.PortProtocol;
import dev.cilia.cilium.model.PortRule;
import dev.cilia.cilium.model.RuleItem;
import dev.cilia.cilium.model.RuleView;
import dev.cilia.eval.Endpoint;
import dev.cilia.eval.Evaluator;
import dev.cilia.eval.Flow;
import dev.cilia.eval.Protocol;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The flows that tell two policy sets apart, generated from the policies themselves: for each
 * policy, pods its selectors select, the peers its rules name (a pod per selector, an address in
 * each CIDR and each {@code except}, each entity, each name), the ports they name and their
 * neighbours, and a fixed set of outsiders (a pod no rule names, an outside address and name, the
 * host, the API server, common ports). Each subject pod gets every egress and ingress flow over
 * those, and a DNS lookup of every name.
 */
public final class FlowSet {
  /** A lookup of {@code name} by {@code pod}, decided by {@code dnsLookup}. */
  public record Lookup(Endpoint.Pod pod, String name) {}

  /** A port probe. */
  record Port(Protocol protocol, int number) {}

  private static final String PROBE = "cilia-probe";
  private static final List<Port> COMMON =
      List.of(
          new Port(Protocol.TCP, 80),
          new Port(Protocol.TCP, 443),
          new Port(Protocol.TCP, 8080),
          new Port(Protocol.TCP, 1521),
          new Port(Protocol.TCP, 5432),
          new Port(Protocol.TCP, Ports.DNS),
          new Port(Protocol.UDP, Ports.DNS),
          new Port(Protocol.UDP, 123),
          new Port(Protocol.ICMP, 8));

  private final Set<Flow> flows = new LinkedHashSet<>();
  private final Set<Lookup> lookups = new LinkedHashSet<>();

  private FlowSet() {}

  public Set<Flow> flows() {
    return flows;
  }

  public Set<Lookup> lookups() {
    return lookups;
  }

  public int size() {
    return flows.size() + lookups.size();
  }

  /** The flows of every policy in {@code policies}. */
  public static FlowSet of(List<CiliumPolicy> policies) {
    FlowSet set = new FlowSet();
    for (CiliumPolicy p : policies) {
      set.add(p);
    }
    return set;
  }

  /** Adds the flows of one policy. */
  public void add(CiliumPolicy policy) {
    String ns = policy.isClusterwide() ? null : policy.metadata().getNamespace();
    List<Endpoint.Pod> subjects = new ArrayList<>();
    Set<Endpoint> peers = new LinkedHashSet<>();
    Set<Port> ports = new LinkedHashSet<>(COMMON);
    Set<String> names = new LinkedHashSet<>();
    for (RuleView.Rule view : RuleView.of(policy)) {
      PolicyRule rule = view.rule();
      if (rule.endpointSelector() != null) {
        Endpoint e = endpoint(rule.endpointSelector(), ns);
        if (e instanceof Endpoint.Pod pod) {
          subjects.add(pod);
        }
      }
      for (RuleItem item : view.items()) {
        selectors(item.endpoints(), ns, peers);
        cidrs(item.cidr(), item.cidrSet(), peers);
        entities(item.entities(), peers);
        for (FqdnSelector f : item.fqdnList()) {
          String name = name(f);
          names.add(name);
          peers.add(new Endpoint.Fqdn(name));
        }
        ports(item.toPorts(), ports, names);
      }
    }
    String home = ns == null ? "default" : ns;
    peers.add(new Endpoint.Pod(home, Map.of("app", PROBE), Map.of()));
    peers.add(new Endpoint.Pod(PROBE, Map.of("app", PROBE), Map.of()));
    peers.add(Evaluator.KUBE_DNS);
    peers.add(ip("192.0.2.10"));
    peers.add(new Endpoint.Fqdn(PROBE + ".example.org"));
    for (String entity : Entities.PROBED) {
      peers.add(new Endpoint.Entity(entity));
    }
    names.add(PROBE + ".example.org");
    for (Endpoint.Pod s : subjects) {
      for (Endpoint peer : peers) {
        for (Port port : ports) {
          flows.add(new Flow(s, peer, port.protocol(), port.number()));
          if (!(peer instanceof Endpoint.Fqdn) && !peer.equals(s)) {
            flows.add(new Flow(peer, s, port.protocol(), port.number()));
          }
        }
      }
      for (String name : names) {
        lookups.add(new Lookup(s, name));
      }
    }
  }

  private static void selectors(List<LabelSelector> selectors, String ns, Set<Endpoint> out) {
    if (selectors != null) {
      for (LabelSelector s : selectors) {
        Endpoint e = endpoint(s, ns);
        if (e != null) {
          out.add(e);
        }
      }
    }
  }

  /**
   * A pod (or reserved entity) the selector selects: each {@code matchLabels} pair, the first value
   * of each {@code In}, a value for each {@code Exists}; the namespace from its key or {@code ns}.
   */
  static Endpoint endpoint(LabelSelector selector, String ns) {
    Map<String, String> labels = new LinkedHashMap<>();
    Map<String, String> nsLabels = new LinkedHashMap<>();
    String namespace = ns;
    Map<String, String> pairs = new LinkedHashMap<>();
    if (selector.getMatchLabels() != null) {
      pairs.putAll(selector.getMatchLabels());
    }
    if (selector.getMatchExpressions() != null) {
      for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
        String op = r.getOperator() == null ? "" : r.getOperator();
        if (op.equals("In") && r.getValues() != null && !r.getValues().isEmpty()) {
          pairs.putIfAbsent(r.getKey(), r.getValues().get(0));
        } else if (op.equals("Exists")) {
          pairs.putIfAbsent(r.getKey(), "x");
        }
      }
    }
    for (Map.Entry<String, String> e : pairs.entrySet()) {
      String key = e.getKey();
      if (key.startsWith("k8s:") || key.startsWith("any:")) {
        key = key.substring(4);
      }
      if (key.startsWith("reserved:")) {
        String entity = key.substring("reserved:".length());
        return Endpoint.Entity.NAMES.contains(entity) ? new Endpoint.Entity(entity) : null;
      }
      if (key.contains(":")) {
        return null;
      }
      if (key.equals("io.kubernetes.pod.namespace")) {
        namespace = e.getValue();
      } else if (key.startsWith("io.cilium.k8s.namespace.labels.")) {
        nsLabels.put(key.substring("io.cilium.k8s.namespace.labels.".length()), e.getValue());
      } else if (!key.equals("io.cilium.k8s.policy.cluster")) {
        labels.put(key, e.getValue());
      }
    }
    if (namespace == null || namespace.isEmpty()) {
      namespace = nsLabels.getOrDefault("kubernetes.io/metadata.name", "default");
    }
    return new Endpoint.Pod(namespace, labels, nsLabels);
  }

  private static void cidrs(List<String> cidrs, List<CidrRule> sets, Set<Endpoint> out) {
    if (cidrs != null) {
      for (String c : cidrs) {
        inside(c, out);
      }
    }
    if (sets != null) {
      for (CidrRule r : sets) {
        if (r.cidr() != null) {
          inside(r.cidr(), out);
        }
        if (r.except() != null) {
          for (String c : r.except()) {
            inside(c, out);
          }
        }
      }
    }
  }

  /** The first host address of a prefix, and its last address. */
  private static void inside(String cidr, Set<Endpoint> out) {
    int slash = cidr.indexOf('/');
    try {
      byte[] a = InetAddress.getByName(slash < 0 ? cidr : cidr.substring(0, slash)).getAddress();
      int bits = slash < 0 ? a.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
      if (!Character.isDigit(cidr.charAt(0)) && !cidr.contains(":")) {
        return;
      }
      byte[] first = a.clone();
      byte[] last = a.clone();
      for (int i = bits; i < a.length * 8; i++) {
        first[i / 8] &= (byte) ~(0x80 >> (i % 8));
        last[i / 8] |= (byte) (0x80 >> (i % 8));
      }
      if (bits < a.length * 8 - 1) {
        first[first.length - 1] |= 1;
      }
      out.add(new Endpoint.Ip(InetAddress.getByAddress(first)));
      out.add(new Endpoint.Ip(InetAddress.getByAddress(last)));
    } catch (UnknownHostException | NumberFormatException | ArrayIndexOutOfBoundsException e) {
      // Not an address: the agent checks reject such a policy before it gets here.
    }
  }

  private static Endpoint ip(String literal) {
    try {
      return new Endpoint.Ip(InetAddress.getByName(literal));
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void entities(List<String> entities, Set<Endpoint> out) {
    if (entities != null) {
      for (String e : entities) {
        String name = e.toLowerCase(Locale.ROOT);
        if (Endpoint.Entity.NAMES.contains(name)) {
          out.add(new Endpoint.Entity(name));
        }
      }
    }
  }

  private static void ports(List<PortRule> rules, Set<Port> out, Set<String> names) {
    if (rules == null) {
      return;
    }
    for (PortRule r : rules) {
      if (r.rules() != null && r.rules().dns() != null) {
        for (FqdnSelector f : r.rules().dns()) {
          names.add(name(f));
        }
      }
      if (r.ports() == null) {
        continue;
      }
      for (PortProtocol p : r.ports()) {
        int low;
        try {
          low = Integer.parseInt(p.port());
        } catch (NumberFormatException e) {
          continue;
        }
        int high = p.endPort() == null ? low : Math.max(low, p.endPort());
        List<Protocol> protocols = protocols(p.protocol());
        for (Protocol proto : protocols) {
          for (int n : new int[] {low - 1, low, high, high + 1}) {
            if (n >= 1 && n <= 65535) {
              out.add(new Port(proto, n));
            }
          }
        }
      }
    }
  }

  private static List<Protocol> protocols(String protocol) {
    if (protocol == null || protocol.equalsIgnoreCase("ANY")) {
      return List.of(Protocol.TCP, Protocol.UDP, Protocol.SCTP);
    }
    return Protocol.parse(protocol).map(List::of).orElse(List.of());
  }

  /** A name that a {@code matchName} or {@code matchPattern} matches. */
  static String name(FqdnSelector f) {
    if (f.matchName() != null && !f.matchName().isEmpty()) {
      return f.matchName().toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
    }
    String pattern = f.matchPattern() == null ? "*" : f.matchPattern();
    if (pattern.equals("*") || pattern.equals("**")) {
      return PROBE + ".example.net";
    }
    return pattern
        .toLowerCase(Locale.ROOT)
        .replace("**", PROBE)
        .replace("*", PROBE)
        .replaceAll("\\.$", "");
  }
}
