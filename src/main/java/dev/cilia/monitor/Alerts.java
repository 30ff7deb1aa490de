package dev.cilia.monitor;

import dev.cilia.diag.Code;
import dev.cilia.diag.Diagnostic;
import dev.cilia.diag.Diagnostics;
import dev.cilia.ir.Direction;
import dev.cilia.ir.IpPrefix;
import dev.cilia.ir.Monitoring;
import dev.cilia.ir.NamespaceMatch;
import dev.cilia.ir.Peer;
import dev.cilia.ir.Policy;
import dev.cilia.ir.Program;
import dev.cilia.ir.Selector;
import dev.cilia.ir.Statement;
import dev.cilia.source.Span;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Derives the alerts from the policies: declared traffic of enforcing policies dropped by policy,
 * L7 denials of observed HTTP and DNS, and Hubble's lost events; and which metric labels they need.
 */
final class Alerts {
  /** The order {@code labelsContext} labels are written in (CILIUM-POLICY.md §6.1). */
  static final List<String> LABEL_ORDER = Monitoring.CONTEXT_LABELS;

  /** The rate window of every alert expression. */
  static final String WINDOW = "5m";

  /** A label matcher: {@code label="value"}, {@code =~} or {@code !~}. */
  record Matcher(String label, String op, String value) {}

  /** One alert rule and where it comes from. */
  record Alert(
      String group,
      String name,
      String metric,
      List<Matcher> matchers,
      String severity,
      Optional<Policy> policy,
      Span origin,
      String summary,
      String description) {

    /** The labels of {@code metric} the expression uses (those {@code labelsContext} adds). */
    Set<String> contextLabels() {
      Set<String> labels = new LinkedHashSet<>();
      for (Matcher m : matchers) {
        if (LABEL_ORDER.contains(m.label())) {
          labels.add(m.label());
        }
      }
      return labels;
    }

    String expr() {
      List<String> by = sortedLabels(contextLabels());
      StringBuilder selector = new StringBuilder();
      for (Matcher m : matchers) {
        selector.append(selector.length() == 0 ? "" : ",");
        selector.append(m.label()).append(m.op()).append(quote(m.value()));
      }
      String rate =
          "rate("
              + metric
              + (selector.length() == 0 ? "" : "{" + selector + "}")
              + "["
              + WINDOW
              + "])";
      String sum = by.isEmpty() ? "sum(" : "sum by (" + String.join(", ", by) + ") (";
      return sum + rate + ") > 0";
    }
  }

  private final Program program;
  private final Monitoring monitoring;
  private final Diagnostics diagnostics;
  private final List<Alert> alerts = new ArrayList<>();

  private Alerts(Program program, Monitoring monitoring, Diagnostics diagnostics) {
    this.program = program;
    this.monitoring = monitoring;
    this.diagnostics = diagnostics;
  }

  static List<Alert> derive(Program program, Monitoring monitoring, Diagnostics diagnostics) {
    Alerts a = new Alerts(program, monitoring, diagnostics);
    if (monitoring.alerts().contains(Monitoring.AlertGroup.DROPS)) {
      a.drops();
    }
    if (monitoring.alerts().contains(Monitoring.AlertGroup.L7)) {
      a.l7();
    }
    if (monitoring.alerts().contains(Monitoring.AlertGroup.LOST)) {
      a.lost();
    }
    return a.alerts;
  }

  static List<String> sortedLabels(Set<String> labels) {
    return LABEL_ORDER.stream().filter(labels::contains).toList();
  }

  // ---------------------------------------------------------------- drops

  private void drops() {
    for (Policy policy : program.policies()) {
      Set<List<Matcher>> seen = new LinkedHashSet<>();
      for (Direction direction : List.of(Direction.EGRESS, Direction.INGRESS)) {
        if (!policy.enforces(direction)) {
          continue;
        }
        for (Statement s : policy.statements()) {
          List<Peer> peers;
          if (s instanceof Statement.Rule r
              && r.action() == dev.cilia.ir.Action.ALLOW
              && r.direction() == direction) {
            peers = r.peers();
          } else if (s instanceof Statement.ObserveHttp h && h.direction() == direction) {
            peers = h.peers();
          } else {
            continue;
          }
          for (Peer peer : peers) {
            dropAlert(policy, direction, s, peer, seen);
          }
        }
      }
    }
  }

