package dev.cilia.syntax;

import dev.cilia.source.SourceFile;
import dev.cilia.source.Span;
import java.util.List;
import java.util.Optional;

/**
 * The syntax tree of a {@code .cilia} file: our own records with spans, built from ANTLR's parse
 * tree by {@code AstBuilder}. Words are kept as written; the checker gives them meaning.
 */
public final class Ast {
  private Ast() {}

  /** A parsed file: its declarations in order and its comments (for the formatter). */
  public record CiliaFile(SourceFile source, List<Decl> decls, List<Comment> comments) {
    public CiliaFile {
      decls = List.copyOf(decls);
      comments = List.copyOf(comments);
    }
  }

  /** A {@code #} comment. */
  public record Comment(String text, Span span) {}

  /** A word as written: a name, number, range, CIDR, address, version or label part. */
  public record Word(String text, Span span) {}

  /** A string literal with its escapes resolved. */
  public record Str(String value, Span span) {}

  /** Traffic direction as written: {@code to} is egress, {@code from} is ingress. */
  public enum Direction {
    EGRESS,
    INGRESS
  }

  /** A top-level declaration. */
  public sealed interface Decl
      permits CiliumDecl, ImportDecl, LetDecl, ResolverDecl, PolicyDecl, TestDecl, MonitoringDecl {
    Span span();
  }

  /** {@code cilium 1.16}. */
  public record CiliumDecl(Word version, Span span) implements Decl {}

  /** {@code import "common.cilia"}. */
  public record ImportDecl(Str path, Span span) implements Decl {}

  /** {@code let NAME = …}. */
  public record LetDecl(Word name, LetValue value, Span span) implements Decl {}

  /** {@code resolver PEER} at the top of a file. */
  public record ResolverDecl(PeerExpr peer, Span span) implements Decl {}

  /** {@code policy NAME in namespace NS { … }} or {@code clusterwide policy NAME { … }}. */
  public record PolicyDecl(
      boolean clusterwide, Word name, Optional<Word> namespace, List<Stmt> body, Span span)
      implements Decl {
    public PolicyDecl {
      body = List.copyOf(body);
    }
  }

  /** {@code test "TITLE" for pods SELECTOR in namespace NS { expect … }}. */
  public record TestDecl(
      Str title, Selector selector, Word namespace, List<Expect> expects, Span span)
      implements Decl {
    public TestDecl {
      expects = List.copyOf(expects);
    }
  }

  /** {@code monitoring { NAME VALUE, … }}: how the policies are watched (docs/monitoring.md). */
  public record MonitoringDecl(Word keyword, List<MonitoringSetting> settings, Span span)
      implements Decl {
    public MonitoringDecl {
      settings = List.copyOf(settings);
    }
  }

  /** One line of a {@code monitoring} block: a setting name and its values. */
  public record MonitoringSetting(Word name, List<MonitoringValue> values, Span span) {
    public MonitoringSetting {
      values = List.copyOf(values);
    }
  }

  /**
   * A value of a monitoring setting: a word, a string ({@code quoted}, escapes resolved) or {@code
   * KEY=VALUE}.
   */
  public record MonitoringValue(Optional<Word> key, Word value, boolean quoted, Span span) {}

  /** The right-hand side of a {@code let}. */
  public sealed interface LetValue permits LetPeer, LetServices, LetAlias {
    Span span();
  }

  /** A {@code let} of a peer expression. */
  public record LetPeer(PeerExpr peer) implements LetValue {
    @Override
    public Span span() {
      return peer.span();
    }
  }

  /** A {@code let} of a service list. */
  public record LetServices(List<ServiceItem> services, Span span) implements LetValue {
    public LetServices {
      services = List.copyOf(services);
    }
  }

  /** A {@code let} of a single name, whose kind comes from what it names. */
  public record LetAlias(Word target) implements LetValue {
    @Override
    public Span span() {
      return target.span();
    }
  }

  /** A statement inside a policy. */
  public sealed interface Stmt
      permits Description,
          LabelStmt,
          Select,
          Enforce,
          ObserveDns,
          ObserveHttp,
          RuleStmt,
          ResolverStmt {
    Span span();
  }

  /** {@code description "…"}. */
  public record Description(Str text, Span span) implements Stmt {}

  /** {@code label KEY=VALUE}. */
  public record LabelStmt(Word key, Word value, Span span) implements Stmt {}

  /** {@code select …}: which endpoints the policy applies to. */
  public record Select(SelectTarget target, Span span) implements Stmt {}

  /** What a {@code select} names. */
  public sealed interface SelectTarget permits SelectPods, SelectNamespace, SelectNamespaces {}

  /** {@code select SELECTOR}. */
  public record SelectPods(Selector selector) implements SelectTarget {}

  /** {@code select namespace NS [pods SELECTOR]} (clusterwide only). */
  public record SelectNamespace(Word namespace, Optional<Selector> pods) implements SelectTarget {}

  /** {@code select namespaces SELECTOR} (clusterwide only). */
  public record SelectNamespaces(Selector selector) implements SelectTarget {}

  /**
   * {@code enforce}, {@code enforce egress} or {@code enforce ingress}: empty = both; or {@code
   * enforce dns} ({@code dns} true, no direction): strict DNS names.
   */
  public record Enforce(Optional<Direction> direction, boolean dns, Span span) implements Stmt {}

  /** {@code observe dns "PATTERN", …}. */
  public record ObserveDns(List<Str> patterns, Span span) implements Stmt {
    public ObserveDns {
      patterns = List.copyOf(patterns);
    }
  }

