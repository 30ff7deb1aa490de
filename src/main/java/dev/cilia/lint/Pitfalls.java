package dev.cilia.lint;

import dev.cilia.cilium.Entities;
import dev.cilia.cilium.Ports;
import dev.cilia.cilium.Target;
import dev.cilia.cilium.admission.Violation;
import dev.cilia.cilium.model.CiliumPolicy;
import dev.cilia.cilium.model.HttpRule;
import dev.cilia.cilium.model.PortProtocol;
import dev.cilia.cilium.model.PortRule;
import dev.cilia.cilium.model.RuleItem;
import dev.cilia.cilium.model.RuleView;
import dev.cilia.diag.Code;
import dev.cilia.diag.Diagnostic;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The pitfalls that one policy shows by its shape (CILIUM-POLICY.md §5): {@code endPort} where the
 * target has none (CIL0510), {@code world-ipv4}/{@code world-ipv6} (CIL0511), CIDR rules aimed at
 * the API server or kubelets (CIL0509), HTTP rules that match no ordinary request (CIL0512) or that
 * sit on TLS and non-HTTP ports (CIL0513), with the shapes of {@link ShapeChecks} and the lengths
 * of {@link PatternLimits}. Where a pitfall is also a schema or agent problem, its own diagnostic
 * replaces the generic one.
 */
final class Pitfalls {
  /**
   * Ports where an HTTP parser breaks the usual traffic (CILIUM-POLICY.md §3.4), and what runs
   * there.
   */
  static final Map<Integer, String> NON_HTTP_PORTS = Ports.NON_HTTP;

  /** Ports of cluster services that CIDR rules cannot reach (CILIUM-POLICY.md §1.6, §5). */
  private static final Map<Integer, String> CLUSTER_PORTS =
      Map.of(6443, "the kube-apiserver", 10250, "the kubelet");

  /** Entities that cover the API server's or a node's addresses. */
  private static final Set<String> CLUSTER_IDENTITIES =
      Set.of(
          Entities.KUBE_APISERVER,
          Entities.REMOTE_NODE,
          Entities.HOST,
          Entities.CLUSTER,
          Entities.ALL);

  private static final Set<String> AGENT_ONLY_ENTITIES = Entities.AGENT_ONLY;

  private final Target target;
  private final Linter.Input input;
  private final List<Diagnostic> out;
  private final ShapeChecks shape;
  private final PatternLimits limits;

  Pitfalls(Target target, Linter.Input input, List<Diagnostic> out) {
    this.target = target;
    this.input = input;
    this.out = out;
    this.shape = new ShapeChecks(target, input, out);
    this.limits = new PatternLimits(input, out);
  }

  /**
   * Whether a schema or agent violation is reported by a pitfall of its own instead: {@code
   * endPort} and {@code enableDefaultDeny} before 1.16 (the schema prunes them), a rule without
   * sections before 1.17 (the upstream CRD accepts it; it does nothing) and the agent-only entities
   * {@code world-ipv4} and {@code world-ipv6}.
   */
  boolean claims(Violation v) {
    return switch (v.check()) {
      case SCHEMA ->
          (!target.hasEndPort()
                  && v.path().endsWith("/endPort")
                  && v.code().equals("additionalProperties"))
              || (!target.hasEnableDefaultDeny()
                  && v.path().matches("/specs?(/\\d+)?/enableDefaultDeny")
                  && v.code().equals("additionalProperties"))
              || (!ShapeChecks.refusesSectionless(target)
                  && v.path().matches("/specs?(/\\d+)?")
                  && v.code().equals("anyOf"))
              || PatternLimits.claims(v)
              || isAgentOnlyEntity(v.path());
      case AGENT ->
          (v.code().equals("V14") && isAgentOnlyEntity(v.path())) || PatternLimits.claims(v);
    };
  }

  private boolean isAgentOnlyEntity(String pointer) {
    if (!pointer.matches(".*/(to|from)Entities/\\d+")) {
      return false;
    }
    JsonNode value = input.tree().at(pointer);
    return value.isString() && AGENT_ONLY_ENTITIES.contains(value.stringValue());
  }

