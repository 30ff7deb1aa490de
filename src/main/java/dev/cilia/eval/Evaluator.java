package dev.cilia.eval;

import dev.cilia.cilium.Entities;
import dev.cilia.cilium.KubeDns;
import dev.cilia.cilium.Ports;
import dev.cilia.cilium.Target;
import dev.cilia.cilium.model.CiliumPolicy;
import dev.cilia.diag.Work;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Decides flows from CNP/CCNP documents the way Cilium does for one target, following
 * CILIUM-POLICY.md §3. Thread-safe; per-pod results are cached, so asking many flows of the same
 * pods is cheap.
 */
public final class Evaluator {
  /** The default resolver: {@code k8s-app=kube-dns} in {@code kube-system} (§3.9). */
  public static final Endpoint.Pod KUBE_DNS =
      new Endpoint.Pod(KubeDns.NAMESPACE, Map.of(KubeDns.LABEL_KEY, KubeDns.LABEL_VALUE), Map.of());

  public static final int DNS_PORT = Ports.DNS;

  private static final int MAX_CACHED_PODS = 1 << 16;

  /**
   * How much pod state the cache keeps, in entries and selecting policies summed over its pods
   * (about 30 bytes each): with hundreds of policies on the same pods, a count of pods alone lets
   * the cache outgrow a small heap.
   */
  private static final long MAX_CACHED_WEIGHT = 1 << 18;

  private static final Map<String, Identity> ENTITIES = new HashMap<>();
  private static final int[] APISERVER_CO_LABELS = {
    Identity.REMOTE_NODE, Identity.HOST, Identity.WORLD
  };
  private static final Identity[] APISERVER_VARIANTS = new Identity[APISERVER_CO_LABELS.length];

  static {
    for (String name : Endpoint.Entity.NAMES) {
      ENTITIES.put(name, Identity.of(new Endpoint.Entity(name)));
    }
    Endpoint apiserver = new Endpoint.Entity(Entities.KUBE_APISERVER);
    for (int i = 0; i < APISERVER_CO_LABELS.length; i++) {
      APISERVER_VARIANTS[i] = Identity.apiserverWith(apiserver, APISERVER_CO_LABELS[i]);
    }
  }

  private final Target target;
  private final Endpoint resolver;
  private final int dnsPort;
  private final List<CompiledRule> clusterwide = new ArrayList<>();
  private final Map<String, List<CompiledRule>> namespaced = new HashMap<>();
  private final RuleIndex clusterwideIndex;
  private final Map<String, RuleIndex> namespacedIndex = new HashMap<>();
  private final ConcurrentHashMap<Endpoint.Pod, PodState> pods = new ConcurrentHashMap<>();
  private final AtomicLong cachedWeight = new AtomicLong();
  private final ConcurrentHashMap<Endpoint, Identity> outside = new ConcurrentHashMap<>();

  /** Recently asked pods by object identity; fewer slots for few policies (one per widening). */
  private final Recent[] recent;

  /** Evaluates {@code policies} on {@code target}, with kube-dns on port 53 as the resolver. */
  public Evaluator(Target target, List<CiliumPolicy> policies) {
    this(target, policies, KUBE_DNS, DNS_PORT);
  }

  /**
   * Evaluates {@code policies} on {@code target}; toFQDNs learn names through lookups to {@code
   * resolver} on UDP {@code dnsPort} (the backend port after service translation, §3.6).
   *
   * @throws IllegalArgumentException when a document is malformed (unparseable CIDR, port,
   *     protocol, selector operator), naming the policy and path
   */
  public Evaluator(Target target, List<CiliumPolicy> policies, Endpoint resolver, int dnsPort) {
    if (target == null || resolver == null) {
      throw new IllegalArgumentException("an evaluator needs a target and a resolver");
    }
    this.target = target;
    this.resolver = resolver;
    this.dnsPort = dnsPort;
    this.recent =
        new Recent[Integer.highestOneBit(Math.min(1024, 16 * Math.max(1, policies.size())))];
    RuleCompiler compiler = new RuleCompiler(target);
    for (CiliumPolicy policy : policies) {
      for (CompiledRule rule : compiler.compile(policy)) {
        if (rule.namespace() == null) {
          clusterwide.add(rule);
        } else {
          namespaced.computeIfAbsent(rule.namespace(), k -> new ArrayList<>()).add(rule);
        }
      }
    }
    clusterwideIndex = new RuleIndex(clusterwide);
    namespaced.forEach((ns, rules) -> namespacedIndex.put(ns, new RuleIndex(rules)));
  }

