package dev.cilia.verify;

import dev.cilia.cilium.Target;
import dev.cilia.eval.Endpoint;
import dev.cilia.eval.Flow;
import dev.cilia.eval.Side;
import dev.cilia.eval.Verdict;
import dev.cilia.source.Span;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What {@code ciliac explain} prints: the verdict for a flow, each end with the policies that
 * select it and its own side's verdict, and for an FQDN destination the DNS lookup that must come
 * first.
 */
public record Explanation(
    Target target,
    Flow flow,
    Verdict verdict,
    List<Trace> traces,
    Side source,
    Side destination,
    Optional<Lookup> lookup,
    List<NameResolution.Result> resolutions) {

  public Explanation {
    traces = List.copyOf(traces);
    resolutions = List.copyOf(resolutions);
  }

  public Explanation(
      Target target,
      Flow flow,
      Verdict verdict,
      List<Trace> traces,
      Side source,
      Side destination,
      Optional<Lookup> lookup) {
    this(target, flow, verdict, traces, source, destination, lookup, List.of());
  }

  /** A policy that selects an end of the flow, and where it is declared. */
  public record Selecting(String policy, Optional<Span> declared) {}

  /**
   * One end: a pod's egress (source) or ingress (destination), with the policies that select it; no
   * verdict when the end is not a pod.
   */
  public record Side(
      Endpoint endpoint,
      dev.cilia.eval.Side direction,
      List<Selecting> selecting,
      Optional<Verdict> verdict,
      List<Trace> traces) {
    public Side {
      selecting = List.copyOf(selecting);
      traces = List.copyOf(traces);
    }
  }

  /** The lookup of an FQDN destination's name through the resolver (§3.5). */
  public record Lookup(String name, String resolver, Verdict verdict, List<Trace> traces) {
    public Lookup {
      traces = List.copyOf(traces);
    }
  }

  /** Readable text, ending with a newline. */
  public String text() {
    StringBuilder out = new StringBuilder();
    out.append(verdict.kind())
        .append(": ")
        .append(Wording.flow(flow))
        .append(" (Cilium ")
        .append(target)
        .append(")\n");
    out.append("  ").append(verdict.reason()).append('\n');
    Trace.text(traces, "  ", 6, out);
    lookup.ifPresent(
        l -> {
          out.append("\ndns lookup of `")
              .append(l.name())
              .append("` via ")
              .append(l.resolver())
              .append('\n');
          out.append("  ").append(TestReport.actual(l.verdict())).append('\n');
          Trace.text(l.traces(), "  ", 6, out);
        });
    if (!resolutions.isEmpty()) {
      out.append("\nname lookups (ndots:")
          .append(NameResolution.NDOTS)
          .append(", search list of ")
          .append(Wording.endpoint(flow.source()))
          .append(")\n");
      for (NameResolution.Result r : resolutions) {
        out.append("  ")
            .append(r.client().word())
            .append(r.resolved() ? " resolves `" : " FAILS on `")
            .append(r.written())
            .append("`: ")
            .append(r.summary())
            .append('\n');
        if (!r.resolved()) {
          out.append("    ")
              .append(r.reason())
              .append(": ")
              .append(r.verdict().reason())
              .append('\n');
        }
      }
    }
    side(source, "source", out);
    side(destination, "destination", out);
    return out.toString();
  }

  private void side(Side side, String role, StringBuilder out) {
    out.append('\n')
        .append(role)
        .append(' ')
        .append(Wording.endpoint(side.endpoint()))
        .append('\n');
    if (side.verdict().isEmpty()) {
      out.append("  not a pod: no policy selects it, and it has no ")
          .append(side.direction().word())
          .append(" to evaluate\n");
      return;
    }
    if (side.selecting().isEmpty()) {
      out.append("  selected by no policy\n");
    }
    for (Selecting s : side.selecting()) {
      out.append("  selected by ").append(s.policy());
      s.declared().ifPresent(span -> out.append("  ").append(Wording.place(span)));
      out.append('\n');
    }
    out.append("  ")
        .append(side.direction().word())
        .append(": ")
        .append(side.verdict().get().kind())
        .append(": ")
        .append(side.verdict().get().reason())
        .append('\n');
    Trace.text(side.traces(), "    ", 6, out);
  }

  /** One JSON document, ending with a newline. */
  public String json() {
    ObjectNode document = JsonText.object();
    document.put("target", target.toString());
    ObjectNode f = document.putObject("flow");
    f.put("source", Wording.endpoint(flow.source()));
    f.put("destination", Wording.endpoint(flow.destination()));
    f.put("protocol", flow.protocol().word());
    f.put("port", flow.port());
    document.set("result", JsonText.verdict(verdict, traces));
    if (lookup.isPresent()) {
      ObjectNode l = JsonText.verdict(lookup.get().verdict(), lookup.get().traces());
      l.put("name", lookup.get().name());
      l.put("resolver", lookup.get().resolver());
      document.set("dnsLookup", l);
    } else {
      document.putNull("dnsLookup");
    }
    ArrayNode names = document.putArray("nameLookups");
    for (NameResolution.Result r : resolutions) {
      ObjectNode n = names.addObject();
      n.put("client", r.client().word());
      n.put("name", r.written());
      n.put("answer", r.answer());
      n.put("resolved", r.resolved());
      n.put("reason", r.reason());
      ArrayNode queries = n.putArray("queries");
      for (NameResolution.Query q : r.queries()) {
        ObjectNode query = queries.addObject();
        query.put("name", q.name());
        query.put("verdict", q.verdict().kind().name());
        query.put("answer", q.answer());
      }
    }
    document.set("source", side(source));
    document.set("destination", side(destination));
    return JsonText.write(document);
  }

  private static ObjectNode side(Side side) {
    ObjectNode node = JsonText.object();
    node.put("endpoint", Wording.endpoint(side.endpoint()));
    node.put("pod", side.verdict().isPresent());
    ArrayNode selecting = node.putArray("selectedBy");
    for (Selecting s : side.selecting()) {
      ObjectNode p = selecting.addObject();
      p.put("policy", s.policy());
      if (s.declared().isPresent()) {
        p.set("declared", JsonText.place(s.declared().get()));
      } else {
        p.putNull("declared");
      }
    }
    if (side.verdict().isPresent()) {
      node.set(side.direction().word(), JsonText.verdict(side.verdict().get(), side.traces()));
    } else {
      node.putNull(side.direction().word());
    }
    return node;
  }
}
