package dev.cilia.verify;

import dev.cilia.cilium.Entities;
import dev.cilia.diag.Code;
import dev.cilia.diag.Diagnostic;
import dev.cilia.diag.Related;
import dev.cilia.diag.Work;
import dev.cilia.emit.Emitted;
import dev.cilia.eval.Endpoint;
import dev.cilia.eval.Evaluator;
import dev.cilia.eval.Flow;
import dev.cilia.eval.LabelFilter;
import dev.cilia.eval.Protocol;
import dev.cilia.eval.RuleRef;
import dev.cilia.eval.Side;
import dev.cilia.eval.Verdict;
import dev.cilia.ir.Action;
import dev.cilia.ir.IpPrefix;
import dev.cilia.ir.Peer;
import dev.cilia.ir.Policy;
import dev.cilia.ir.Service;
import dev.cilia.ir.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Translation validation on every compile (LANGUAGE.md guarantees 1, 3 and 4): asks the evaluator,
 * over the emitted YAML of every policy compiled for the same target, whether each {@code allow}
 * and {@code observe} passes for a representative endpoint of the policy, whether observed traffic
 * is visible, and whether under {@code enforce} a sample of undeclared flows is dropped.
 *
 * <p>A policy answers for its own side of a flow: its egress for {@code to}, its ingress for {@code
 * from}. The other end's policies answer for the other side (docs/proof.md).
 */
public final class Prover {
  /** An address outside every private range, for flows no statement declares (RFC 5737). */
  static final String UNDECLARED_ADDRESS = "203.0.113.250";

  /** A second outside address, for statements with no peer (RFC 5737). */
  static final String ANY_ADDRESS = "192.0.2.80";

  private static final List<Representatives.Probe> UNDECLARED_PORTS =
      List.of(
          new Representatives.Probe(Protocol.TCP, 1),
          new Representatives.Probe(Protocol.TCP, 65535),
          new Representatives.Probe(Protocol.UDP, 1));

  /** How many verdicts the prover keeps for questions asked again. */
  private static final int MAX_VERDICTS = 1 << 13;

  private static final String BUG_HINT =
      "this is a bug in ciliac; please report it with this policy";

  /**
   * What the proof found: CIL0301 and CIL0904 diagnostics, and how many flows and lookups were
   * proved, left undecided by the evaluator (UNKNOWN), or skipped (no representative endpoint).
   */
  public record Result(List<Diagnostic> diagnostics, int proved, int unknown, int skipped) {
    public static final Result NONE = new Result(List.of(), 0, 0, 0);

    public Result {
      diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
      return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
  }

  private final List<Diagnostic> diagnostics = new ArrayList<>();
  private final ProvedNames names = new ProvedNames(this);
  private final Set<String> reported = new HashSet<>();
  private final Map<Asked, Verdict> verdicts = new HashMap<>();
  private final Map<List<String>, boolean[][]> undeclaredPorts = new IdentityHashMap<>();
  private int proved;
  private int unknown;
  private int skipped;

  /** A question to an evaluator: a flow and a side, or a pod and a name to look up. */
  private record Asked(Evaluator evaluator, Object question, Side side) {}

  private Prover() {}

  /** Proves every document; documents of different targets are evaluated apart. */
  public static Result prove(List<Emitted> documents) {
    Prover prover = new Prover();
    // A proved target's evaluators and their pod caches are dropped before the next one is built.
    var runs = TargetDocuments.byTarget(documents).values().iterator();
    while (runs.hasNext()) {
      TargetDocuments run = runs.next();
      runs.remove();
      prover.prove(run);
    }
    return new Result(prover.diagnostics, prover.proved, prover.unknown, prover.skipped);
  }

  private void prove(TargetDocuments run) {
    diagnostics.addAll(Widening.check(run));
    DenyIndex denies = new DenyIndex(run.documents);
    for (Emitted d : run.documents) {
      Policy policy = d.policy();
      names.nextPolicy();
      Evaluator evaluator = run.evaluator(TargetDocuments.resolver(policy));
      Optional<Endpoint.Pod> subject =
          denies
              .pod(Representatives.subject(policy))
              .filter(p -> evaluator.selects(p, policy.qualifiedName()));
      if (subject.isEmpty()) {
        skipped++;
        continue;
      }
      for (Statement s : policy.statements()) {
        if (!(s instanceof Statement.Rule r && r.action() == Action.DENY)) {
          statement(run, evaluator, policy, subject.get(), s, denies);
        }
      }
      for (dev.cilia.ir.Direction direction : dev.cilia.ir.Direction.values()) {
        if (policy.enforces(direction)) {
          undeclared(run, evaluator, policy, subject.get(), direction);
        }
      }
    }
    verdicts.clear();
    undeclaredPorts.clear();
  }

  // ------------------------------------------------------------ declared flows

