package dev.cilia.verify;

import dev.cilia.cilium.Target;
import dev.cilia.emit.Emitted;
import dev.cilia.eval.Endpoint;
import dev.cilia.eval.Evaluator;
import dev.cilia.eval.Flow;
import dev.cilia.eval.Protocol;
import dev.cilia.eval.Side;
import dev.cilia.eval.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * {@code ciliac explain}: the verdict for one flow over the emitted documents, each side's verdict,
 * the policies that select either end, and the rules and statements that decided.
 */
public final class Explainer {
  private static final java.util.regex.Pattern DNS_NAME =
      java.util.regex.Pattern.compile("[-A-Za-z0-9_]+(\\.[-A-Za-z0-9_]+)*\\.?");
  private static final java.util.regex.Pattern NAMESPACE =
      java.util.regex.Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final java.util.regex.Pattern LABEL_VALUE =
      java.util.regex.Pattern.compile("[A-Za-z0-9]([-_.A-Za-z0-9]*[A-Za-z0-9])?");
  private static final java.util.regex.Pattern LABEL_NAME =
      java.util.regex.Pattern.compile("[A-Za-z0-9]([-_.A-Za-z0-9]*[A-Za-z0-9])?");
  private static final java.util.regex.Pattern DNS_SUBDOMAIN =
      java.util.regex.Pattern.compile(
          "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  private Explainer() {}

  /** A Kubernetes label key: an optional DNS-subdomain prefix and {@code /}, then a name. */
  static boolean labelKey(String key) {
    int slash = key.lastIndexOf('/');
    String name = slash < 0 ? key : key.substring(slash + 1);
    if (slash >= 0) {
      String prefix = key.substring(0, slash);
      if (prefix.length() > 253 || !DNS_SUBDOMAIN.matcher(prefix).matches()) {
        return false;
      }
    }
    return name.length() <= 63 && LABEL_NAME.matcher(name).matches();
  }

  /** The flow to explain, as given by {@code --from}, {@code --to} and {@code --port}. */
  public record Request(Endpoint source, Endpoint destination, Protocol protocol, int port) {}

  /**
   * Reads {@code --from}, {@code --to} and {@code --port}.
   *
   * @throws IllegalArgumentException with a message for the user when one is malformed
   */
  public static Request parse(String from, String to, String port) {
    Endpoint source = endpoint("--from", from, false);
    Endpoint destination = endpoint("--to", to, true);
    String text = port == null ? "" : port.strip();
    String usage =
        "--port: expected PROTOCOL/PORT such as tcp/1521 (tcp, udp or sctp; port 1-65535),"
            + " found `"
            + text
            + "`";
    int slash = text.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException(usage);
    }
    Optional<Protocol> protocol = Protocol.parse(text.substring(0, slash)).filter(p -> !p.isIcmp());
    int number;
    try {
      number = Integer.parseInt(text.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(usage, e);
    }
    if (protocol.isEmpty() || number < 1 || number > 65535) {
      throw new IllegalArgumentException(usage);
    }
    if (source instanceof Endpoint.Fqdn) {
      throw new IllegalArgumentException(
          "--from: an fqdn is a destination only; give the source as NAMESPACE/LABELS or `ip A`");
    }
    return new Request(source, destination, protocol.get(), number);
  }

  /**
   * {@code payments/app=payments-api,tier=web} (a pod: namespace, then labels), {@code ip A},
   * {@code fqdn NAME} (destinations only), or an entity such as {@code world}.
   */
  static Endpoint endpoint(String option, String value, boolean destination) {
    String text = value == null ? "" : value.strip();
    String usage =
        option
            + ": expected NAMESPACE/KEY=VALUE,… (a pod), `ip ADDRESS`"
            + (destination ? ", `fqdn NAME`" : "")
            + " or an entity ("
            + String.join(", ", new TreeSet<>(Endpoint.Entity.NAMES))
            + "), found `"
            + text
            + "`";
    if (text.startsWith("ip ")) {
      try {
        return Endpoint.ip(text.substring(3).strip());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
      }
    }
    if (text.startsWith("fqdn ")) {
      String name = text.substring(5).strip();
      // As the language writes it: `fqdn "ftp.example.com"`.
      if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
        name = name.substring(1, name.length() - 1);
      }
      if (!DNS_NAME.matcher(name).matches() || name.length() > 253) {
        throw new IllegalArgumentException(
            option
                + ": expected a DNS name after `fqdn` (letters, digits, `-`, `_`, dots between"
                + " labels; no `*`), found `"
                + name
                + "`");
      }
      return Endpoint.fqdn(name);
    }
    if (Endpoint.Entity.NAMES.contains(text)) {
      return Endpoint.entity(text);
    }
    int slash = text.indexOf('/');
    if (slash <= 0 || text.contains(" ")) {
      throw new IllegalArgumentException(usage);
    }
    String namespace = text.substring(0, slash);
    if (!NAMESPACE.matcher(namespace).matches() || namespace.length() > 63) {
      throw new IllegalArgumentException(
          option
              + ": `"
              + namespace
              + "` is not a namespace name (lower-case letters, digits and `-`, at most 63)");
    }
    Map<String, String> labels = new LinkedHashMap<>();
    String rest = text.substring(slash + 1);
    if (!rest.isEmpty()) {
      for (String pair : rest.split(",", -1)) {
        int eq = pair.indexOf('=');
        if (eq <= 0 || labels.containsKey(pair.substring(0, eq))) {
          throw new IllegalArgumentException(
              option + ": expected KEY=VALUE labels separated by commas, found `" + pair + "`");
        }
        String key = pair.substring(0, eq);
        String labelValue = pair.substring(eq + 1);
        if (labelValue.length() >= 2 && labelValue.startsWith("\"") && labelValue.endsWith("\"")) {
          labelValue = labelValue.substring(1, labelValue.length() - 1);
        }
        if (!labelKey(key)) {
          throw new IllegalArgumentException(
              option + ": `" + key + "` is not a label key (`app`, `app.kubernetes.io/name`)");
        }
        if (!labelValue.isEmpty()
            && (!LABEL_VALUE.matcher(labelValue).matches() || labelValue.length() > 63)) {
          throw new IllegalArgumentException(
              option
                  + ": `"
                  + labelValue
                  + "` is not a label value (letters, digits, `-`, `_`, `.`, at most 63)");
        }
        labels.put(key, labelValue);
      }
    }
    return Endpoint.pod(namespace, labels);
  }

