package dev.cilia.format;

import dev.cilia.syntax.Ast;
import dev.cilia.syntax.Ast.*;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints one declaration header, statement or expectation on one line in canonical spacing. Words
 * and strings are printed as written (their source text), so quoting and escapes never change.
 */
final class Printer {
  /** {@code expect} verdicts are padded to this width so that allow and deny lines line up. */
  static final int VERDICT_WIDTH = 5;

  private Printer() {}

  static String cilium(CiliumDecl d) {
    return "cilium " + raw(d.version());
  }

  static String importDecl(ImportDecl d) {
    return "import " + raw(d.path());
  }

  /** The right-hand side of a {@code let}. */
  static String letValue(LetValue value) {
    if (value instanceof LetPeer p) {
      return peers(p.peer());
    } else if (value instanceof LetServices s) {
      return services(s.services());
    } else if (value instanceof LetAlias a) {
      return raw(a.target());
    }
    throw new AssertionError(value);
  }

  static String resolver(ResolverDecl d) {
    return "resolver " + peers(d.peer());
  }

  /** {@code policy N in namespace NS {} or {@code clusterwide policy N {}. */
  static String policyHeader(PolicyDecl d) {
    if (d.clusterwide()) {
      return "clusterwide policy " + raw(d.name()) + " {";
    }
    return "policy " + raw(d.name()) + " in namespace " + raw(d.namespace().orElseThrow()) + " {";
  }

  static String testHeader(TestDecl d) {
    return "test "
        + raw(d.title())
        + " for pods "
        + selector(d.selector())
        + " in namespace "
        + raw(d.namespace())
        + " {";
  }

  static String statement(Stmt stmt) {
    if (stmt instanceof Description s) {
      return "description " + raw(s.text());
    } else if (stmt instanceof LabelStmt s) {
      return "label " + raw(s.key()) + "=" + raw(s.value());
    } else if (stmt instanceof Select s) {
      return "select " + selectTarget(s.target());
    } else if (stmt instanceof Enforce s) {
      if (s.dns()) {
        return "enforce dns";
      }
      return "enforce"
          + s.direction().map(d -> " " + (d == Direction.EGRESS ? "egress" : "ingress")).orElse("");
    } else if (stmt instanceof ObserveDns s) {
      List<String> patterns = new ArrayList<>();
      s.patterns().forEach(p -> patterns.add(raw(p)));
      return "observe dns " + String.join(", ", patterns);
    } else if (stmt instanceof ObserveHttp s) {
      List<String> ports = new ArrayList<>();
      s.ports().forEach(p -> ports.add(raw(p)));
      String peer = s.peer().map(p -> " " + direction(s.direction()) + " " + peers(p)).orElse("");
      return "observe http on " + String.join(", ", ports) + peer;
    } else if (stmt instanceof RuleStmt s) {
      String action = s.action() == Action.ALLOW ? "allow" : "deny";
      String services = s.services().isEmpty() ? "" : " " + services(s.services());
      return action + services + " " + direction(s.direction()) + " " + peers(s.peer());
    } else if (stmt instanceof ResolverStmt s) {
      return "resolver " + peers(s.peer());
    }
    throw new AssertionError(stmt);
  }

  /** {@code NAME VALUE, VALUE} of a monitoring block. */
  static String monitoringSetting(MonitoringSetting setting) {
    List<String> values = new ArrayList<>();
    for (MonitoringValue v : setting.values()) {
      values.add(v.key().map(k -> raw(k) + "=").orElse("") + raw(v.value()));
    }
    return raw(setting.name()) + " " + String.join(", ", values);
  }

  static String expect(Expect expect) {
    if (expect instanceof ExpectDns e) {
      return "expect visible dns " + raw(e.name());
    } else if (expect instanceof ExpectFlow e) {
      String verdict =
          switch (e.verdict()) {
            case ALLOW -> "allow";
            case DENY -> "deny";
            case VISIBLE -> "visible";
          };
      return "expect "
          + pad(verdict, VERDICT_WIDTH)
          + " "
          + services(e.services())
          + " "
          + direction(e.direction())
          + " "
          + testTarget(e.target());
    }
    throw new AssertionError(expect);
  }