  public Target target() {
    return target;
  }

  public Endpoint resolver() {
    return resolver;
  }

  /** The UDP port of DNS lookups to the resolver. */
  public int dnsPort() {
    return dnsPort;
  }

  /**
   * The verdict for a new connection: the source pod's egress, then the destination pod's ingress
   * (both ends enforce, §3.7); the verdict names the side that decided.
   */
  public Verdict decide(Flow flow) {
    return decide(flow.source(), flow.destination(), flow.protocol(), flow.port());
  }

  /** {@link #decide(Flow)} without building a {@link Flow}. */
  public Verdict decide(Endpoint source, Endpoint destination, Protocol protocol, int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("expected a port 0-65535, found " + port);
    }
    PodState from = source instanceof Endpoint.Pod p ? state(p) : null;
    PodState to = destination instanceof Endpoint.Pod p ? state(p) : null;
    Verdict egress = null;
    if (from != null) {
      egress =
          side(
              from.egress,
              destination,
              to == null ? null : to.identity,
              protocol,
              port,
              from,
              null);
      if (egress.drops()) {
        return egress;
      }
    }
    Verdict ingress = null;
    if (to != null) {
      ingress = ingress(to, source, from == null ? null : from.identity, protocol, port);
      if (ingress.drops()) {
        return ingress;
      }
    }
    if (egress == null && ingress == null) {
      return new Verdict(
          Verdict.Kind.ALLOWED,
          List.of(),
          List.of(),
          "neither end is a pod: no policy applies (host firewall is not modelled)");
    }
    if (egress == null) {
      return ingress;
    }
    if (ingress == null || egress.kind() == Verdict.Kind.UNKNOWN) {
      return egress;
    }
    if (ingress.kind() == Verdict.Kind.UNKNOWN) {
      return ingress;
    }
    return both(
        egress,
        ingress,
        egress.visible() || ingress.visible() ? Verdict.Kind.ALLOWED_VISIBLE : Verdict.Kind.ALLOWED,
        NO_PREFIX);
  }

  /**
   * One side of a flow only: the source pod's egress ({@link Side#EGRESS}) or the destination pod's
   * ingress ({@link Side#INGRESS}), whatever the other end says. A policy answers for its own side;
   * the other end's policy answers for the other (§3.7).
   *
   * @throws IllegalArgumentException when that end of the flow is not a pod
   */
  public Verdict decide(Flow flow, Side side) {
    Endpoint source = flow.source();
    Endpoint destination = flow.destination();
    PodState from = source instanceof Endpoint.Pod p ? state(p) : null;
    PodState to = destination instanceof Endpoint.Pod p ? state(p) : null;
    if (side == Side.EGRESS) {
      if (from == null) {
        throw new IllegalArgumentException("egress needs a pod source, found " + source);
      }
      return side(
          from.egress,
          destination,
          to == null ? null : to.identity,
          flow.protocol(),
          flow.port(),
          from,
          null);
    }
    if (to == null) {
      throw new IllegalArgumentException("ingress needs a pod destination, found " + destination);
    }
    return ingress(to, source, from == null ? null : from.identity, flow.protocol(), flow.port());
  }

  /**
   * The policies whose rules select {@code pod}, as {@link RuleRef#policy()} names them ({@code
   * ns/name} or {@code name}): clusterwide ones first, each group in document order, each once.
   */
  public List<String> selecting(Endpoint.Pod pod) {
    return state(pod).selecting;
  }

  /**
   * Whether a rule of policy {@code policy} (named as in {@link #selecting}) selects {@code pod}.
   */
  public boolean selects(Endpoint.Pod pod, String policy) {
    return state(pod).selectingSet.contains(policy);
  }

  /** {@link #dnsLookup(Endpoint.Pod, String, Endpoint)} to this evaluator's resolver. */
  public Verdict dnsLookup(Endpoint.Pod source, String qname) {
    return dnsLookup(source, qname, resolver);
  }

  /**
   * A DNS lookup of {@code qname} from {@code source} to {@code resolver} (UDP, the DNS port):
   * {@code ALLOWED_VISIBLE} when the DNS proxy sees and allows it (toFQDNs learn from it), {@code
   * ALLOWED} when it passes without the proxy, {@code REFUSED} when the proxy refuses the name,
   * {@code DENIED}/{@code DENIED_BY_RULE} when dropped (§3.4, §3.5).
   */
  public Verdict dnsLookup(Endpoint.Pod source, String qname, Endpoint resolver) {
    String name = DnsNames.normalize(qname);
    PodState from = state(source);
    PodState to = resolver instanceof Endpoint.Pod p ? state(p) : null;
    List<Entry> allowed = new ArrayList<>();
    Verdict egress =
        side(
            from.egress,
            resolver,
            to == null ? null : to.identity,
            Protocol.UDP,
            dnsPort,
            from,
            allowed);
    Supplier<String> lookup = () -> "lookup of `" + name + "` via " + resolver;
    switch (egress.kind()) {
      case ALLOWED:
        return throughResolver(
            egress,
            to,
            from,
            Verdict.Kind.ALLOWED,
            () ->
                lookup.get()
                    + " is not redirected to the DNS proxy (not visible; toFQDNs learn nothing"
                    + " from it): ");
      case ALLOWED_VISIBLE:
        break;
      default:
        return egress.prefixed(() -> lookup.get() + ": ");
    }
    List<Entry> dns = new ArrayList<>();
    List<Entry> matching = new ArrayList<>();
    List<Entry> plain = new ArrayList<>();
    for (Entry e : allowed) {
      if (e.l7 != null && e.l7.kind == L7.Kind.DNS) {
        dns.add(e);
        if (e.l7.allowsName(name)) {
          matching.add(e);
        }
      } else if (e.l7 == null && !e.synthesized) {
        plain.add(e);
      }
    }
    if (dns.isEmpty()) {
      return Verdict.because(
          Verdict.Kind.UNKNOWN,
          List.of(Side.EGRESS),
          egress.rules(),
          () -> lookup.get() + ": the DNS port is redirected to a proxy that is not the DNS proxy");
    }
    if (!matching.isEmpty()) {
      List<RuleRef> allowing = refs(matching);
      return throughResolver(
          Verdict.because(
              Verdict.Kind.ALLOWED_VISIBLE,
              List.of(Side.EGRESS),
              allowing,
              () -> "the DNS proxy allows it by " + allowing.get(0)),
          to,
          from,
          Verdict.Kind.ALLOWED_VISIBLE,
          () -> lookup.get() + ": ");
    }
    if (!plain.isEmpty()) {
      List<RuleRef> rules = new ArrayList<>(refs(dns));
      rules.addAll(refs(plain));
      return Verdict.because(
          Verdict.Kind.UNKNOWN,
          List.of(Side.EGRESS),
          rules,
          () ->
              lookup.get()
                  + ": no dns rule matches it, and whether "
                  + refs(plain).get(0)
                  + " (no L7 rules) relaxes the DNS proxy is unconfirmed (CILIUM-POLICY.md §3.4)");
    }
    List<RuleRef> refusing = refs(dns);
    return Verdict.because(
        Verdict.Kind.REFUSED,
        List.of(Side.EGRESS),
        refusing,
        () ->
            lookup.get()
                + ": the DNS proxy answers REFUSED: no dns rule of "
                + refusing.get(0)
                + (refusing.size() > 1 ? " and " + (refusing.size() - 1) + " more" : "")
                + " matches it");
  }

  private Verdict throughResolver(
      Verdict egress, PodState to, PodState from, Verdict.Kind kind, Supplier<String> prefix) {
    if (to == null) {
      return Verdict.because(
          kind, egress.sides(), egress.rules(), () -> prefix.get() + egress.reason());
    }
    Verdict ingress = ingress(to, from.pod, from.identity, Protocol.UDP, dnsPort);
    if (ingress.drops() || ingress.kind() == Verdict.Kind.UNKNOWN) {
      return ingress.prefixed(prefix);
    }
    return both(egress, ingress, kind, prefix);
  }

  private static final Supplier<String> NO_PREFIX = () -> "";

  private static Verdict both(
      Verdict egress, Verdict ingress, Verdict.Kind kind, Supplier<String> prefix) {
    List<RuleRef> rules;
    if (ingress.rules().isEmpty()) {
      rules = egress.rules();
    } else if (egress.rules().isEmpty()) {
      rules = ingress.rules();
    } else {
      rules = new ArrayList<>(egress.rules());
      rules.addAll(ingress.rules());
    }
    return Verdict.because(
        kind,
        List.of(Side.EGRESS, Side.INGRESS),
        rules,
        () -> prefix.get() + "egress: " + egress.reason() + "; ingress: " + ingress.reason());
  }

  private Verdict ingress(
      PodState to, Endpoint source, Identity sourceIdentity, Protocol protocol, int port) {
    Verdict v = side(to.ingress, source, sourceIdentity, protocol, port, null, null);
    if (source instanceof Endpoint.Entity e
        && e.name().equals(Entities.HOST)
        && to.ingress.enforced) {
      // §3.12b: host → local pod is always allowed on ingress (--allow-localhost adds a host
      // allow entry); deny entries still win, so only an explicit deny of host drops it.
      if (v.kind() == Verdict.Kind.DENIED) {
        return new Verdict(
            Verdict.Kind.ALLOWED,
            List.of(Side.INGRESS),
            List.of(),
            "host to a local pod is always allowed on ingress (--allow-localhost, §3.12b)");
      }
    }
    return v;
  }

  /**
   * One direction of one pod against a peer; kube-apiserver is tried with every co-label: its
   * reserved identity carries {@code reserved:remote-node} too (§3.12b), and where it runs on the
   * local node it is the host, outside the cluster world.
   */
  private Verdict side(
      DirectionPolicy dp,
      Endpoint peer,
      Identity peerIdentity,
      Protocol protocol,
      int port,
      Learner learner,
      List<Entry> allowed) {
    if (!dp.enforced) {
      return dp.notEnforced;
    }
    if (peerIdentity == null
        && peer instanceof Endpoint.Entity e
        && e.name().equals(Entities.KUBE_APISERVER)) {
      Verdict first = evaluate(dp, APISERVER_VARIANTS[0], protocol, port, learner, allowed);
      StringBuilder kinds = null;
      for (int i = 1; i < APISERVER_VARIANTS.length; i++) {
        Verdict v = evaluate(dp, APISERVER_VARIANTS[i], protocol, port, learner, null);
        if (v.kind() != first.kind()) {
          if (kinds == null) {
            kinds =
                new StringBuilder("with ")
                    .append(Identity.entityName(APISERVER_CO_LABELS[0]))
                    .append(' ')
                    .append(first.kind());
          }
          kinds
              .append(", with ")
              .append(Identity.entityName(APISERVER_CO_LABELS[i]))
              .append(' ')
              .append(v.kind());
        }
      }
      if (kinds != null) {
        return new Verdict(
            Verdict.Kind.UNKNOWN,
            List.of(dp.direction),
            first.rules(),
            "kube-apiserver is also remote-node on cluster nodes (its reserved identity),"
                + " host on the local node and world outside the cluster (CILIUM-POLICY.md §1.5,"
                + " §3.12b): "
                + kinds);
      }
      return first;
    }
    Identity x = peerIdentity != null ? peerIdentity : identity(peer);
    return evaluate(dp, x, protocol, port, learner, allowed);
  }

  private Identity identity(Endpoint endpoint) {
    if (endpoint instanceof Endpoint.Pod p) {
      return state(p).identity;
    }
    if (endpoint instanceof Endpoint.Entity e) {
      return ENTITIES.get(e.name());
    }
    // Addresses and names recur across flows: their identities (and reason texts) are kept.
    Identity known = outside.get(endpoint);
    if (known != null) {
      return known;
    }
    if (outside.size() > MAX_CACHED_PODS) {
      outside.clear();
    }
    Identity identity = Identity.of(endpoint);
    Identity previous = outside.putIfAbsent(endpoint, identity);
    return previous != null ? previous : identity;
  }

  /** §3.12 for one direction: deny first, then allows, then the L7 redirect. */
  private Verdict evaluate(
      DirectionPolicy dp,
      Identity x,
      Protocol protocol,
      int port,
      Learner learner,
      List<Entry> allowed) {
    Entry[] denies = EntryIndex.at(dp.deniesByPort, dp.denies, port);
    Entry[] allows = EntryIndex.at(dp.allowsByPort, dp.allows, port);
    Work.add(Work.Step.ENTRY_TEST, denies.length + allows.length);
    Entry denyMaybe = null;
    for (Entry e : denies) {
      if (!e.portMatches(protocol, port)) {
        continue;
      }
      Tri t = e.match(x, learner, null);
      if (t == Tri.YES) {
        return requires(
            dp,
            Verdict.because(
                Verdict.Kind.DENIED_BY_RULE,
                List.of(dp.direction),
                List.of(e.ref),
                () -> "denied by " + e.ref + " (" + what(dp, protocol, port, x) + ")"));
      }
      if (t == Tri.MAYBE && denyMaybe == null) {
        denyMaybe = e;
      }
    }
    List<Entry> yes = allowed;
    Entry maybe = null;
    Entry maybeL7 = null;
    for (Entry e : allows) {
      if (!e.portMatches(protocol, port)) {
        continue;
      }
      Tri t = e.match(x, learner, null);
      if (t == Tri.YES) {
        if (yes == null) {
          yes = new ArrayList<>(4);
        }
        yes.add(e);
      } else if (t == Tri.MAYBE) {
        if (maybe == null) {
          maybe = e;
        }
        if (maybeL7 == null && e.l7 != null) {
          maybeL7 = e;
        }
      }
    }
    Verdict v;
    if (yes == null || yes.isEmpty()) {
      v =
          maybe == null
              ? denied(dp, x, protocol, port, learner, denyMaybe)
              : uncertain(dp, maybe, x, learner, "an allow may match: ");
    } else if (denyMaybe != null) {
      v = uncertain(dp, denyMaybe, x, learner, "a deny rule may match: ");
    } else {
      v = allowed(dp, yes, maybeL7, x, learner);
    }
    return requires(dp, v);
  }

  private Verdict requires(DirectionPolicy dp, Verdict v) {
    if (dp.requires.isEmpty()) {
      return v;
    }
    // §3.12b: to/fromRequires are ANDed into the peer selectors already (DirectionPolicy).
    return Verdict.because(
        v.kind(),
        v.sides(),
        v.rules(),
        () ->
            v.reason()
                + " (peer selectors also require "
                + dp.requires.get(0)
                + more(dp.requires)
                + ")");
  }

  private Verdict denied(
      DirectionPolicy dp,
      Identity x,
      Protocol protocol,
      int port,
      Learner learner,
      Entry denyMaybe) {
    StringBuilder notes = null;
    if (learner != null) {
      for (Entry e : dp.allows) {
        if (e.peers.hasFqdns() && e.portMatches(protocol, port)) {
          if (notes == null) {
            notes = new StringBuilder();
          }
          e.match(x, learner, notes);
        }
      }
    }
    // What the learner knows now goes into the notes now; the rest of the text when it is read.
    String learned = notes != null && notes.length() > 0 ? " (" + notes + ")" : "";
    return Verdict.because(
        Verdict.Kind.DENIED,
        List.of(dp.direction),
        dp.enforcedBy,
        () ->
            dp.direction.word()
                + " is enforced and no allow matches "
                + what(dp, protocol, port, x)
                + learned
                + (denyMaybe != null
                    ? "; a deny rule may also match (" + denyMaybe.ref + ")"
                    : ""));
  }

  private Verdict uncertain(
      DirectionPolicy dp, Entry e, Identity x, Learner learner, String prefix) {
    StringBuilder why = new StringBuilder();
    e.match(x, learner, why);
    return new Verdict(
        Verdict.Kind.UNKNOWN,
        List.of(dp.direction),
        List.of(e.ref),
        prefix + why + " (" + e.ref + ")");
  }

  private Verdict allowed(
      DirectionPolicy dp, List<Entry> yes, Entry maybeL7, Identity x, Learner learner) {
    Entry firstL7 = null;
    boolean plain = false;
    boolean synthesizedOnly = true;
    for (Entry e : yes) {
      if (e.l7 != null) {
        if (firstL7 == null) {
          firstL7 = e;
        } else if (firstL7.l7.kind != e.l7.kind) {
          return new Verdict(
              Verdict.Kind.UNKNOWN,
              List.of(dp.direction),
              List.of(firstL7.ref, e.ref),
              "conflicting L7 parsers ("
                  + firstL7.l7.word()
                  + ", "
                  + e.l7.word()
                  + ") on the same peer and port fail the policy merge");
        }
      } else if (!e.synthesized) {
        plain = true;
      }
      synthesizedOnly &= e.synthesized;
    }
    if (firstL7 == null) {
      if (maybeL7 != null) {
        return uncertain(
            dp,
            maybeL7,
            x,
            learner,
            "allowed, but may be redirected to the " + maybeL7.l7.word() + " proxy: ");
      }
      if (synthesizedOnly) {
        return new Verdict(
            Verdict.Kind.ALLOWED,
            List.of(dp.direction),
            dp.openedBy,
            "no selected rule asks for "
                + dp.direction.word()
                + " default-deny ("
                + dp.openedBy.get(0).path()
                + ": false), so what no deny rule drops passes");
      }
      List<RuleRef> rules = refs(yes);
      return Verdict.because(
          Verdict.Kind.ALLOWED,
          List.of(dp.direction),
          rules,
          () -> "allowed by " + rules.get(0) + more(rules));
    }
    if (target == Target.V1_16 && rangeOverlap(yes)) {
      return new Verdict(
          Verdict.Kind.UNKNOWN,
          List.of(dp.direction),
          refs(yes),
          "a port range and a single port overlap with different L7 rules; 1.16's longest-prefix"
              + " port match may decide the redirect differently (CILIUM-POLICY.md §3.3)");
    }
    List<Entry> l7 = new ArrayList<>();
    boolean allowsAll = true;
    for (Entry e : yes) {
      if (e.l7 != null) {
        l7.add(e);
        allowsAll &= e.l7.allowsAll;
      }
    }
    List<RuleRef> rules = refs(l7);
    String note =
        switch (firstL7.l7.kind) {
          case HTTP ->
              allowsAll || plain
                  ? "every request passes"
                  : "requests that match no http rule get 403";
          case DNS -> allowsAll ? "every name passes" : "names that match no dns rule are refused";
          case KAFKA, GENERIC -> "requests are checked by the proxy";
        };
    String proxy = firstL7.l7.word();
    return Verdict.because(
        Verdict.Kind.ALLOWED_VISIBLE,
        List.of(dp.direction),
        rules,
        () ->
            "redirected to the " + proxy + " proxy by " + rules.get(0) + more(rules) + "; " + note);
  }

  /** §3.3: in 1.16, a range and a single port with different L7-ness may resolve oddly. */
  private static boolean rangeOverlap(List<Entry> yes) {
    boolean rangeL7 = false;
    boolean rangePlain = false;
    boolean singleL7 = false;
    boolean singlePlain = false;
    for (Entry e : yes) {
      if (e.l3Only) {
        continue;
      }
      boolean single = !e.range && e.low == e.high;
      boolean ranged = e.range;
      if (ranged) {
        rangeL7 |= e.l7 != null;
        rangePlain |= e.l7 == null;
      } else if (single) {
        singleL7 |= e.l7 != null;
        singlePlain |= e.l7 == null;
      }
    }
    return (rangeL7 && singlePlain) || (rangePlain && singleL7);
  }

  /** The rules of {@code entries}, once each, as the immutable list a verdict keeps. */
  private static List<RuleRef> refs(List<Entry> entries) {
    if (entries.size() == 1) {
      Entry e = entries.get(0);
      return e.synthesized ? List.of() : List.of(e.ref);
    }
    List<RuleRef> out = new ArrayList<>(entries.size());
    // Many policies on the same pods give long lists: a set keeps this linear.
    Set<RuleRef> seen = entries.size() > 8 ? new HashSet<>() : null;
    for (Entry e : entries) {
      if (!e.synthesized && (seen == null ? !out.contains(e.ref) : seen.add(e.ref))) {
        out.add(e.ref);
      }
    }
    return List.copyOf(out);
  }

  private static String more(List<RuleRef> rules) {
    return rules.size() > 1 ? " and " + (rules.size() - 1) + " more" : "";
  }

  private static String what(DirectionPolicy dp, Protocol protocol, int port, Identity x) {
    return protocol.word() + "/" + port + (dp.direction == Side.EGRESS ? " to " : " from ") + x;
  }

  private PodState state(Endpoint.Pod pod) {
    // Callers ask many flows of the same Pod objects: a slot by object identity skips hashing
    // the pod's label maps (docs/performance.md). Slots are immutable, so racing writers are
    // harmless.
    int slot = System.identityHashCode(pod) & (recent.length - 1);
    Recent hit = recent[slot];
    if (hit != null && hit.pod == pod) {
      return hit.state;
    }
    PodState s = pods.get(pod);
    if (s == null) {
      s = newState(pod);
    }
    recent[slot] = new Recent(pod, s);
    return s;
  }

  /** A pod object and its state, for {@link #state}. */
  private record Recent(Endpoint.Pod pod, PodState state) {}

  private PodState newState(Endpoint.Pod pod) {
    if (pods.size() > MAX_CACHED_PODS || cachedWeight.get() > MAX_CACHED_WEIGHT) {
      pods.clear();
      cachedWeight.set(0);
    }
    Identity identity = Identity.of(pod);
    List<Section> egress = new ArrayList<>();
    List<Section> ingress = new ArrayList<>();
    Set<String> selecting = new LinkedHashSet<>();
    select(clusterwideIndex, identity, egress, ingress, selecting);
    RuleIndex local = namespacedIndex.get(pod.namespace());
    if (local != null) {
      select(local, identity, egress, ingress, selecting);
    }
    PodState s =
        new PodState(
            pod,
            identity,
            new DirectionPolicy(Side.EGRESS, egress, pod),
            new DirectionPolicy(Side.INGRESS, ingress, pod),
            this,
            List.copyOf(selecting),
            selecting);
    PodState previous = pods.putIfAbsent(pod, s);
    if (previous != null) {
      return previous;
    }
    cachedWeight.addAndGet(s.weight());
    return s;
  }

  private static void select(
      RuleIndex rules,
      Identity identity,
      List<Section> egress,
      List<Section> ingress,
      Set<String> selecting) {
    for (CompiledRule r : rules.selecting(identity)) {
      egress.add(r.egress());
      ingress.add(r.ingress());
      selecting.add(r.egress().ref().policy());
    }
  }
}
