package dev.cilia.driver;

import dev.cilia.cilium.Target;
import dev.cilia.eval.Side;
import dev.cilia.flows.FlowSet;
import dev.cilia.flows.ObservedFlow;
import dev.cilia.flows.Peer;
import dev.cilia.format.Formatter;
import dev.cilia.ir.Policy;
import dev.cilia.source.SourceFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * {@code ciliac suggest}: the {@code .cilia} policies that make every observed flow the policies
 * would drop pass, with least privilege (docs/flows.md), checked by compiling them with the
 * policies and replaying the same flows.
 */
public final class Suggest {
  private Suggest() {}

  /** Labels that name a workload, in order of preference. */
  static final List<String> WORKLOAD_KEYS =
      List.of("app.kubernetes.io/name", "app", "k8s-app", "name", "component");

  private static final Pattern LABEL_KEY =
      Pattern.compile(
          "([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?"
              + "[A-Za-z0-9]([-_.A-Za-z0-9]*[A-Za-z0-9])?");
  private static final Pattern LABEL_VALUE =
      Pattern.compile("[A-Za-z0-9]([-_.A-Za-z0-9]*[A-Za-z0-9])?");
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern FQDN = Pattern.compile("[a-z0-9_]([-a-z0-9_]*)(\\.[-a-z0-9_]+)*");

  /** Well-known ports and the preset that names them (LANGUAGE.md, Services). */
  private static final Map<String, String> PRESETS =
      Map.ofEntries(
          Map.entry("tcp/80", "http"),
          Map.entry("tcp/443", "https"),
          Map.entry("udp/123", "ntp"),
          Map.entry("tcp/1521", "oracle"),
          Map.entry("tcp/2484", "oracle-tls"),
          Map.entry("tcp/5432", "postgres"),
          Map.entry("tcp/3306", "mysql"),
          Map.entry("tcp/1433", "mssql"),
          Map.entry("tcp/6379", "redis"),
          Map.entry("tcp/27017", "mongodb"),
          Map.entry("tcp/9092", "kafka"),
          Map.entry("tcp/5672", "amqp"),
          Map.entry("tcp/25", "smtp"),
          Map.entry("tcp/587", "submission"),
          Map.entry("tcp/389", "ldap"),
          Map.entry("tcp/636", "ldaps"),
          Map.entry("tcp/22", "ssh"));

  /** The proposal: formatted {@code .cilia} text, the replay with it, and what was covered. */
  public record Result(
      String text,
      int needed,
      Replay.Result before,
      Optional<Replay.Result> after,
      boolean compiles,
      List<dev.cilia.diag.Diagnostic> diagnostics) {
    public Result {
      diagnostics = List.copyOf(diagnostics);
    }

    /** Whether the proposal compiles and makes replay drop nothing. */
    public boolean holds() {
      return compiles && after.map(a -> a.dropped() == 0).orElse(needed == 0);
    }
  }

