package dev.cilia.driver;

import dev.cilia.cilium.Target;
import dev.cilia.diag.Code;
import dev.cilia.diag.Diagnostic;
import dev.cilia.diag.JsonOutput;
import dev.cilia.eval.Endpoint;
import dev.cilia.eval.Protocol;
import dev.cilia.eval.Verdict;
import dev.cilia.flows.FlowSet;
import dev.cilia.flows.ObservedFlow;
import dev.cilia.flows.Peer;
import dev.cilia.source.SourceFile;
import dev.cilia.source.Span;
import dev.cilia.verify.FlowVerdicts;
import dev.cilia.verify.Trace;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code ciliac replay}: compiles the policies, reads Hubble flows, and decides every distinct
 * observed flow over the emitted documents (docs/flows.md).
 */
public final class Replay {
  private Replay() {}

  private static final String HINT =
      "run `ciliac suggest` with the same flows for the statements that keep it";

  /** What a flow's verdict means for the rollout. */
  public enum Change {
    /** Passes, as Hubble saw it. */
    UNCHANGED,
    /** Would be dropped by the policies. */
    DROPPED,
    /** A DNS lookup on the flow would be refused by the DNS proxy. */
    REFUSED,
    /** Hubble saw it dropped by policy; it would now pass. */
    NOW_ALLOWED,
    /** Passes, but through the L7 proxy where Hubble saw it unproxied, or the reverse. */
    VISIBILITY,
    /** The evaluator cannot tell (CILIUM-POLICY.md leaves the case unconfirmed). */
    UNKNOWN
  }

  /** One distinct observed flow and its verdict; {@code query} is set for a refused lookup. */
  public record Judged(
      ObservedFlow flow, FlowVerdicts.Decision decision, Change change, Optional<String> query) {}

  /** The flows of one source and destination that share a change. */
  public record Group(String source, String destination, Change change, List<Judged> flows) {
    public Group {
      flows = List.copyOf(flows);
    }
  }