  void check(CiliumPolicy policy) {
    for (RuleView.Rule rule : RuleView.of(policy)) {
      for (RuleItem item : rule.items()) {
        limits.check(item);
        entities(item.entities(), item.at(item.field("Entities")));
        ports(item.toPorts(), item.at("toPorts"), item.deny());
        if (item.egress()
            && item.hasCidrs()
            && !reachesClusterIdentities(rule.items(item.section()))) {
          clusterPorts(item.toPorts(), item.at(item.cidr() != null ? "toCIDR" : "toCIDRSet"));
        }
      }
      shape.check(rule, policy.isClusterwide());
    }
  }

  /**
   * Whether a section also allows the identities that the API server and nodes have: then a CIDR
   * item on their ports is the fallback for clusters without them (remote-node identities off).
   */
  private static boolean reachesClusterIdentities(List<RuleItem> items) {
    return items.stream()
        .map(RuleItem::entities)
        .filter(e -> e != null)
        .flatMap(List::stream)
        .anyMatch(CLUSTER_IDENTITIES::contains);
  }

  /** CIL0511: entities the agent knows from 1.15 but no CRD's enum lists (§1.5). */
  private void entities(List<String> entities, String path) {
    if (entities == null) {
      return;
    }
    for (int i = 0; i < entities.size(); i++) {
      String entity = entities.get(i);
      if (entity != null && AGENT_ONLY_ENTITIES.contains(entity)) {
        String cidr = entity.equals("world-ipv4") ? "0.0.0.0/0" : "::/0";
        out.add(
            Diagnostic.of(
                Code.CIL0511,
                input.at(path + "/" + i),
                "`"
                    + entity
                    + "` is not in the CRD's entity list of any Cilium version: the API"
                    + " server rejects the policy",
                "use `world`, or `toCIDRSet: [{cidr: \""
                    + cidr
                    + "\"}]` for "
                    + (entity.equals("world-ipv4") ? "IPv4" : "IPv6")
                    + " only"));
      }
    }
  }

  private void ports(List<PortRule> rules, String path, boolean deny) {
    if (rules == null) {
      return;
    }
    for (int j = 0; j < rules.size(); j++) {
      PortRule rule = rules.get(j);
      String p = path + "/" + j;
      List<PortProtocol> ports = rule.ports() == null ? List.of() : rule.ports();
      for (int k = 0; k < ports.size(); k++) {
        endPort(ports.get(k), p + "/ports/" + k, deny);
      }
      List<HttpRule> http = rule.rules() == null ? null : rule.rules().http();
      if (http == null || http.isEmpty()) {
        continue;
      }
      if (rule.terminatingTLS() == null) {
        for (int k = 0; k < ports.size(); k++) {
          httpPort(ports.get(k), p + "/ports/" + k);
        }
      }
      for (int k = 0; k < http.size(); k++) {
        if (http.get(k) != null) {
          httpRule(http.get(k), p + "/rules/http/" + k);
        }
      }
    }
  }

  /**
   * CIL0512: an HTTP rule that an ordinary request never matches, so Envoy answers {@code 403} to
   * all of them (§3.4). A rule that names methods and paths is taken as meant; only the slips are
   * reported: a method in lower case (methods are compared case-sensitively), a path that cannot
   * match a path starting with {@code /} (the regular expression matches the whole path), and a
   * shell-style {@code /*} (which repeats the slash; a prefix is {@code /.*}).
   */
  private void httpRule(HttpRule rule, String path) {
    String method = rule.method();
    if (method != null && method.matches("[A-Za-z]+") && !method.equals(upper(method))) {
      matchesNothing(
          path + "/method",
          "method `"
              + method
              + "` matches no request: Envoy compares methods case-sensitively, and clients send `"
              + upper(method)
              + "`",
          "write `method: \"" + upper(method) + "\"`");
    }
    String p = rule.path();
    if (p == null || p.isEmpty()) {
      return;
    }
    if ("/^(.[\\".indexOf(p.charAt(0)) < 0) {
      matchesNothing(
          path + "/path",
          "path `"
              + p
              + "` matches no request: the regular expression must match the whole path, which"
              + " starts with `/`",
          "write `path: \"/" + p + "\"`");
    } else if (p.length() >= 2 && p.endsWith("/*") && !p.endsWith("\\/*")) {
      matchesNothing(
          path + "/path",
          "path `"
              + p
              + "` is a regular expression, not a glob: `/*` repeats the slash, so no request"
              + " below `"
              + p.substring(0, p.length() - 2)
              + "/` matches",
          "for the prefix, write `path: \"" + p.substring(0, p.length() - 1) + ".*\"`");
    }
  }