  /**
   * Explains a flow over the documents of one target.
   *
   * @param fallback the target when there are no documents
   * @throws IllegalArgumentException when the documents target several versions
   */
  public static Explanation explain(List<Emitted> documents, Request request, Target fallback) {
    Map<Target, TargetDocuments> groups = TargetDocuments.byTarget(documents);
    if (groups.size() > 1) {
      List<String> versions = new ArrayList<>();
      groups.keySet().stream().sorted().forEach(t -> versions.add(t.toString()));
      throw new IllegalArgumentException(
          "the files target several Cilium versions ("
              + String.join(", ", versions)
              + "); choose one with --cilium");
    }
    TargetDocuments docs =
        groups.isEmpty()
            ? new TargetDocuments(fallback, List.of())
            : groups.values().iterator().next();
    Evaluator evaluator =
        request.source() instanceof Endpoint.Pod p
            ? docs.evaluatorFor(p)
            : docs.evaluator(Evaluator.KUBE_DNS);
    Flow flow =
        new Flow(request.source(), request.destination(), request.protocol(), request.port());
    Verdict verdict = evaluator.decide(flow);
    Explanation.Side source = side(docs, evaluator, flow, Side.EGRESS);
    Explanation.Side destination = side(docs, evaluator, flow, Side.INGRESS);
    Optional<Explanation.Lookup> lookup = Optional.empty();
    if (request.source() instanceof Endpoint.Pod p
        && request.destination() instanceof Endpoint.Fqdn f) {
      Verdict v = evaluator.dnsLookup(p, f.name());
      lookup =
          Optional.of(
              new Explanation.Lookup(
                  f.name(), Wording.endpoint(evaluator.resolver()), v, Trace.of(v, docs)));
    }
    List<NameResolution.Result> resolutions = List.of();
    if (request.source() instanceof Endpoint.Pod p) {
      NameResolution.SearchList search = docs.searchListFor(p);
      resolutions =
          NameResolution.names(p, request.destination(), search)
              .map(n -> NameResolution.resolveAll(evaluator, p, n, search))
              .orElse(List.of());
    }
    return new Explanation(
        docs.target,
        flow,
        verdict,
        Trace.of(verdict, docs),
        source,
        destination,
        lookup,
        resolutions);
  }

  private static Explanation.Side side(
      TargetDocuments docs, Evaluator evaluator, Flow flow, Side direction) {
    Endpoint end = direction == Side.EGRESS ? flow.source() : flow.destination();
    if (!(end instanceof Endpoint.Pod pod)) {
      return new Explanation.Side(end, direction, List.of(), Optional.empty(), List.of());
    }
    List<Explanation.Selecting> selecting = new ArrayList<>();
    for (String name : evaluator.selecting(pod)) {
      selecting.add(new Explanation.Selecting(name, docs.policy(name).map(d -> d.policy().span())));
    }
    Verdict v = evaluator.decide(flow, direction);
    return new Explanation.Side(end, direction, selecting, Optional.of(v), Trace.of(v, docs));
  }
}
