package dev.cilia.verify;

import dev.cilia.diag.Code;
import dev.cilia.diag.Diagnostic;
import dev.cilia.diag.Related;
import dev.cilia.diag.Work;
import dev.cilia.emit.Emitted;
import dev.cilia.eval.Endpoint;
import dev.cilia.eval.Evaluator;
import dev.cilia.eval.Flow;
import dev.cilia.eval.LabelFilter;
import dev.cilia.eval.Side;
import dev.cilia.eval.Verdict;
import dev.cilia.ir.Action;
import dev.cilia.ir.Peer;
import dev.cilia.ir.Policy;
import dev.cilia.ir.Service;
import dev.cilia.ir.Statement;
import dev.cilia.ir.SubjectIndex;
import dev.cilia.source.Span;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Allows of one policy that open what another policy enforces (LANGUAGE.md: allows of every policy
 * selecting a pod are a union, CILIUM-POLICY.md §3.2): a statement of a policy that does not
 * enforce a direction (or that selects a broader set of pods), which lets pods that another policy
 * enforces that direction for reach a flow that the enforcing policy alone drops. Reported as
 * CIL0313 at the statement, with the enforcing policy's {@code enforce} as related place.
 */
final class Widening {
  private static final Pattern ENFORCE =
      Pattern.compile("(?m)^[ \\t]*enforce(?:[ \\t]+(egress|ingress))?[ \\t]*(?:#.*)?$");

  private final TargetDocuments run;
  private final List<Found> found = new ArrayList<>();

  /**
   * Statements already reported: each once, for the first enforcing policy it widens, so that a
   * guard rail over thousands of enforcing policies gives one warning, not one per policy.
   */
  private final Set<Statement> reported =
      java.util.Collections.newSetFromMap(new IdentityHashMap<>());

  private Widening(TargetDocuments run) {
    this.run = run;
  }

  /** The widening warnings of one target's documents. */
  static List<Diagnostic> check(TargetDocuments run) {
    Widening w = new Widening(run);
    // Only policies that may select the same pods can widen each other: the same namespace, or a
    // clusterwide one, and no label both pin to different values. Each enforcing policy meets the
    // policies with a statement that opens its enforced direction, found through indexes by
    // namespace and pod labels, so that the check stays near-linear with thousands of policies in
    // one namespace and builds the evaluator of an enforcing policy alone once.
    Map<Emitted, Map<String, String>> pins = new IdentityHashMap<>();
    Map<Emitted, Integer> order = new IdentityHashMap<>();
    Map<dev.cilia.ir.Direction, List<Emitted>> opening =
        new EnumMap<>(dev.cilia.ir.Direction.class);
    for (dev.cilia.ir.Direction d : dev.cilia.ir.Direction.values()) {
      opening.put(d, new ArrayList<>());
    }
    List<Emitted> enforcing = new ArrayList<>();
    for (Emitted e : run.documents) {
      order.put(e, order.size());
      pins.put(e, pinned(e.policy()));
      boolean enforces = false;
      for (dev.cilia.ir.Direction d : dev.cilia.ir.Direction.values()) {
        enforces |= e.policy().enforces(d);
        if (e.policy().statements().stream().anyMatch(s -> opens(s, d))) {
          opening.get(d).add(e);
        }
      }
      if (enforces) {
        enforcing.add(e);
      }
    }
    // An enforcing policy meets the openers of its namespace and the clusterwide ones that may
    // select its pods; a clusterwide enforcing policy meets every opener that may.
    Map<dev.cilia.ir.Direction, SubjectIndex<Emitted>> openers =
        new EnumMap<>(dev.cilia.ir.Direction.class);
    opening.forEach((d, docs) -> openers.put(d, new SubjectIndex<>(docs, Emitted::policy)));
    for (Emitted b : enforcing) {
      Map<String, String> enforcingPins = pins.get(b);
      java.util.function.Supplier<Evaluator> only = w.alone(b);
      for (dev.cilia.ir.Direction d : dev.cilia.ir.Direction.values()) {
        if (!b.policy().enforces(d)) {
          continue;
        }
        List<Emitted> candidates = openers.get(d).candidates(b.policy());
        Work.add(Work.Step.WIDENING_PAIR, candidates.size());
        for (Emitted open : candidates) {
          if (open == b || conflict(pins.get(open), enforcingPins)) {
            continue;
          }
          if (!open.policy().enforces(d) || broader(open.policy(), b.policy())) {
            w.pair(open, b, only, d);
          }
        }
      }
    }
    // In the order of the statements that open, as each policy's own warnings read.
    w.found.sort(
        java.util.Comparator.comparingInt((Found f) -> order.get(f.open()))
            .thenComparingInt(f -> f.open().policy().statements().indexOf(f.statement())));
    return w.found.stream().map(Found::diagnostic).toList();
  }

