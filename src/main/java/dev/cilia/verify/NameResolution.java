package dev.cilia.verify;

import dev.cilia.cilium.Entities;
import dev.cilia.eval.DnsNames;
import dev.cilia.eval.Endpoint;
import dev.cilia.eval.Evaluator;
import dev.cilia.eval.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A name lookup as a pod's stub resolver makes it (CILIUM-POLICY.md §3.9): {@code ndots:5}, the
 * Kubernetes search list ({@code NS.svc.DOMAIN}, {@code svc.DOMAIN}, {@code DOMAIN}, then the
 * node's own search domains), each query judged by the DNS proxy through {@link
 * Evaluator#dnsLookup}, and each client's behaviour on REFUSED.
 */
public final class NameResolution {
  /** Kubernetes' default {@code options ndots:5}. */
  public static final int NDOTS = 5;

  /** The cluster domain unless another is given (kubelet {@code --cluster-domain}). */
  public static final String CLUSTER_DOMAIN = dev.cilia.ir.DnsSettings.CLUSTER_DOMAIN;

  /** How a stub resolver reacts when a query of the search list is REFUSED. */
  public enum Client {
    /** glibc and Go's resolver: a REFUSED search form is skipped, the next one is tried. */
    GLIBC("glibc"),
    /** musl (Alpine): REFUSED ends the whole search. */
    MUSL("musl"),
    /** c-ares (Node {@code dns.resolve*}, grpcio, curl): REFUSED ends it for a multi-label name. */
    CARES("c-ares");

    private final String word;

    Client(String word) {
      this.word = word;
    }

    public String word() {
      return word;
    }

    boolean stopsOnRefused(String written) {
      return switch (this) {
        case GLIBC -> false;
        case MUSL -> true;
        case CARES -> written.indexOf('.') >= 0;
      };
    }
  }

  /**
   * A pod's {@code /etc/resolv.conf} search list.
   *
   * @param clusterDomain the cluster domain, {@code cluster.local} by default
   * @param nodeDomains the node's own search domains, appended after the cluster's
   */
  public record SearchList(String clusterDomain, List<String> nodeDomains) {
    public static final SearchList DEFAULT = new SearchList(CLUSTER_DOMAIN, List.of());

    public SearchList {
      clusterDomain = DnsNames.normalize(clusterDomain);
      nodeDomains = nodeDomains.stream().map(DnsNames::normalize).toList();
    }

    /** The search list of a policy's pods. */
    public static SearchList of(dev.cilia.ir.Policy policy) {
      return new SearchList(policy.dns().clusterDomain(), policy.dns().nodeSearch());
    }

    /** The suffixes tried for a pod of {@code namespace}, in order. */
    public List<String> suffixes(String namespace) {
      List<String> out = new ArrayList<>();
      out.add(namespace + ".svc." + clusterDomain);
      out.add("svc." + clusterDomain);
      out.add(clusterDomain);
      out.addAll(nodeDomains);
      return out;
    }

    /** The name a Service {@code name} in {@code namespace} answers to. */
    public String serviceName(String name, String namespace) {
      return name + "." + namespace + ".svc." + clusterDomain;
    }
  }

  /** One query of a lookup and what the DNS proxy and the network did with it. */
  public record Query(String name, Verdict verdict, String answer) {}

  /**
   * The result of a lookup of {@code written} by one client: {@code resolved} when the query of
   * {@code answer} (the name that exists) was reached and passed.
   *
   * @param verdict the answering query's verdict when resolved, else the verdict that ended it
   */
  public record Result(
      Client client,
      String written,
      String answer,
      List<Query> queries,
      boolean resolved,
      Verdict verdict,
      String reason) {
    public Result {
      queries = List.copyOf(queries);
    }

    public boolean unknown() {
      return verdict.kind() == Verdict.Kind.UNKNOWN;
    }

    /** {@code a.b.shop.svc.cluster.local NXDOMAIN, a.b answered}. */
    public String summary() {
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < queries.size(); i++) {
        if (i > 0) {
          out.append(", ");
        }
        out.append(queries.get(i).name()).append(' ').append(queries.get(i).answer());
      }
      return out.toString();
    }
  }

  /** The names an application may write for a destination, and the name that answers. */
  public record Names(List<String> written, String answer) {
    public Names {
      written = List.copyOf(written);
    }
  }

  private NameResolution() {}

  /**
   * The lookups a flow from {@code source} to {@code destination} starts with: the name of an
   * {@code fqdn}; the forms of a Service name in a pod's namespace (the pod's {@code app} label
   * stands for the Service); {@code kubernetes.default.svc} for {@code kube-apiserver}; none for
   * addresses and other entities.
   */
  public static java.util.Optional<Names> names(
      Endpoint.Pod source, Endpoint destination, SearchList search) {
    if (destination instanceof Endpoint.Fqdn f) {
      return java.util.Optional.of(new Names(List.of(f.name()), f.name()));
    }
    if (destination instanceof Endpoint.Pod p) {
      String service = serviceName(p);
      return java.util.Optional.of(
          new Names(
              written(service, p.namespace(), source.namespace(), search),
              search.serviceName(service, p.namespace())));
    }
    if (destination instanceof Endpoint.Entity e && e.name().equals(Entities.KUBE_APISERVER)) {
      return java.util.Optional.of(
          new Names(
              written("kubernetes", "default", source.namespace(), search),
              search.serviceName("kubernetes", "default")));
    }
    return java.util.Optional.empty();
  }

  /** The names an application may write for Service {@code name} in {@code namespace}. */
  static List<String> written(String name, String namespace, String from, SearchList search) {
    List<String> out = new ArrayList<>();
    if (namespace.equals(from)) {
      out.add(name);
    }
    out.add(name + "." + namespace);
    out.add(name + "." + namespace + ".svc");
    out.add(search.serviceName(name, namespace));
    return out;
  }

  /**
   * The Service name assumed for a pod: its {@code app} (or {@code app.kubernetes.io/name}) label,
   * else its first label value, else {@code service}.
   */
  static String serviceName(Endpoint.Pod p) {
    String app = p.labels().get("app");
    if (app == null) {
      app = p.labels().get("app.kubernetes.io/name");
    }
    if (app == null && !p.labels().isEmpty()) {
      app = new java.util.TreeMap<>(p.labels()).firstEntry().getValue();
    }
    if (app == null || !app.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?")) {
      return "service";
    }
    return app;
  }

  /** Every written form of {@code names}, for every client. */
  public static List<Result> resolveAll(
      Evaluator evaluator, Endpoint.Pod source, Names names, SearchList search) {
    List<Result> out = new ArrayList<>();
    for (String w : names.written()) {
      Lookups lookups = new Lookups(evaluator, source, w, search);
      for (Client client : Client.values()) {
        out.add(resolve(lookups, names.answer(), client));
      }
    }
    return out;
  }

  /** The names a client queries for {@code written}, in order (§3.9). */
  public static List<String> queries(String written, String namespace, SearchList search) {
    String name = written.toLowerCase(Locale.ROOT);
    List<String> out = new ArrayList<>();
    if (name.endsWith(".")) {
      out.add(DnsNames.normalize(name));
      return out;
    }
    long dots = name.chars().filter(c -> c == '.').count();
    if (dots >= NDOTS) {
      out.add(name);
    }
    for (String suffix : search.suffixes(namespace)) {
      out.add(name + "." + suffix);
    }
    if (dots < NDOTS) {
      out.add(name);
    }
    return out;
  }

  /**
   * Resolves {@code written} from {@code source} through {@code evaluator}'s resolver, as {@code
   * client} does; {@code answer} is the name that exists in DNS (every other query gets NXDOMAIN
   * when it gets through).
   */
  public static Result resolve(
      Evaluator evaluator,
      Endpoint.Pod source,
      String written,
      String answer,
      SearchList search,
      Client client) {
    return resolve(new Lookups(evaluator, source, written, search), answer, client);
  }

  /**
   * The queries of one written name from one pod, each sent to the evaluator at most once: the
   * clients differ in when they stop, not in what a query gets, so their resolutions of the same
   * name share these.
   */
  public static final class Lookups {
    private final Evaluator evaluator;
    private final Endpoint.Pod source;
    private final String written;
    private final List<String> queries;
    private final Verdict[] verdicts;

    public Lookups(Evaluator evaluator, Endpoint.Pod source, String written, SearchList search) {
      this.evaluator = evaluator;
      this.source = source;
      this.written = written;
      this.queries = queries(written, source.namespace(), search);
      this.verdicts = new Verdict[queries.size()];
    }

    private Verdict verdict(int i) {
      Verdict v = verdicts[i];
      if (v == null) {
        v = evaluator.dnsLookup(source, queries.get(i));
        verdicts[i] = v;
      }
      return v;
    }
  }

  /**
   * {@link #resolve(Evaluator, Endpoint.Pod, String, String, SearchList, Client)} on {@code
   * lookups}.
   */
  public static Result resolve(Lookups lookups, String answer, Client client) {
    String written = lookups.written;
    String wanted = DnsNames.normalize(answer);
    List<Query> done = new ArrayList<>();
    Verdict refused = null;
    for (int i = 0; i < lookups.queries.size(); i++) {
      String q = lookups.queries.get(i);
      Verdict v = lookups.verdict(i);
      if (v.passes()) {
        if (q.equals(wanted)) {
          done.add(new Query(q, v, "answered"));
          return new Result(
              client,
              written,
              wanted,
              done,
              true,
              v,
              client.word() + " resolves `" + written + "` as `" + q + "`");
        }
        done.add(new Query(q, v, "NXDOMAIN"));
        continue;
      }
      done.add(new Query(q, v, v.kind().name()));
      if (v.kind() == Verdict.Kind.UNKNOWN) {
        return new Result(
            client, written, wanted, done, false, v, "the lookup of `" + q + "` is unknown");
      }
      if (v.kind() == Verdict.Kind.REFUSED) {
        if (client.stopsOnRefused(written)) {
          return new Result(
              client,
              written,
              wanted,
              done,
              false,
              v,
              client.word()
                  + " stops the search for `"
                  + written
                  + "` when the DNS proxy answers REFUSED to `"
                  + q
                  + "`");
        }
        refused = v;
        continue;
      }
      return new Result(
          client,
          written,
          wanted,
          done,
          false,
          v,
          "the query `" + q + "` is dropped, so " + client.word() + " times out");
    }
    return new Result(
        client,
        written,
        wanted,
        done,
        false,
        refused != null
            ? refused
            : new Verdict(Verdict.Kind.DENIED, List.of(), List.of(), "no query answered"),
        "no query of the search list for `" + written + "` reaches `" + wanted + "`");
  }
}