  private void statement(
      TargetDocuments run,
      Evaluator evaluator,
      Policy policy,
      Endpoint.Pod subject,
      Statement s,
      DenyIndex index) {
    if (s instanceof Statement.ObserveDns d) {
      List<DenyIndex.Shared> lookups =
          index.shared(evaluator, policy, Side.EGRESS, null, evaluator.dnsPort());
      for (Endpoint.Pod pod : subjects(subject, lookups)) {
        for (String pattern : d.patterns()) {
          lookup(run, evaluator, policy, s, pod, Representatives.name(pattern));
        }
      }
      return;
    }
    Side direction;
    List<Peer> peers;
    Service service;
    boolean visible;
    if (s instanceof Statement.Rule r) {
      direction = direction(r.direction());
      peers = r.peers();
      service = r.service();
      visible = false;
    } else if (s instanceof Statement.ObserveHttp h) {
      direction = direction(h.direction());
      peers = h.peers().isEmpty() ? List.of(new Peer.Entity("all", h.span())) : h.peers();
      service = new Service(h.ports());
      visible = true;
    } else {
      throw new AssertionError(s);
    }
    boolean anyPeer = s instanceof Statement.ObserveHttp h && h.peers().isEmpty();
    // The denies that can cut in: on an overlapping port, or on the DNS port before a flow to a
    // name, for pods that this policy and the deny's policy both select.
    boolean toNames =
        direction == Side.EGRESS && peers.stream().anyMatch(p -> p instanceof Peer.Fqdn);
    List<DenyIndex.Shared> denies =
        index.shared(evaluator, policy, direction, service, toNames ? evaluator.dnsPort() : -1);
    for (Endpoint.Pod pod : subjects(subject, denies)) {
      for (Peer peer : peers) {
        if (peer instanceof Peer.KubeService) {
          unknown++;
          continue;
        }
        List<Endpoint> others =
            anyPeer
                ? List.of(Representatives.somePod(), Endpoint.ip(ANY_ADDRESS))
                : Representatives.peer(peer);
        if (direction == Side.EGRESS) {
          names.inCluster(run, evaluator, policy, s, pod, peer, others);
        }
        for (Endpoint other : others) {
          for (Representatives.Probe probe : Representatives.ports(service, run.target)) {
            flow(run, evaluator, policy, s, pod, direction, other, probe, visible);
          }
        }
      }
    }
    // Flows inside both this statement and a deny: a deny that cuts into it is found even when
    // the representatives above miss the part it cuts out.
    for (DenyIndex.Shared shared : denies) {
      for (DenyIndex.Deny deny : shared.denies()) {
        Work.add(Work.Step.DENY_STATEMENT);
        List<Representatives.Probe> probes =
            Representatives.overlap(service, deny.rule().service(), run.target);
        if (probes.isEmpty()) {
          continue;
        }
        for (Peer peer : peers) {
          for (Peer denied : deny.rule().peers()) {
            for (Endpoint other : Representatives.overlap(peer, denied)) {
              for (Representatives.Probe probe : probes) {
                flow(run, evaluator, policy, s, shared.pod(), direction, other, probe, visible);
              }
            }
          }
        }
      }
    }
  }

  /**
   * The subject, and a pod that both this policy and each policy with a {@code deny} in the
   * direction select, so that a deny in a narrower policy is found.
   */
  private static List<Endpoint.Pod> subjects(Endpoint.Pod subject, List<DenyIndex.Shared> denies) {
    if (denies.isEmpty()) {
      return List.of(subject);
    }
    Set<Endpoint.Pod> out = new LinkedHashSet<>();
    out.add(subject);
    for (DenyIndex.Shared shared : denies) {
      out.add(shared.pod());
    }
    return List.copyOf(out);
  }

  /**
   * The evaluator's verdict, asked once per flow: policies on the same pods declare the same flows
   * again and again.
   */
  private Verdict decide(Evaluator evaluator, Flow flow, Side direction) {
    forgetIfFull();
    return verdicts.computeIfAbsent(
        new Asked(evaluator, flow, direction),
        k -> {
          Work.add(Work.Step.VERDICT);
          return evaluator.decide(flow, direction);
        });
  }

  /**
   * Keeps the verdict cache small: policies on the same pods come together, in one file, so a
   * window of recent questions catches nearly every repeat (and -Xmx256m suffices).
   */
  private void forgetIfFull() {
    if (verdicts.size() > MAX_VERDICTS) {
      verdicts.clear();
    }
  }