  private void dropAlert(
      Policy policy, Direction direction, Statement s, Peer peer, Set<List<Matcher>> seen) {
    String peerSide = direction == Direction.EGRESS ? "destination" : "source";
    String subjectSide = direction == Direction.EGRESS ? "source" : "destination";
    Optional<List<Matcher>> peerMatchers = peerMatchers(peerSide, peer);
    if (peerMatchers.isEmpty()) {
      return;
    }
    List<Matcher> matchers = new ArrayList<>();
    matchers.add(new Matcher("reason", "=~", "POLICY_DENIED|POLICY_DENY"));
    List<Matcher> subject = subjectMatchers(subjectSide, policy);
    List<Matcher> ordered = new ArrayList<>(subject);
    ordered.addAll(peerMatchers.get());
    ordered.sort(
        java.util.Comparator.comparingInt((Matcher m) -> LABEL_ORDER.indexOf(m.label()))
            .thenComparing(Matcher::op));
    matchers.addAll(ordered);
    if (!seen.add(matchers)) {
      return;
    }
    String where = s.span().file().displayName() + ":" + s.span().line();
    String statement = s.span().text().strip().replaceAll("\\s+", " ");
    alerts.add(
        new Alert(
            "cilia-declared-traffic",
            "CiliaDeclaredTrafficDropped",
            "hubble_drop_total",
            matchers,
            "critical",
            Optional.of(policy),
            s.span(),
            "Declared traffic of " + policy.qualifiedName() + " is dropped",
            "Hubble counts policy drops ("
                + (direction == Direction.EGRESS ? "egress" : "ingress")
                + ") of traffic that "
                + policy.qualifiedName()
                + " declares with `"
                + statement
                + "` ("
                + where
                + ")."));
  }

  /** The policy's own pods: namespace and app as far as the selector names them. */
  private static List<Matcher> subjectMatchers(String side, Policy policy) {
    List<Matcher> matchers = new ArrayList<>();
    if (!policy.clusterwide()) {
      matchers.add(new Matcher(side + "_namespace", "=", policy.namespace()));
    } else if (policy.subjectNamespaces() instanceof NamespaceMatch.Named n) {
      matchers.add(new Matcher(side + "_namespace", "=", n.namespace()));
    }
    appOf(policy.subjectPods())
        .ifPresent(app -> matchers.add(new Matcher(side + "_app", "=", app)));
    return matchers;
  }

  /** The other end, or empty when no Hubble label names it (reported as a note). */
  private Optional<List<Matcher>> peerMatchers(String side, Peer peer) {
    List<Matcher> matchers = new ArrayList<>();
    String why;
    if (peer instanceof Peer.Pods pods) {
      if (pods.namespaces() instanceof NamespaceMatch.Named n) {
        matchers.add(new Matcher(side + "_namespace", "=", n.namespace()));
      } else if (pods.namespaces() instanceof NamespaceMatch.Labelled) {
        why = "Hubble's labels name a namespace, not the labels it is selected by";
        return unalertable(peer, why);
      }
      Optional<String> app = appOf(pods.pods());
      boolean other =
          pods.pods().requirements().stream()
              .anyMatch(
                  r ->
                      !(Monitoring.APP_LABELS.contains(r.key())
                          && r.operator() == Selector.Operator.IN
                          && r.values().size() == 1));
      if (other) {
        why = "Hubble's labels name the app of a pod, not the other labels it is selected by";
        return unalertable(peer, why);
      }
      app.ifPresent(a -> matchers.add(new Matcher(side + "_app", "=", a)));
      if (matchers.isEmpty()) {
        return unalertable(peer, "it is every pod, which Hubble's labels cannot tell from others");
      }
      return Optional.of(matchers);
    } else if (peer instanceof Peer.Cidr cidr) {
      if (!cidr.prefix().isV4() && cidr.prefix().length() != cidr.prefix().maxLength()) {
        return unalertable(peer, "only IPv4 prefixes and single IPv6 addresses become matchers");
      }
      matchers.add(ipMatcher(side + "_ip", "=~", cidr.prefix()));
      for (IpPrefix except : cidr.except()) {
        if (except.isV4()) {
          matchers.add(ipMatcher(side + "_ip", "!~", except));
        }
      }
      return Optional.of(matchers);
    } else if (peer instanceof Peer.Fqdn) {
      why = "the drop metric's labels carry addresses, not DNS names";
    } else if (peer instanceof Peer.Entity e) {
      why = "the drop metric's labels do not name the entity `" + e.name() + "`";
    } else if (peer instanceof Peer.KubeService) {
      why = "the drop metric's labels do not name Services";
    } else {
      throw new AssertionError(peer);
    }
    return unalertable(peer, why);
  }