  /** A warning found, with the policy and statement it is about. */
  private record Found(Emitted open, Statement statement, Diagnostic diagnostic) {}

  /** The labels a policy's selector pins to one value ({@code app=web}). */
  private static Map<String, String> pinned(Policy policy) {
    Map<String, String> out = new HashMap<>();
    for (var r : policy.subjectPods().requirements()) {
      if (r.operator() == dev.cilia.ir.Selector.Operator.IN && r.values().size() == 1) {
        out.put(r.key(), r.values().get(0));
      }
    }
    return out;
  }

  /** Whether two selectors pin one label to different values: they share no pod. */
  private static boolean conflict(Map<String, String> a, Map<String, String> b) {
    Map<String, String> small = a.size() <= b.size() ? a : b;
    Map<String, String> large = small == a ? b : a;
    for (Map.Entry<String, String> e : small.entrySet()) {
      String other = large.get(e.getKey());
      if (other != null && !other.equals(e.getValue())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code a} selects a strict superset of {@code b}'s pods by its selector's form: same
   * namespace, and a strict subset of {@code b}'s requirements (a namespace-wide policy over one
   * application's). Two enforcing policies for the same pods simply add up; a broader enforcing
   * policy still opens the narrower one's pods.
   */
  static boolean broader(Policy a, Policy b) {
    if (a.clusterwide() || b.clusterwide() || !a.namespace().equals(b.namespace())) {
      return false;
    }
    var ra = new java.util.HashSet<>(a.subjectPods().requirements());
    var rb = new java.util.HashSet<>(b.subjectPods().requirements());
    return rb.containsAll(ra) && rb.size() > ra.size();
  }

  private void pair(
      Emitted openDocument,
      Emitted enforcing,
      java.util.function.Supplier<Evaluator> only,
      dev.cilia.ir.Direction irDirection) {
    Policy open = openDocument.policy();
    if (open.statements().stream().noneMatch(s -> !reported.contains(s) && opens(s, irDirection))) {
      return;
    }
    Policy b = enforcing.policy();
    Evaluator all = run.evaluator(TargetDocuments.resolver(b));
    Optional<Endpoint.Pod> shared =
        Representatives.pod(Representatives.subject(open).and(Representatives.subject(b)))
            .filter(p -> all.selects(p, open.qualifiedName()) && all.selects(p, b.qualifiedName()));
    if (shared.isEmpty()) {
      return;
    }
    Side direction = Prover.direction(irDirection);
    for (Statement s : open.statements()) {
      List<Peer> peers;
      Service service;
      if (reported.contains(s)) {
        continue;
      } else if (s instanceof Statement.Rule r
          && r.action() == Action.ALLOW
          && r.direction() == irDirection) {
        peers = r.peers();
        service = r.service();
      } else if (s instanceof Statement.ObserveHttp h && h.direction() == irDirection) {
        peers = h.peers().isEmpty() ? List.of(new Peer.Entity("all", h.span())) : h.peers();
        service = new Service(h.ports());
      } else {
        continue;
      }
      Optional<Flow> widened = widened(all, only, shared.get(), direction, peers, service);
      if (widened.isPresent()) {
        reported.add(s);
        found.add(new Found(openDocument, s, report(s, open, b, irDirection, widened.get())));
      }
    }
  }

  /**
   * Whether a statement lets flows in {@code direction}: an {@code allow} or {@code observe http}.
   */
  private static boolean opens(Statement s, dev.cilia.ir.Direction direction) {
    return (s instanceof Statement.Rule r
            && r.action() == Action.ALLOW
            && r.direction() == direction)
        || (s instanceof Statement.ObserveHttp h && h.direction() == direction);
  }

  /** The evaluator of the enforcing policy alone, built when first needed. */
  private java.util.function.Supplier<Evaluator> alone(Emitted enforcing) {
    Evaluator[] built = new Evaluator[1];
    return () -> {
      if (built[0] == null) {
        built[0] =
            new Evaluator(
                run.target,
                List.of(enforcing.model()),
                TargetDocuments.resolver(enforcing.policy()),
                Evaluator.DNS_PORT);
      }
      return built[0];
    };
  }

  private Optional<Flow> widened(
      Evaluator all,
      java.util.function.Supplier<Evaluator> only,
      Endpoint.Pod pod,
      Side direction,
      List<Peer> peers,
      Service service) {
    for (Peer peer : peers) {
      for (Endpoint other : Representatives.peer(peer)) {
        if (other instanceof Endpoint.Pod p
            && p.labels().keySet().stream().anyMatch(LabelFilter::dropped)) {
          continue;
        }
        for (Representatives.Probe probe : Representatives.ports(service, run.target)) {
          Flow flow =
              direction == Side.EGRESS
                  ? new Flow(pod, other, probe.protocol(), probe.port())
                  : new Flow(other, pod, probe.protocol(), probe.port());
          Verdict with = all.decide(flow, direction);
          if (with.passes() && only.get().decide(flow, direction).kind() == Verdict.Kind.DENIED) {
            return Optional.of(flow);
          }
        }
      }
    }
    return Optional.empty();
  }

  private static Diagnostic report(
      Statement s, Policy open, Policy enforcing, dev.cilia.ir.Direction d, Flow flow) {
    String word = d == dev.cilia.ir.Direction.EGRESS ? "egress" : "ingress";
    return Diagnostic.of(
            Code.CIL0313,
            s.span(),
            "`"
                + Wording.source(s.span())
                + "` in "
                + open.qualifiedName()
                + " also opens "
                + word
                + " of pods that "
                + enforcing.qualifiedName()
                + " enforces: "
                + Wording.flow(flow)
                + " passes, which "
                + enforcing.qualifiedName()
                + " does not declare",
            "leave those pods out of "
                + open.qualifiedName()
                + "'s `select`"
                + example(enforcing)
                + ", narrow the statement, or declare the flow in "
                + enforcing.qualifiedName()
                + " if it is wanted")
        .withRelated(
            new Related(
                enforceSpan(enforcing, word),
                "`enforce` of " + enforcing.qualifiedName() + " that it widens"));
  }

  /** {@code " (e.g. `app notin (checkout)`)"} from the enforcing policy's first requirement. */
  private static String example(Policy enforcing) {
    for (dev.cilia.ir.Selector.Requirement r : enforcing.subjectPods().requirements()) {
      if (r.operator() == dev.cilia.ir.Selector.Operator.IN) {
        return " (e.g. `" + r.key() + " notin (" + String.join(", ", r.values()) + ")`)";
      }
      if (r.operator() == dev.cilia.ir.Selector.Operator.EXISTS) {
        return " (e.g. `!" + r.key() + "`)";
      }
    }
    return "";
  }

  /** The {@code enforce} line of a policy for a direction, else the policy's name. */
  static Span enforceSpan(Policy policy, String word) {
    Span span = policy.span();
    String text = span.file().text();
    Matcher m = ENFORCE.matcher(text);
    // The policy's span is its name; its body ends at the first line that closes a block.
    int close = text.indexOf("\n}", span.start());
    m.region(span.start(), close < 0 ? text.length() : close);
    while (m.find()) {
      if (m.group(1) == null || m.group(1).equals(word)) {
        int start = text.indexOf("enforce", m.start());
        int end = m.group(1) != null ? m.end(1) : start + "enforce".length();
        return new Span(span.file(), start, end);
      }
    }
    return span;
  }
}