  private void flow(
      TargetDocuments run,
      Evaluator evaluator,
      Policy policy,
      Statement s,
      Endpoint.Pod subject,
      Side direction,
      Endpoint other,
      Representatives.Probe probe,
      boolean visible) {
    if (other instanceof Endpoint.Pod p
        && p.labels().keySet().stream().anyMatch(LabelFilter::dropped)) {
      // §1.4: Cilium leaves such labels out of identities, so no selector can match them.
      skipped++;
      return;
    }
    if (other instanceof Endpoint.Fqdn f && direction == Side.EGRESS) {
      // §3.5: toFQDNs learn addresses only from lookups that the DNS proxy allowed.
      if (!lookup(run, evaluator, policy, s, subject, f.name())) {
        return;
      }
      // §3.9: and the pod's resolver reaches that name through its search list.
      if (!names.resolve(run, evaluator, policy, s, subject, List.of(f.name()), f.name())) {
        return;
      }
    }
    Flow flow =
        direction == Side.EGRESS
            ? new Flow(subject, other, probe.protocol(), probe.port())
            : new Flow(other, subject, probe.protocol(), probe.port());
    Verdict v = decide(evaluator, flow, direction);
    if (v.kind() == Verdict.Kind.UNKNOWN) {
      unknown++;
    } else if (visible ? v.visible() : v.passes()) {
      proved++;
    } else {
      fail(run, policy, s, Wording.flow(flow), v, visible ? "visible" : "allowed");
    }
  }

  /** A lookup through the policy's resolver must reach the DNS proxy and be allowed by it. */
  private boolean lookup(
      TargetDocuments run,
      Evaluator evaluator,
      Policy policy,
      Statement s,
      Endpoint.Pod subject,
      String name) {
    forgetIfFull();
    Verdict v =
        verdicts.computeIfAbsent(
            new Asked(evaluator, List.of(subject, name), null),
            k -> {
              Work.add(Work.Step.VERDICT);
              return evaluator.dnsLookup(subject, name);
            });
    String what = "the DNS lookup of `" + name + "` from " + Wording.endpoint(subject);
    if (v.kind() == Verdict.Kind.ALLOWED_VISIBLE) {
      proved++;
      return true;
    }
    if (v.kind() == Verdict.Kind.UNKNOWN) {
      unknown++;
    } else if (v.drops() && v.sides().equals(List.of(Side.INGRESS))) {
      // The resolver's own ingress drops it: that side belongs to the resolver's policies.
      skipped++;
    } else {
      fail(run, policy, s, what, v, "visible");
    }
    return false;
  }

  /** Counts a lookup the proof left to the resolver's own policies. */
  void skippedOne() {
    skipped++;
  }

  void provedOne() {
    proved++;
  }

  void unknownOne() {
    unknown++;
  }

  /** A lookup of a declared flow that does not resolve: a bug in the emitted DNS rules. */
  void failLookup(TargetDocuments run, Policy policy, Statement s, String what, Verdict v) {
    fail(run, policy, s, what, v, "resolved");
  }

  private void fail(
      TargetDocuments run, Policy policy, Statement s, String what, Verdict v, String wanted) {
    if (v.kind() == Verdict.Kind.DENIED_BY_RULE) {
      for (RuleRef ref : v.rules()) {
        Optional<Statement> denying = run.statement(ref);
        if (denying.isPresent()
            && denying.get() instanceof Statement.Rule r
            && r.action() == Action.DENY) {
          conflict(r, ref.policy(), s, policy, what);
          return;
        }
      }
    }
    if (!reported.add("CIL0904 " + s.span())) {
      return;
    }
    diagnostics.add(
        Diagnostic.of(
            Code.CIL0904,
            s.span(),
            "internal compiler error: the emitted policy "
                + policy.qualifiedName()
                + " fails its proof: `"
                + Wording.source(s.span())
                + "` needs "
                + what
                + " to be "
                + wanted
                + ", but the evaluator says "
                + verdict(v),
            BUG_HINT));
  }

  private void conflict(
      Statement.Rule deny, String denyPolicy, Statement allow, Policy allowPolicy, String what) {
    if (!reported.add("CIL0301 " + deny.span() + " " + allow.span())) {
      return;
    }
    String word = allow instanceof Statement.Rule ? "allow" : "observe";
    diagnostics.add(
        Diagnostic.of(
                Code.CIL0301,
                deny.span(),
                "`deny` in "
                    + denyPolicy
                    + " drops traffic that an `"
                    + word
                    + "` declares: "
                    + what,
                "narrow the `deny` or the `"
                    + word
                    + "` so that they do not overlap (e.g. with `except`), or remove one")
            .withRelated(
                new Related(
                    allow.span(),
                    "the `" + word + "` in " + allowPolicy.qualifiedName() + " that it drops")));
  }

  // ------------------------------------------------------------ undeclared flows