  private void matchesNothing(String pointer, String what, String hint) {
    out.add(
        Diagnostic.of(
            Code.CIL0512,
            input.at(pointer),
            what + "; Envoy answers those requests `403 Access denied`",
            hint));
  }

  private static String upper(String s) {
    return s.toUpperCase(Locale.ROOT);
  }

  /** CIL0510: {@code endPort} below 1.16 is pruned or refused; only {@code port} remains (§2). */
  private void endPort(PortProtocol port, String path, boolean deny) {
    if (target.hasEndPort() || port.endPort() == null) {
      return;
    }
    String range = port.port() + "-" + port.endPort();
    out.add(
        Diagnostic.of(
            Code.CIL0510,
            input.at(path + "/endPort"),
            "`endPort` is not in Cilium "
                + target
                + ": the API server refuses or prunes it, and"
                + " then only port "
                + port.port()
                + " of "
                + range
                + " is "
                + (deny ? "denied" : "allowed"),
            "list the ports singly (at most 40 per `toPorts` entry), or target Cilium 1.16+;"
                + " in Cilia, `tcp "
                + range
                + "` is expanded for you"));
  }

  /** CIL0513: an HTTP parser on a port that carries TLS or another protocol breaks it (§3.4). */
  private void httpPort(PortProtocol port, String path) {
    Integer number = number(port.port());
    if (number == null || (port.endPort() != null && target.hasEndPort())) {
      return; // a range that holds such a port is not taken as meant for it
    }
    int n = number;
    String what = NON_HTTP_PORTS.get(n);
    if (what != null) {
      out.add(
          Diagnostic.of(
              Code.CIL0513,
              input.at(path + "/port"),
              "port "
                  + n
                  + " usually carries "
                  + what
                  + ": the HTTP rules send it through"
                  + " Envoy's HTTP parser, which breaks those connections",
              "allow port "
                  + n
                  + " without `rules`; HTTP rules and visibility need plain-text"
                  + " HTTP"));
    }
  }

  /** CIL0509: CIDR rules never match the API server or nodes, which have cluster identities. */
  private void clusterPorts(List<PortRule> rules, String path) {
    if (rules == null) {
      return;
    }
    for (PortRule rule : rules) {
      for (PortProtocol port : rule.ports() == null ? List.<PortProtocol>of() : rule.ports()) {
        Integer number = number(port.port());
        String protocol =
            port.protocol() == null ? "ANY" : port.protocol().toUpperCase(Locale.ROOT);
        if (number == null || !(protocol.equals("TCP") || protocol.equals("ANY"))) {
          continue;
        }
        int high = port.endPort() != null && target.hasEndPort() ? port.endPort() : number;
        for (Map.Entry<Integer, String> e : CLUSTER_PORTS.entrySet()) {
          int p = e.getKey();
          if (p >= number && p <= high) {
            boolean apiserver = p == 6443;
            out.add(
                Diagnostic.of(
                    Code.CIL0509,
                    input.at(path),
                    "a CIDR rule on tcp/"
                        + p
                        + " never matches "
                        + e.getValue()
                        + ": "
                        + (apiserver
                            ? "its addresses carry the `kube-apiserver` identity"
                            : "node addresses carry the `host` and `remote-node` identities")
                        + ", and CIDR rules match only addresses outside the cluster",
                    apiserver
                        ? "use `toEntities: [kube-apiserver]` (in Cilia: `allow tcp 6443 to"
                            + " kube-apiserver`)"
                        : "use `toEntities: [host, remote-node]` (in Cilia: `allow tcp 10250 to"
                            + " host or remote-node`)"));
            return;
          }
        }
      }
    }
  }

  private static Integer number(String port) {
    if (port == null || !port.matches("\\d{1,5}")) {
      return null;
    }
    int n = Integer.parseInt(port);
    return n >= 1 && n <= 65535 ? n : null;
  }
}