  /** A replay: the flows read, each decision, and the groups to report. */
  public record Result(
      Target target, FlowSet.Counts counts, List<FlowSet.Problem> problems, List<Judged> judged) {
    public Result {
      problems = List.copyOf(problems);
      judged = List.copyOf(judged);
    }

    /** Distinct observed flows. */
    public int flows() {
      return (int) judged.stream().filter(j -> j.query().isEmpty()).count();
    }

    /** Distinct flows (and lookups) that would be dropped or refused. */
    public int dropped() {
      return (int)
          judged.stream()
              .filter(j -> j.change() == Change.DROPPED || j.change() == Change.REFUSED)
              .count();
    }

    public List<Group> groups(Change change) {
      Map<List<String>, List<Judged>> by = new LinkedHashMap<>();
      for (Judged j : judged) {
        if (j.change() == change) {
          by.computeIfAbsent(
                  List.of(peer(j.flow().source()), peer(j.flow().destination())),
                  k -> new ArrayList<>())
              .add(j);
        }
      }
      List<Group> out = new ArrayList<>();
      by.forEach((k, v) -> out.add(new Group(k.get(0), k.get(1), change, v)));
      return out;
    }

    /** The report: drops grouped with their rules, other changes, then the summary line. */
    public String text() {
      StringBuilder out = new StringBuilder();
      List<Group> dropped = new ArrayList<>(groups(Change.DROPPED));
      dropped.addAll(groups(Change.REFUSED));
      if (!dropped.isEmpty()) {
        out.append("would be dropped:\n");
        for (Group g : dropped) {
          out.append('\n').append("  ").append(g.source()).append(" -> ").append(g.destination());
          out.append('\n').append("    ").append(items(g)).append('\n');
          FlowVerdicts.Decision first = g.flows().get(0).decision();
          out.append("    ")
              .append(first.verdict().kind())
              .append(' ')
              .append(sides(first.verdict()))
              .append(": ")
              .append(first.verdict().reason())
              .append('\n');
          out.append(FlowVerdicts.rules(first, "    "));
        }
        out.append('\n');
      }
      section(out, "allowed now, dropped when Hubble saw them:", groups(Change.NOW_ALLOWED));
      section(out, "L7 visibility would change:", groups(Change.VISIBILITY));
      section(out, "undecided (the evaluator cannot tell):", groups(Change.UNKNOWN));
      out.append(flows())
          .append(flows() == 1 ? " flow, " : " flows, ")
          .append(dropped())
          .append(" would be dropped\n");
      return out.toString();
    }

    /** One line about what was read, for stderr. */
    public String summary() {
      FlowSet.Counts c = counts;
      StringBuilder out = new StringBuilder();
      out.append("read ")
          .append(c.records())
          .append(c.records() == 1 ? " flow record" : " flow records")
          .append(": ")
          .append(c.flows())
          .append(" of new connections (")
          .append(flows())
          .append(" distinct); left out ")
          .append(c.replies())
          .append(" replies, ")
          .append(c.notInitiating())
          .append(" other packets, ")
          .append(c.unidentified())
          .append(" with unidentified endpoints, ")
          .append(c.withoutPorts())
          .append(" without ports");
      c.nonFlow()
          .forEach((k, v) -> out.append(", ").append(v).append(' ').append(k).append(" records"));
      if (c.junk() > 0) {
        out.append(", ").append(c.junk()).append(c.junk() == 1 ? " junk line" : " junk lines");
      }
      return out.append('\n').toString();
    }

    /** Junk lines and overflow, as {@code file:line: warning[CIL0601]: …} lines. */
    public String problemsText() {
      StringBuilder out = new StringBuilder();
      for (FlowSet.Problem p : problems) {
        out.append(p.input())
            .append(':')
            .append(p.line())
            .append(": warning[CIL0601]: line that is not a Hubble record: ")
            .append(p.message())
            .append('\n');
      }
      if (counts.junk() > problems.size()) {
        out.append("… and ").append(counts.junk() - problems.size()).append(" more junk lines\n");
      }
      if (counts.overflow() > 0) {
        out.append("warning[CIL0609]: more than ")
            .append(FlowSet.MAX_FLOWS)
            .append(" distinct flows: ")
            .append(counts.overflow())
            .append(" records of further flows were not replayed\n");
      }
      if (flows() == 0) {
        out.append(
            "error[CIL0602]: the flow files hold no flow of a new connection between known"
                + " endpoints, so there is nothing to replay\n");
      }
      return out.toString();
    }

    /** One JSON document. */
    public String json() {
      ObjectNode doc = JsonOutput.object();
      doc.put("target", target.toString());
      doc.put("flows", flows());
      doc.put("wouldBeDropped", dropped());
      ObjectNode read = doc.putObject("read");
      read.put("records", counts.records());
      read.put("newConnections", counts.flows());
      read.put("replies", counts.replies());
      read.put("otherPackets", counts.notInitiating());
      read.put("unidentified", counts.unidentified());
      read.put("withoutPorts", counts.withoutPorts());
      read.put("overflow", counts.overflow());
      read.put("junk", counts.junk());
      ObjectNode other = read.putObject("otherRecords");
      counts.nonFlow().forEach(other::put);
      ArrayNode problemList = doc.putArray("problems");
      for (FlowSet.Problem p : problems) {
        ObjectNode n = problemList.addObject();
        n.put("code", Code.CIL0601.name());
        n.put("input", p.input());
        n.put("line", p.line());
        n.put("message", p.message());
      }
      ArrayNode list = doc.putArray("decisions");
      for (Judged j : judged) {
        ObjectNode n = list.addObject();
        n.put("change", j.change().name());
        n.put("source", peer(j.flow().source()));
        n.put("destination", peer(j.flow().destination()));
        if (j.flow().destination() instanceof Peer.World w) {
          n.put("address", w.address());
        }
        n.put("protocol", j.flow().protocol());
        n.put("port", j.flow().port());
        j.query().ifPresent(q -> n.put("dnsQuery", q));
        n.put("records", j.flow().records());
        ObjectNode seen = n.putObject("hubble");
        seen.put("forwarded", j.flow().forwarded());
        seen.put("policyDropped", j.flow().policyDropped());
        seen.put("audited", j.flow().audited());
        seen.put("proxied", j.flow().proxied());
        n.set("result", FlowVerdicts.json(j.decision()));
      }
      return JsonOutput.write(doc);
    }

    /** Each drop group as a diagnostic at the statement or policy that decided it (SARIF). */
    public List<Diagnostic> diagnostics() {
      List<Diagnostic> out = new ArrayList<>();
      List<Group> groups = new ArrayList<>(groups(Change.DROPPED));
      groups.addAll(groups(Change.REFUSED));
      groups.addAll(groups(Change.NOW_ALLOWED));
      groups.addAll(groups(Change.VISIBILITY));
      groups.addAll(groups(Change.UNKNOWN));
      for (Group g : groups) {
        FlowVerdicts.Decision first = g.flows().get(0).decision();
        Span at = null;
        for (Trace t : first.traces()) {
          if (t.origin().isPresent()) {
            at = t.origin().get();
            break;
          }
        }
        if (at == null) {
          at = Span.startOf(SourceFile.of("<flows>", ""));
        }
        String what = "observed " + items(g) + " from " + g.source() + " to " + g.destination();
        Judged j = g.flows().get(0);
        out.add(
            switch (g.change()) {
              case REFUSED -> Diagnostic.of(Code.CIL0607, at, what + " would be refused", HINT);
              case NOW_ALLOWED ->
                  Diagnostic.of(Code.CIL0604, at, what + " would now pass; Hubble saw it dropped");
              case VISIBILITY ->
                  Diagnostic.of(
                      Code.CIL0605,
                      at,
                      what
                          + (j.decision().verdict().visible()
                              ? " would now go through the L7 proxy"
                              : " would no longer go through the L7 proxy"));
              case UNKNOWN ->
                  Diagnostic.of(
                      Code.CIL0606,
                      at,
                      what
                          + ": the verdict is not known ("
                          + j.decision().verdict().reason()
                          + ")");
              default -> Diagnostic.of(Code.CIL0603, at, what + " would be dropped", HINT);
            });
      }
      return out;
    }

    private static void section(StringBuilder out, String title, List<Group> groups) {
      if (groups.isEmpty()) {
        return;
      }
      out.append(title).append('\n');
      for (Group g : groups) {
        out.append("  ")
            .append(g.source())
            .append(" -> ")
            .append(g.destination())
            .append(": ")
            .append(items(g));
        Judged first = g.flows().get(0);
        if (g.change() == Change.VISIBILITY) {
          out.append(
              first.decision().verdict().visible()
                  ? " (now proxied; Hubble saw it unproxied)"
                  : " (no longer proxied; Hubble saw it proxied)");
        } else if (g.change() == Change.UNKNOWN) {
          out.append(" (").append(first.decision().verdict().reason()).append(')');
        }
        out.append('\n');
      }
      out.append('\n');
    }

    /** {@code tcp/21 (3 records), tcp/30017 (1 record)}. */
    static String items(Group g) {
      Set<String> parts = new LinkedHashSet<>();
      for (Judged j : g.flows()) {
        String what =
            j.query().isPresent()
                ? "dns lookup of `" + j.query().get() + "`"
                : j.flow().protocol() + "/" + j.flow().port();
        if (j.flow().destination() instanceof Peer.World w && !w.names().isEmpty()) {
          what += " to " + w.address();
        }
        parts.add(
            what
                + " ("
                + j.flow().records()
                + (j.flow().records() == 1 ? " record)" : " records)"));
      }
      return String.join(", ", parts);
    }

    private static String sides(Verdict v) {
      return String.join("+", v.sides().stream().map(s -> s.word()).toList());
    }
  }

