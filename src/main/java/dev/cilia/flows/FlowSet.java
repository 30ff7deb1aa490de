package dev.cilia.flows;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The distinct flows of one or more Hubble inputs, normalised (docs/flows.md): replies and packets
 * that do not open a connection are left out, endpoints keep their stable labels, DNS answers name
 * the addresses of later flows, and duplicates collapse with a count. Memory grows with the number
 * of distinct flows (at most {@link #MAX_FLOWS}), never with the size of the input.
 */
public final class FlowSet {
  /** Distinct flows kept; records of further new flows are counted, not kept. */
  public static final int MAX_FLOWS = 200_000;

  /** Junk lines reported by line number; further ones are counted only. */
  public static final int MAX_PROBLEMS = 100;

  /** DNS names remembered per run (address → names), most recent first. */
  static final int MAX_ADDRESSES = 100_000;

  static final int MAX_QUERIES_PER_FLOW = 16;

  /** A line of an input that is not a Hubble record. */
  public record Problem(String input, long line, String message) {}

  /** What was read: records by kind, and why records were left out. */
  public record Counts(
      long records,
      long flows,
      long replies,
      long notInitiating,
      long unidentified,
      long withoutPorts,
      long overflow,
      long junk,
      Map<String, Long> nonFlow) {
    public Counts {
      nonFlow = Collections.unmodifiableMap(new TreeMap<>(nonFlow));
    }
  }

  private final Map<Key, Aggregate> flows = new LinkedHashMap<>();
  private final Map<String, Set<String>> names =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Set<String>> eldest) {
          return size() > MAX_ADDRESSES;
        }
      };
  private final List<Problem> problems = new ArrayList<>();
  private final Map<String, Long> nonFlow = new HashMap<>();
  private final Map<List<String>, Peer> peers = new HashMap<>();
  private long records;
  private long kept;
  private long replies;
  private long notInitiating;
  private long unidentified;
  private long withoutPorts;
  private long overflow;
  private long junk;

  /** Reads one input (plain or gzip); {@code input} is how problems name it. */
  public void read(String input, InputStream in) throws IOException {
    new FlowReader(
            new FlowReader.Sink() {
              @Override
              public void record(HubbleRecord r, long line) {
                accept(r, input, line);
              }

              @Override
              public void junk(long line, String why) {
                problem(input, line, why);
              }

              @Override
              public void skipped(boolean reply) {
                records++;
                if (reply) {
                  replies++;
                } else {
                  notInitiating++;
                }
              }
            })
        .read(in);
  }

  /** The distinct flows in order of first appearance. */
  public List<ObservedFlow> flows() {
    List<ObservedFlow> out = new ArrayList<>(flows.size());
    for (Map.Entry<Key, Aggregate> e : flows.entrySet()) {
      Key k = e.getKey();
      Aggregate a = e.getValue();
      out.add(
          new ObservedFlow(
              k.source,
              k.destination,
              k.protocol,
              k.port,
              a.records,
              a.forwarded,
              a.policyDropped,
              a.audited,
              a.proxied,
              a.deniedBy,
              new ArrayList<>(a.queries)));
    }
    return out;
  }

  /** Junk lines, at most {@link #MAX_PROBLEMS}; {@link Counts#junk()} has them all. */
  public List<Problem> problems() {
    return List.copyOf(problems);
  }

  public Counts counts() {
    return new Counts(
        records, kept, replies, notInitiating, unidentified, withoutPorts, overflow, junk, nonFlow);
  }

  private void problem(String input, long line, String why) {
    junk++;
    if (problems.size() < MAX_PROBLEMS) {
      problems.add(new Problem(input, line, why));
    }
  }

  private void accept(HubbleRecord r, String input, long line) {
    if (r.nonFlow != null) {
      nonFlow.merge(r.nonFlow, 1L, Long::sum);
      return;
    }
    if (!r.flowFields) {
      problem(input, line, "a JSON object that is not a Hubble record");
      return;
    }
    records++;
    learnNames(r);
    boolean replyPacket = r.isReply != null ? r.isReply : r.reply;
    if (replyPacket || "RESPONSE".equals(r.l7Type)) {
      replies++;
      return;
    }
    if (r.protocol == null) {
      withoutPorts++;
      return;
    }
    int port;
    if (r.protocol.equals("icmp") || r.protocol.equals("icmpv6")) {
      // Echo requests open an exchange; other ICMP types are replies or errors (§3.7).
      if (r.icmpType != (r.protocol.equals("icmp") ? 8 : 128)) {
        notInitiating++;
        return;
      }
      port = r.icmpType;
    } else {
      if (r.flags && (!r.syn || r.ack)) {
        notInitiating++;
        return;
      }
      port = r.destinationPort;
      if (port == 0) {
        withoutPorts++;
        return;
      }
    }
    Peer source = peer(r.source, r.sourceIp, r.sourceNames);
    Peer destination = peer(r.destination, r.destinationIp, r.destinationNames);
    if (source == null || destination == null) {
      unidentified++;
      return;
    }
    Key key = new Key(source, destination, r.protocol, port);
    Aggregate a = flows.get(key);
    if (a == null) {
      if (flows.size() >= MAX_FLOWS) {
        overflow++;
        return;
      }
      a = new Aggregate();
      flows.put(key, a);
    }
    kept++;
    a.records++;
    String verdict = r.verdict == null ? "" : r.verdict;
    switch (verdict) {
      case "FORWARDED", "REDIRECTED", "TRACED", "TRANSLATED" -> a.forwarded++;
      case "DROPPED" -> {
        if (r.dropReason == null
            || r.dropReason.equals("POLICY_DENIED")
            || r.dropReason.equals("POLICY_DENY")) {
          a.policyDropped++;
        }
      }
      case "AUDIT" -> a.audited++;
      default -> {}
    }
    if (verdict.equals("REDIRECTED") || r.l7Kind != null || "L7".equals(r.type)) {
      a.proxied = true;
    }
    for (String d : r.deniedBy) {
      if (a.deniedBy.size() < 16) {
        a.deniedBy.add(d);
      }
    }
    if (r.dnsQuery != null && a.queries.size() < MAX_QUERIES_PER_FLOW) {
      String q = dnsName(r.dnsQuery);
      if (!q.isEmpty()) {
        a.queries.add(q);
      }
    }
  }

  /** DNS answers (and names Hubble attached to addresses) name later flows to those addresses. */
  private void learnNames(HubbleRecord r) {
    if (r.dnsQuery != null && !r.dnsIps.isEmpty()) {
      String q = dnsName(r.dnsQuery);
      if (!q.isEmpty()) {
        for (String ip : r.dnsIps) {
          remember(ip, q);
        }
      }
    }
    if (r.destinationIp != null) {
      for (String n : r.destinationNames) {
        remember(r.destinationIp, dnsName(n));
      }
    }
  }

  private void remember(String ip, String name) {
    if (name.isEmpty() || !Addresses.isLiteral(ip)) {
      return;
    }
    Set<String> known = names.computeIfAbsent(ip, k -> new TreeSet<>());
    if (known.size() < 8) {
      known.add(name);
    }
  }

  static String dnsName(String name) {
    String n = name.strip().toLowerCase(java.util.Locale.ROOT);
    return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
  }

  /** The peer an endpoint stands for, or null when its labels do not say (masked, unknown). */
  private Peer peer(HubbleRecord.End end, String ip, List<String> ownNames) {
    List<String> cacheKey = new ArrayList<>(end.labels.size() + 1);
    cacheKey.add(end.namespace == null ? "" : end.namespace);
    cacheKey.addAll(end.labels);
    Peer cached = peers.get(cacheKey);
    if (cached != null) {
      return cached;
    }
    Peer p = uncached(end, ip, ownNames);
    if ((p instanceof Peer.Workload || p instanceof Peer.Entity) && peers.size() < MAX_FLOWS) {
      peers.put(cacheKey, p);
    }
    return p;
  }

  private Peer uncached(HubbleRecord.End end, String ip, List<String> ownNames) {
    String reserved = null;
    String namespace = end.namespace == null || end.namespace.isEmpty() ? null : end.namespace;
    TreeMap<String, String> labels = null;
    TreeMap<String, String> namespaceLabels = null;
    for (String label : end.labels) {
      int colon = label.indexOf(':');
      String source = colon < 0 ? "" : label.substring(0, colon);
      String rest = label.substring(colon + 1);
      if (source.equals("reserved")) {
        reserved = strongest(reserved, rest);
        continue;
      }
      if (!source.equals("k8s")) {
        continue;
      }
      int eq = rest.indexOf('=');
      String k = eq < 0 ? rest : rest.substring(0, eq);
      String v = eq < 0 ? "" : rest.substring(eq + 1);
      if (k.equals("io.kubernetes.pod.namespace")) {
        namespace = namespace == null ? v : namespace;
      } else if (k.startsWith("io.cilium.k8s.namespace.labels.")) {
        if (namespaceLabels == null) {
          namespaceLabels = new TreeMap<>();
        }
        namespaceLabels.put(k.substring("io.cilium.k8s.namespace.labels.".length()), v);
      } else if (!Peer.volatileLabel(k)) {
        if (labels == null) {
          labels = new TreeMap<>();
        }
        labels.put(k, v);
      }
    }
    if (reserved != null && !reserved.startsWith("world")) {
      return entity(reserved);
    }
    if (reserved != null) {
      if (ip == null || !Addresses.isLiteral(ip)) {
        return null;
      }
      List<String> n = new ArrayList<>();
      for (String own : ownNames) {
        String d = dnsName(own);
        if (!d.isEmpty() && !n.contains(d)) {
          n.add(d);
        }
      }
      if (n.isEmpty()) {
        Set<String> known = names.get(ip);
        if (known != null) {
          n.addAll(known);
        }
      }
      Collections.sort(n);
      return new Peer.World(Addresses.canonical(ip), n);
    }
    if (namespace == null) {
      return null;
    }
    return new Peer.Workload(
        namespace,
        labels == null ? new TreeMap<>() : labels,
        namespaceLabels == null ? new TreeMap<>() : namespaceLabels);
  }

  /** kube-apiserver wins over host and remote-node, which it may carry too (§3.12b). */
  private static String strongest(String current, String next) {
    if (current == null) {
      return next;
    }
    return rank(next) < rank(current) ? next : current;
  }

  private static int rank(String reserved) {
    return switch (reserved) {
      case "kube-apiserver" -> 0;
      case "host" -> 1;
      case "remote-node" -> 2;
      case "health" -> 3;
      case "ingress" -> 4;
      case "init" -> 5;
      case "unmanaged" -> 6;
      default -> 7;
    };
  }

  private Peer entity(String name) {
    return switch (name) {
      case "kube-apiserver", "host", "remote-node", "health", "ingress", "init", "unmanaged" ->
          new Peer.Entity(name);
      default -> null;
    };
  }

  private record Key(Peer source, Peer destination, String protocol, int port) {}

  private static final class Aggregate {
    long records;
    long forwarded;
    long policyDropped;
    long audited;
    boolean proxied;
    final Set<String> deniedBy = new LinkedHashSet<>();
    final Set<String> queries = new LinkedHashSet<>();
  }
}