  /** Compiles the policies (when there are any), replays, proposes, and checks the proposal. */
  public static Result run(
      Compilation.Options options, List<String> flows, InputStream stdin, Path scratch)
      throws InputError {
    FlowSet set = ObservedTraffic.read(flows, stdin);
    Optional<Compilation.Outcome> compiled = Optional.empty();
    if (!options.inputs().isEmpty()) {
      Compilation.Outcome outcome = Compilation.run(options);
      if (outcome.hasErrors()) {
        return new Result("", 0, emptyReplay(set), Optional.empty(), false, outcome.diagnostics());
      }
      compiled = Optional.of(outcome);
    }
    Replay.Result before =
        compiled.isPresent()
            ? Replay.replay(compiled.get(), set, options.cilium())
            : Replay.replay(empty(), set, options.cilium());
    Set<String> taken = new HashSet<>();
    compiled.ifPresent(
        c -> {
          for (Policy p : c.program().policies()) {
            taken.add((p.clusterwide() ? "" : p.namespace()) + "/" + p.name());
          }
        });
    List<Need> needs = needs(before, compiled.isPresent());
    if (needs.isEmpty()) {
      return new Result("", 0, before, Optional.empty(), true, List.of());
    }
    String text = format(propose(needs, before.target(), taken));
    // The proposal is checked as a file next to the policies: compiled with them, then replayed.
    Path file = scratch.resolve("suggested.cilia");
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new InputError("cannot write the proposal to " + file + ": " + Inputs.reason(e));
    }
    List<Path> inputs = new ArrayList<>(options.inputs());
    inputs.add(file);
    Compilation.Outcome withProposal =
        Compilation.run(
            new Compilation.Options(
                inputs, options.recursive(), Optional.empty(), options.cilium()));
    if (withProposal.hasErrors()) {
      return new Result(
          text, needs.size(), before, Optional.empty(), false, withProposal.diagnostics());
    }
    Replay.Result after = Replay.replay(withProposal, set, options.cilium());
    return new Result(text, needs.size(), before, Optional.of(after), true, List.of());
  }

  private static Replay.Result emptyReplay(FlowSet set) {
    return new Replay.Result(Target.NEWEST, set.counts(), set.problems(), List.of());
  }

  private static Compilation.Outcome empty() {
    return new Compilation.Outcome(
        List.of(),
        List.of(),
        new dev.cilia.ir.Program(List.of(), List.of()),
        List.of(),
        dev.cilia.verify.Prover.Result.NONE);
  }

  /** A flow that must pass: on the egress of its source or the ingress of its destination. */
  record Need(ObservedFlow flow, Side side, Optional<String> query) {}

  private static List<Need> needs(Replay.Result before, boolean havePolicies) {
    List<Need> out = new ArrayList<>();
    for (Replay.Judged j : before.judged()) {
      boolean needed =
          havePolicies
              ? j.change() == Replay.Change.DROPPED || j.change() == Replay.Change.REFUSED
              : j.flow().source() instanceof Peer.Workload && j.query().isEmpty();
      if (!needed) {
        continue;
      }
      List<Side> sides = j.decision().verdict().sides();
      Side side =
          havePolicies && sides.size() == 1 && sides.get(0) == Side.INGRESS
              ? Side.INGRESS
              : Side.EGRESS;
      out.add(new Need(j.flow(), side, j.query()));
    }
    return out;
  }

  /** The subject of a proposed policy: a workload and the direction it must allow. */
  private record Subject(
      String namespace, Optional<Map.Entry<String, String>> selector, Side side) {}

  private static String propose(List<Need> needs, Target target, Set<String> taken) {
    Map<Subject, List<Need>> bySubject = new LinkedHashMap<>();
    for (Need n : needs) {
      Peer subject = n.side() == Side.EGRESS ? n.flow().source() : n.flow().destination();
      if (!(subject instanceof Peer.Workload w)) {
        continue;
      }
      bySubject
          .computeIfAbsent(
              new Subject(w.namespace(), workloadLabel(w), n.side()), k -> new ArrayList<>())
          .add(n);
    }
    StringBuilder out = new StringBuilder();
    out.append("# Proposed by `ciliac suggest` from observed Hubble flows; review before use.\n");
    out.append("cilium ").append(target).append("\n");
    for (Map.Entry<Subject, List<Need>> e : bySubject.entrySet()) {
      Subject s = e.getKey();
      String base =
          s.selector().map(l -> dnsLabel(l.getValue())).orElse(dnsLabel(s.namespace()))
              + "-observed-"
              + s.side().word();
      String name = base;
      for (int i = 2; taken.contains(s.namespace() + "/" + name); i++) {
        name = base + "-" + i;
      }
      taken.add(s.namespace() + "/" + name);
      out.append("\npolicy ")
          .append(name)
          .append(" in namespace ")
          .append(s.namespace())
          .append(" {\n");
      s.selector()
          .ifPresent(
              l ->
                  out.append("  select ")
                      .append(l.getKey())
                      .append('=')
                      .append(l.getValue())
                      .append('\n'));
      out.append("  enforce ").append(s.side().word()).append("\n\n");
      for (String statement : statements(s, e.getValue())) {
        out.append("  ").append(statement).append('\n');
      }
      out.append("}\n");
    }
    return out.toString();
  }

  /** {@code allow SERVICES to PEER} per peer; FQDNs that share a parent become one pattern. */
  private static List<String> statements(Subject s, List<Need> needs) {
    Map<String, TreeSet<String>> ports = new LinkedHashMap<>();
    Map<String, TreeSet<String>> byName = new TreeMap<>();
    Set<String> queries = new TreeSet<>();
    boolean dns = false;
    for (Need n : needs) {
      if (n.query().isPresent()) {
        queries.add(n.query().get());
        continue;
      }
      Peer peer = s.side() == Side.EGRESS ? n.flow().destination() : n.flow().source();
      String service = n.flow().protocol() + "/" + n.flow().port();
      if (s.side() == Side.EGRESS && !n.flow().dnsQueries().isEmpty()) {
        dns = true;
      }
      if (peer instanceof Peer.World w && !w.names().isEmpty() && s.side() == Side.EGRESS) {
        String name = w.names().get(0);
        byName.computeIfAbsent(name, k -> new TreeSet<>()).add(service);
        continue;
      }
      ports.computeIfAbsent(peerText(peer, s), k -> new TreeSet<>()).add(service);
    }
    // Names under one parent with the same services become `fqdn "*.parent"` (several names only).
    Map<String, List<String>> byParent = new TreeMap<>();
    for (String name : byName.keySet()) {
      int dot = name.indexOf('.');
      String parent = dot > 0 ? name.substring(dot + 1) : "";
      byParent
          .computeIfAbsent(
              parent.contains(".") ? parent + "|" + byName.get(name) : "|" + name,
              k -> new ArrayList<>())
          .add(name);
    }
    for (Map.Entry<String, List<String>> e : byParent.entrySet()) {
      List<String> names = e.getValue();
      String parent = e.getKey().substring(0, e.getKey().indexOf('|'));
      TreeSet<String> services = new TreeSet<>();
      names.forEach(n -> services.addAll(byName.get(n)));
      if (names.size() > 1 && !parent.isEmpty()) {
        ports.computeIfAbsent("fqdn \"*." + parent + "\"", k -> new TreeSet<>()).addAll(services);
      } else {
        for (String n : names) {
          if (FQDN.matcher(n).matches()) {
            ports.computeIfAbsent("fqdn \"" + n + "\"", k -> new TreeSet<>()).addAll(byName.get(n));
          }
        }
      }
    }
    List<String> out = new ArrayList<>();
    if (dns || !queries.isEmpty()) {
      // `observe dns` allows DNS to the resolver itself; an allow for it would repeat that.
      out.add("observe dns \"*\"");
      TreeSet<String> resolver = ports.get("pods k8s-app=kube-dns in namespace kube-system");
      if (resolver != null) {
        resolver.removeAll(List.of("udp/53", "tcp/53"));
        if (resolver.isEmpty()) {
          ports.remove("pods k8s-app=kube-dns in namespace kube-system");
        }
      }
    }
    String word = s.side() == Side.EGRESS ? " to " : " from ";
    ports.forEach(
        (peer, services) -> {
          if (services.stream().anyMatch(x -> x.startsWith("icmp"))) {
            // Cilia has no ICMP service: only an allow without a service lets echo requests by.
            out.add("# ICMP echo was seen: Cilia has no ICMP service, so this allows every port");
            out.add("allow" + word + peer);
          } else {
            out.add("allow " + services(services) + word + peer);
          }
        });
    return out;
  }

  /** Presets for well-known ports, {@code ftp passive L-H} for FTP with its data ports. */
  static String services(Set<String> services) {
    List<String> presets = new ArrayList<>();
    Map<String, List<Integer>> rest = new TreeMap<>();
    boolean ftp = services.contains("tcp/21");
    List<Integer> data = new ArrayList<>();
    for (String s : services) {
      String protocol = s.substring(0, s.indexOf('/'));
      int port = Integer.parseInt(s.substring(s.indexOf('/') + 1));
      if (ftp && protocol.equals("tcp") && port >= 1024 && !PRESETS.containsKey(s)) {
        data.add(port);
        continue;
      }
      if (ftp && s.equals("tcp/21")) {
        continue;
      }
      String preset = PRESETS.get(s);
      if (preset != null) {
        presets.add(preset);
      } else {
        rest.computeIfAbsent(protocol.equals("icmpv6") ? "icmp" : protocol, k -> new ArrayList<>())
            .add(port);
      }
    }
    if (ftp) {
      if (data.isEmpty()) {
        rest.computeIfAbsent("tcp", k -> new ArrayList<>()).add(0, 21);
      } else {
        int low = data.stream().min(Integer::compare).get();
        int high = data.stream().max(Integer::compare).get();
        presets.add(0, "ftp passive " + low + (high > low ? "-" + high : "-" + high));
      }
    }
    List<String> parts = new ArrayList<>(presets);
    rest.forEach(
        (protocol, list) -> {
          list.sort(Integer::compare);
          StringBuilder b = new StringBuilder(protocol);
          for (int i = 0; i < list.size(); i++) {
            b.append(i == 0 ? " " : ", ").append(list.get(i));
          }
          parts.add(b.toString());
        });
    return String.join(", ", parts);
  }

  private static String peerText(Peer peer, Subject s) {
    if (peer instanceof Peer.Workload w) {
      Optional<Map.Entry<String, String>> label = workloadLabel(w);
      if (label.isEmpty()) {
        return "namespace " + w.namespace();
      }
      String pods = "pods " + label.get().getKey() + "=" + label.get().getValue();
      return w.namespace().equals(s.namespace()) ? pods : pods + " in namespace " + w.namespace();
    }
    if (peer instanceof Peer.Entity e) {
      return switch (e.name()) {
        case "host", "remote-node", "kube-apiserver" -> e.name();
        default -> "entity " + e.name();
      };
    }
    if (peer instanceof Peer.World w) {
      return "ip " + w.address();
    }
    throw new AssertionError(peer);
  }

  /** The first stable workload label of a pod that Cilia can write. */
  static Optional<Map.Entry<String, String>> workloadLabel(Peer.Workload w) {
    for (String key : WORKLOAD_KEYS) {
      String value = w.labels().get(key);
      if (value != null
          && LABEL_KEY.matcher(key).matches()
          && value.length() <= 63
          && LABEL_VALUE.matcher(value).matches()) {
        return Optional.of(Map.entry(key, value));
      }
    }
    return Optional.empty();
  }

  private static String dnsLabel(String text) {
    String s = text.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]+", "-");
    s = s.replaceAll("^-+|-+$", "");
    if (s.length() > 40) {
      s = s.substring(0, 40).replaceAll("-+$", "");
    }
    return s.isEmpty() || !DNS_LABEL.matcher(s).matches() ? "workload" : s;
  }

  private static String format(String text) {
    Formatter.Result r = Formatter.format(SourceFile.of("suggested.cilia", text));
    return r.text().orElse(text);
  }
}