  /** {@code default/app=billing}, {@code kube-apiserver}, {@code ip 10.0.0.1}, or the names. */
  static String peer(Peer p) {
    if (p instanceof Peer.World w) {
      return w.names().isEmpty() ? "ip " + w.address() : String.join(", ", w.names());
    }
    if (p instanceof Peer.Workload w) {
      // The workload label reads best; the other labels only when there is none.
      return Suggest.workloadLabel(w)
          .map(l -> w.namespace() + "/" + l.getKey() + "=" + l.getValue())
          .orElse(w.toString());
    }
    return p.toString();
  }

  /** Compiles and replays. */
  public static Outcome run(Compilation.Options options, List<String> flows, InputStream stdin)
      throws InputError {
    FlowSet set = ObservedTraffic.read(flows, stdin);
    Compilation.Outcome compiled = Compilation.run(options);
    if (compiled.hasErrors()) {
      return new Outcome(compiled, Optional.empty());
    }
    return new Outcome(compiled, Optional.of(replay(compiled, set, options.cilium())));
  }

  /**
   * Reads flow files and replays them over an existing compilation ({@code ciliac test --flows},
   * the Maven {@code test} goal).
   */
  public static Result over(
      Compilation.Outcome compiled, List<String> flows, InputStream stdin, Optional<Target> cilium)
      throws InputError {
    return replay(compiled, ObservedTraffic.read(flows, stdin), cilium);
  }