  /** {@code observe http on PORTS [to|from PEER]}. */
  public record ObserveHttp(
      List<Word> ports, Direction direction, Optional<PeerExpr> peer, Span span) implements Stmt {
    public ObserveHttp {
      ports = List.copyOf(ports);
    }
  }

  /** Whether a rule lets traffic through or drops it. */
  public enum Action {
    ALLOW,
    DENY
  }

  /** {@code allow|deny [SERVICES] to|from PEER}. */
  public record RuleStmt(
      Action action,
      Word keyword,
      List<ServiceItem> services,
      Direction direction,
      PeerExpr peer,
      Span span)
      implements Stmt {
    public RuleStmt {
      services = List.copyOf(services);
    }
  }

  /** {@code resolver PEER} inside a policy. */
  public record ResolverStmt(PeerExpr peer, Span span) implements Stmt {}

  /** One item of a service list. */
  public sealed interface ServiceItem permits ProtocolPorts, BarePort, Ftp, NamedService {
    Span span();
  }

  /** {@code tcp 80}, {@code udp 53}, {@code any 53}, {@code tcp 9000-9100}. */
  public record ProtocolPorts(Word protocol, Word ports, Span span) implements ServiceItem {}

  /** A port or range after a comma that continues the protocol before it. */
  public record BarePort(Word ports) implements ServiceItem {
    @Override
    public Span span() {
      return ports.span();
    }
  }

  /** {@code ftp} or {@code ftp passive L-H}. */
  public record Ftp(Word keyword, Optional<Word> passiveRange, Span span) implements ServiceItem {}

  /** A preset ({@code https}) or a {@code let} name. */
  public record NamedService(Word name) implements ServiceItem {
    @Override
    public Span span() {
      return name.span();
    }
  }

  /** Peers joined by {@code or}. */
  public record PeerExpr(List<Peer> alternatives, Span span) {
    public PeerExpr {
      alternatives = List.copyOf(alternatives);
    }
  }

  /** One peer as written. */
  public sealed interface Peer
      permits NamespacePeer,
          PodsPeer,
          NamespacesPeer,
          CidrPeer,
          IpPeer,
          FqdnPeer,
          EntityPeer,
          ServicePeer,
          NamedPeer {
    Span span();
  }

  /** {@code namespace NS}. */
  public record NamespacePeer(Word namespace, Span span) implements Peer {}

  /** {@code pods SELECTOR [in namespace NS]}. */
  public record PodsPeer(Selector selector, Optional<Word> namespace, Span span) implements Peer {}

  /** {@code namespaces SELECTOR}. */
  public record NamespacesPeer(Selector selector, Span span) implements Peer {}

  /** {@code cidr A/N [except B/M, …]}. */
  public record CidrPeer(Word prefix, List<Word> except, Span span) implements Peer {
    public CidrPeer {
      except = List.copyOf(except);
    }
  }

  /** {@code ip A}. */
  public record IpPeer(Word address, Span span) implements Peer {}

  /** {@code fqdn "name"}. */
  public record FqdnPeer(Str pattern, Span span) implements Peer {}

  /** {@code entity NAME}. */
  public record EntityPeer(Word name, Span span) implements Peer {}

  /** {@code service NAME in namespace NS}. */
  public record ServicePeer(Word name, Word namespace, Span span) implements Peer {}

  /** A builtin ({@code world}, {@code kube-dns}, …) or a {@code let} name. */
  public record NamedPeer(Word name) implements Peer {
    @Override
    public Span span() {
      return name.span();
    }
  }

  /** A label selector in kubectl {@code -l} syntax: terms joined by commas (and). */
  public record Selector(List<Term> terms, Span span) {
    public Selector {
      terms = List.copyOf(terms);
    }
  }

  /** Operators of selector terms. */
  public enum TermOp {
    EQUALS,
    NOT_EQUALS,
    IN,
    NOT_IN,
    EXISTS,
    NOT_EXISTS
  }

  /** One selector term: {@code key=value}, {@code key in (a, b)}, {@code !key}, … */
  public record Term(Word key, TermOp op, List<Word> values, Span span) {
    public Term {
      values = List.copyOf(values);
    }
  }

  /** What an {@code expect} line checks. */
  public enum ExpectVerdict {
    ALLOW,
    DENY,
    VISIBLE
  }

  /** One line of a test block. */
  public sealed interface Expect permits ExpectFlow, ExpectDns {
    Span span();
  }

  /** {@code expect allow|deny|visible SERVICES to|from TARGET}. */
  public record ExpectFlow(
      ExpectVerdict verdict,
      List<ServiceItem> services,
      Direction direction,
      TestTarget target,
      Span span)
      implements Expect {
    public ExpectFlow {
      services = List.copyOf(services);
    }
  }

  /** {@code expect visible dns "name"}. */
  public record ExpectDns(Str name, Span span) implements Expect {}

  /** The other end of a tested flow. */
  public sealed interface TestTarget permits IpTarget, FqdnTarget, PodsTarget, NamedTarget {
    Span span();
  }

  /** {@code ip A}. */
  public record IpTarget(Word address, Span span) implements TestTarget {}

  /** {@code fqdn "name"}. */
  public record FqdnTarget(Str name, Span span) implements TestTarget {}

  /** {@code pods LABELS in namespace NS}. */
  public record PodsTarget(Selector selector, Word namespace, Span span) implements TestTarget {}

  /** {@code world}, {@code host}, {@code remote-node}, {@code kube-apiserver}. */
  public record NamedTarget(Word name) implements TestTarget {
    @Override
    public Span span() {
      return name.span();
    }
  }
}