  private Optional<List<Matcher>> unalertable(Peer peer, String why) {
    diagnostics.add(
        Diagnostic.of(
            Code.CIL0809,
            peer.span(),
            "no drop alert for `" + peer.span().text().strip() + "`: " + why,
            "the L7, lost-events and other drop alerts still apply; watch this peer in Hubble"
                + " flows"));
    return Optional.empty();
  }

  private static Matcher ipMatcher(String label, String op, IpPrefix prefix) {
    byte[] a = prefix.address();
    if (prefix.length() == prefix.maxLength()) {
      String host = prefix.toString().replaceFirst("/\\d+$", "");
      return new Matcher(label, op.equals("=~") ? "=" : "!=", host);
    }
    List<String> parts = new ArrayList<>();
    int len = prefix.length();
    for (int i = 0; i < 4; i++) {
      int octet = a[i] & 0xff;
      int bits = Math.max(0, Math.min(8, len - 8 * i));
      if (bits == 8) {
        parts.add(Integer.toString(octet));
      } else if (bits == 0) {
        parts.add("[0-9]{1,3}");
      } else {
        int mask = (0xff << (8 - bits)) & 0xff;
        int low = octet & mask;
        int high = low | (~mask & 0xff);
        List<String> values = new ArrayList<>();
        for (int v = low; v <= high; v++) {
          values.add(Integer.toString(v));
        }
        parts.add("(" + String.join("|", values) + ")");
      }
    }
    return new Matcher(label, op, String.join("\\.", parts));
  }

  /** The app Hubble shows for pods of this selector: its first app label with one value. */
  static Optional<String> appOf(Selector selector) {
    for (Selector.Requirement r : selector.requirements()) {
      if (Monitoring.APP_LABELS.contains(r.key())
          && r.operator() == Selector.Operator.IN
          && r.values().size() == 1) {
        return Optional.of(r.values().get(0));
      }
    }
    return Optional.empty();
  }

  // ---------------------------------------------------------------- L7 and lost events

  private void l7() {
    for (Policy policy : program.policies()) {
      Map<String, Statement> first = new LinkedHashMap<>();
      for (Statement s : policy.statements()) {
        if (s instanceof Statement.ObserveDns) {
          first.putIfAbsent("dns egress", s);
        } else if (s instanceof Statement.ObserveHttp h) {
          first.putIfAbsent(
              "http " + (h.direction() == Direction.EGRESS ? "egress" : "ingress"), s);
        }
      }
      for (Map.Entry<String, Statement> e : first.entrySet()) {
        String protocol = e.getKey().split(" ")[0];
        String direction = e.getKey().split(" ")[1];
        String side = direction.equals("egress") ? "source" : "destination";
        List<Matcher> matchers = new ArrayList<>();
        matchers.add(new Matcher("action", "=", "dropped"));
        matchers.add(new Matcher("direction", "=", direction));
        matchers.add(new Matcher("match", "=", "l7/" + protocol));
        matchers.addAll(subjectMatchers(side, policy));
        Statement s = e.getValue();
        String where = s.span().file().displayName() + ":" + s.span().line();
        alerts.add(
            new Alert(
                "cilia-l7-denials",
                protocol.equals("dns") ? "CiliaDnsRequestsDenied" : "CiliaHttpRequestsDenied",
                "hubble_policy_verdicts_total",
                matchers,
                "warning",
                Optional.of(policy),
                s.span(),
                (protocol.equals("dns") ? "DNS" : "HTTP")
                    + " requests of "
                    + policy.qualifiedName()
                    + " are denied by the proxy",
                "The proxy denies "
                    + (protocol.equals("dns") ? "DNS lookups" : "HTTP requests")
                    + " ("
                    + direction
                    + ") of pods that "
                    + policy.qualifiedName()
                    + " observes ("
                    + where
                    + "); with visibility only, nothing should be denied."));
      }
    }
  }

  private void lost() {
    Span span = monitoring.span();
    alerts.add(
        new Alert(
            "cilia-hubble",
            "CiliaHubbleLostEvents",
            "hubble_lost_events_total",
            List.of(),
            "warning",
            Optional.empty(),
            span,
            "Hubble loses flow events",
            "Hubble lost flow events; flow metrics and the alerts derived from "
                + span.file().displayName()
                + ":"
                + span.line()
                + " may under-count."));
  }

  static String quote(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