  /** The compilation and, when it had no errors, the replay. */
  public record Outcome(Compilation.Outcome compilation, Optional<Result> result) {}

  /** Replays the flows of {@code set} over what {@code compiled} emitted. */
  public static Result replay(Compilation.Outcome compiled, FlowSet set, Optional<Target> cilium)
      throws InputError {
    FlowVerdicts verdicts;
    try {
      verdicts = FlowVerdicts.of(compiled.documents(), cilium.orElse(Target.NEWEST));
    } catch (IllegalArgumentException e) {
      throw new InputError(e.getMessage());
    }
    try {
      List<Judged> judged = new ArrayList<>();
      for (ObservedFlow f : set.flows()) {
        judge(verdicts, f, judged);
      }
      return new Result(verdicts.target(), set.counts(), set.problems(), judged);
    } catch (RuntimeException | StackOverflowError e) {
      throw new InternalCompilerError("replay", "the observed flows", e);
    }
  }

  private static void judge(FlowVerdicts verdicts, ObservedFlow f, List<Judged> out) {
    List<Endpoint> sources = ObservedTraffic.endpoints(f.source());
    List<Endpoint> destinations = ObservedTraffic.endpoints(f.destination());
    if (sources.isEmpty() || destinations.isEmpty()) {
      return;
    }
    Protocol protocol = ObservedTraffic.protocol(f);
    Endpoint source = sources.get(0);
    // A world address is known by its CIDR and by every name Hubble saw for it: it passes when
    // one of them does (the identity carries all those labels).
    FlowVerdicts.Decision chosen = null;
    FlowVerdicts.Decision unknown = null;
    for (Endpoint d : destinations) {
      FlowVerdicts.Decision decision = verdicts.decide(source, d, protocol, f.port());
      if (decision.verdict().passes()) {
        chosen = decision;
        break;
      }
      if (decision.verdict().kind() == Verdict.Kind.UNKNOWN && unknown == null) {
        unknown = decision;
      }
      if (chosen == null && !(d instanceof Endpoint.Fqdn)) {
        chosen = decision;
      }
    }
    if (chosen == null || (!chosen.verdict().passes() && unknown != null)) {
      chosen =
          unknown != null
              ? unknown
              : verdicts.decide(source, destinations.get(0), protocol, f.port());
    }
    out.add(new Judged(f, chosen, change(f, chosen.verdict()), Optional.empty()));
    if (source instanceof Endpoint.Pod pod && chosen.verdict().passes()) {
      for (String q : f.dnsQueries()) {
        FlowVerdicts.Decision lookup = verdicts.dnsLookup(pod, q);
        Verdict.Kind k = lookup.verdict().kind();
        if (k == Verdict.Kind.REFUSED || k.drops()) {
          out.add(new Judged(f, lookup, Change.REFUSED, Optional.of(q)));
        }
      }
    }
  }

  private static Change change(ObservedFlow f, Verdict v) {
    if (v.kind() == Verdict.Kind.UNKNOWN) {
      return Change.UNKNOWN;
    }
    if (v.drops()) {
      return Change.DROPPED;
    }
    if (f.policyDropped() > 0 && f.forwarded() == 0) {
      return Change.NOW_ALLOWED;
    }
    if (f.forwarded() > 0 && f.proxied() != v.visible()) {
      return Change.VISIBILITY;
    }
    return Change.UNCHANGED;
  }
}