  private static String selectTarget(SelectTarget target) {
    if (target instanceof SelectPods t) {
      return selector(t.selector());
    } else if (target instanceof SelectNamespace t) {
      return "namespace "
          + raw(t.namespace())
          + t.pods().map(s -> " pods " + selector(s)).orElse("");
    } else if (target instanceof SelectNamespaces t) {
      return "namespaces " + selector(t.selector());
    }
    throw new AssertionError(target);
  }

  private static String testTarget(TestTarget target) {
    if (target instanceof IpTarget t) {
      return "ip " + raw(t.address());
    } else if (target instanceof FqdnTarget t) {
      return "fqdn " + raw(t.name());
    } else if (target instanceof PodsTarget t) {
      return "pods " + selector(t.selector()) + " in namespace " + raw(t.namespace());
    } else if (target instanceof NamedTarget t) {
      return raw(t.name());
    }
    throw new AssertionError(target);
  }

  private static String services(List<ServiceItem> items) {
    List<String> out = new ArrayList<>();
    for (ServiceItem item : items) {
      out.add(service(item));
    }
    return String.join(", ", out);
  }

  private static String service(ServiceItem item) {
    if (item instanceof ProtocolPorts p) {
      return raw(p.protocol()) + " " + raw(p.ports());
    } else if (item instanceof BarePort p) {
      return raw(p.ports());
    } else if (item instanceof Ftp f) {
      return "ftp" + f.passiveRange().map(r -> " passive " + raw(r)).orElse("");
    } else if (item instanceof NamedService n) {
      return raw(n.name());
    }
    throw new AssertionError(item);
  }

  private static String peers(PeerExpr expr) {
    List<String> out = new ArrayList<>();
    for (Peer peer : expr.alternatives()) {
      out.add(peer(peer));
    }
    return String.join(" or ", out);
  }

  private static String peer(Peer peer) {
    if (peer instanceof NamespacePeer p) {
      return "namespace " + raw(p.namespace());
    } else if (peer instanceof PodsPeer p) {
      return "pods "
          + selector(p.selector())
          + p.namespace().map(ns -> " in namespace " + raw(ns)).orElse("");
    } else if (peer instanceof NamespacesPeer p) {
      return "namespaces " + selector(p.selector());
    } else if (peer instanceof CidrPeer p) {
      List<String> except = new ArrayList<>();
      p.except().forEach(w -> except.add(raw(w)));
      return "cidr "
          + raw(p.prefix())
          + (except.isEmpty() ? "" : " except " + String.join(", ", except));
    } else if (peer instanceof IpPeer p) {
      return "ip " + raw(p.address());
    } else if (peer instanceof FqdnPeer p) {
      return "fqdn " + raw(p.pattern());
    } else if (peer instanceof EntityPeer p) {
      return "entity " + raw(p.name());
    } else if (peer instanceof ServicePeer p) {
      return "service " + raw(p.name()) + " in namespace " + raw(p.namespace());
    } else if (peer instanceof NamedPeer p) {
      return raw(p.name());
    }
    throw new AssertionError(peer);
  }

  private static String selector(Selector selector) {
    List<String> terms = new ArrayList<>();
    for (Term term : selector.terms()) {
      terms.add(term(term));
    }
    return String.join(", ", terms);
  }

  private static String term(Term term) {
    String key = raw(term.key());
    return switch (term.op()) {
      case EQUALS -> key + "=" + raw(term.values().get(0));
      case NOT_EQUALS -> key + "!=" + raw(term.values().get(0));
      case IN -> key + " in (" + values(term.values()) + ")";
      case NOT_IN -> key + " notin (" + values(term.values()) + ")";
      case EXISTS -> key;
      case NOT_EXISTS -> "!" + key;
    };
  }

  private static String values(List<Word> values) {
    List<String> out = new ArrayList<>();
    values.forEach(v -> out.add(raw(v)));
    return String.join(", ", out);
  }

  private static String direction(Direction direction) {
    return direction == Direction.EGRESS ? "to" : "from";
  }

  /** A word as written; a quoted label value keeps its quotes. */
  static String raw(Ast.Word word) {
    return word.span().text();
  }

  /** A string as written, quotes and escapes included. */
  private static String raw(Ast.Str str) {
    return str.span().text();
  }

  static String pad(String text, int width) {
    int length = text.codePointCount(0, text.length());
    return length >= width ? text : text + " ".repeat(width - length);
  }
}