  /**
   * Under {@code enforce}, flows to or from an outside address on ports no statement of the
   * selecting policies covers must be dropped (guarantee 4).
   */
  private void undeclared(
      TargetDocuments run,
      Evaluator evaluator,
      Policy policy,
      Endpoint.Pod subject,
      dev.cilia.ir.Direction irDirection) {
    Side direction = direction(irDirection);
    // Policies on the same pods share one list of selecting policies: what it declares is
    // worked out once per list and direction, not once per policy.
    boolean[][] known =
        undeclaredPorts.computeIfAbsent(evaluator.selecting(subject), k -> new boolean[2][]);
    boolean[] declared = known[irDirection.ordinal()];
    if (declared == null) {
      declared = declaredPorts(run, evaluator.selecting(subject), irDirection);
      known[irDirection.ordinal()] = declared;
    }
    if (declared.length == 0) {
      skipped++;
      return;
    }
    Endpoint.Ip outside = Endpoint.ip(UNDECLARED_ADDRESS);
    for (int i = 0; i < UNDECLARED_PORTS.size(); i++) {
      Representatives.Probe probe = UNDECLARED_PORTS.get(i);
      if (declared[i]) {
        continue;
      }
      Flow flow =
          direction == Side.EGRESS
              ? new Flow(subject, outside, probe.protocol(), probe.port())
              : new Flow(outside, subject, probe.protocol(), probe.port());
      Verdict v = decide(evaluator, flow, direction);
      if (v.kind() == Verdict.Kind.UNKNOWN) {
        unknown++;
      } else if (v.drops()) {
        proved++;
      } else if (reported.add("CIL0904 " + policy.span() + " " + direction)) {
        diagnostics.add(
            Diagnostic.of(
                Code.CIL0904,
                policy.span(),
                "internal compiler error: the emitted policy "
                    + policy.qualifiedName()
                    + " fails its proof: `enforce "
                    + direction.word()
                    + "` must drop "
                    + Wording.flow(flow)
                    + ", which no statement declares, but the evaluator says "
                    + verdict(v),
                BUG_HINT));
      }
    }
  }

  /**
   * For each of {@link #UNDECLARED_PORTS}, whether the selecting policies may declare it; empty
   * when the direction cannot be proved closed.
   */
  private static boolean[] declaredPorts(
      TargetDocuments run, List<String> names, dev.cilia.ir.Direction irDirection) {
    List<Policy> selecting = new ArrayList<>();
    for (String name : names) {
      Optional<Emitted> d = run.policy(name);
      if (d.isEmpty()) {
        return new boolean[0];
      }
      Policy q = d.get().policy();
      if (!q.enforces(irDirection) && !run.target.hasEnableDefaultDeny()) {
        // Below 1.16 a non-enforcing policy's allow-all item opens the direction (CIL0303).
        return new boolean[0];
      }
      selecting.add(q);
    }
    Endpoint.Ip outside = Endpoint.ip(UNDECLARED_ADDRESS);
    boolean[] out = new boolean[UNDECLARED_PORTS.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = declared(selecting, irDirection, UNDECLARED_PORTS.get(i), outside, run);
    }
    return out;
  }

  /** Whether a statement of the selecting policies may declare a flow to an outside address. */
  private static boolean declared(
      List<Policy> selecting,
      dev.cilia.ir.Direction direction,
      Representatives.Probe probe,
      Endpoint.Ip address,
      TargetDocuments run) {
    byte[] bytes = address.address().getAddress();
    IpPrefix host = new IpPrefix(bytes, bytes.length * 8);
    for (Policy q : selecting) {
      for (Statement s : q.statements()) {
        List<Peer> peers;
        Service service;
        if (s instanceof Statement.Rule r
            && r.action() == Action.ALLOW
            && r.direction() == direction) {
          peers = r.peers();
          service = r.service();
        } else if (s instanceof Statement.ObserveHttp h && h.direction() == direction) {
          if (h.peers().isEmpty()
              && Representatives.covers(new Service(h.ports()), probe, run.target)) {
            return true;
          }
          peers = h.peers();
          service = new Service(h.ports());
        } else {
          continue;
        }
        if (!Representatives.covers(service, probe, run.target)) {
          continue;
        }
        for (Peer p : peers) {
          if (p instanceof Peer.KubeService
              || (p instanceof Peer.Entity e
                  && (e.name().equals(Entities.WORLD) || e.name().equals(Entities.ALL)))
              || (p instanceof Peer.Cidr c && c.prefix().contains(host))) {
            return true;
          }
        }
      }
    }
    return false;
  }

  // ------------------------------------------------------------ words

  private static String verdict(Verdict v) {
    String rules =
        v.rules().isEmpty()
            ? ""
            : " by " + v.rules().stream().map(RuleRef::toString).collect(Collectors.joining(", "));
    return v.kind() + rules + ": " + v.reason();
  }

  static Side direction(dev.cilia.ir.Direction d) {
    return d == dev.cilia.ir.Direction.EGRESS ? Side.EGRESS : Side.INGRESS;
  }
}
