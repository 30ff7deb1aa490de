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
  private Explainer() {}

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
      if (name.isEmpty() || name.contains(" ") || name.contains("*")) {
        throw new IllegalArgumentException(
            option + ": expected a DNS name after `fqdn`, found `" + name + "`");
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
    Map<String, String> labels = new LinkedHashMap<>();
    String rest = text.substring(slash + 1);
    if (!rest.isEmpty()) {
      for (String pair : rest.split(",", -1)) {
        int eq = pair.indexOf('=');
        if (eq <= 0 || labels.containsKey(pair.substring(0, eq))) {
          throw new IllegalArgumentException(
              option + ": expected KEY=VALUE labels separated by commas, found `" + pair + "`");
        }
        labels.put(pair.substring(0, eq), pair.substring(eq + 1));
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
    return new Explanation(
        docs.target, flow, verdict, Trace.of(verdict, docs), source, destination, lookup);
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
