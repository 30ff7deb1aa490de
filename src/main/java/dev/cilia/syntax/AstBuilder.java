package dev.cilia.syntax;

import dev.cilia.diag.Code;
import dev.cilia.diag.Diagnostic;
import dev.cilia.source.SharedStrings;
import dev.cilia.source.SourceFile;
import dev.cilia.source.Span;
import dev.cilia.syntax.Ast.*;
import dev.cilia.syntax.antlr.CiliaLexer;
import dev.cilia.syntax.antlr.CiliaParser.*;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

/** The only code that sees ANTLR's parse tree: turns it into {@link Ast} records. */
final class AstBuilder {
  private final SourceFile source;
  private final Parser.Offsets offsets;
  private final CommonTokenStream tokens;
  private final List<Diagnostic> diagnostics = new ArrayList<>();

  AstBuilder(SourceFile source, Parser.Offsets offsets, CommonTokenStream tokens) {
    this.source = source;
    this.offsets = offsets;
    this.tokens = tokens;
  }

  List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  CiliaFile build(FileContext file) {
    List<Decl> decls = new ArrayList<>();
    for (TopLevelContext top : file.topLevel()) {
      decls.add(decl(top));
    }
    List<Comment> comments = new ArrayList<>();
    for (Token token : tokens.getTokens()) {
      if (token.getType() == CiliaLexer.COMMENT) {
        comments.add(new Comment(token.getText(), offsets.span(source, token)));
      }
    }
    return new CiliaFile(source, decls, comments);
  }

  private Decl decl(TopLevelContext top) {
    Span span = span(top);
    if (top instanceof CiliumDeclContext c) {
      return new CiliumDecl(word(c.version), span);
    } else if (top instanceof ImportDeclContext c) {
      return new ImportDecl(string(c.path), span);
    } else if (top instanceof LetDeclContext c) {
      return new LetDecl(word(c.name), letValue(c.letValue()), span);
    } else if (top instanceof TopResolverContext c) {
      return new ResolverDecl(peerExpr(c.peerExpr()), span);
    } else if (top instanceof PolicyDeclContext c) {
      return new PolicyDecl(
          false, word(c.name), Optional.of(word(c.namespace)), statements(c.body()), span);
    } else if (top instanceof ClusterwideDeclContext c) {
      return new PolicyDecl(true, word(c.name), Optional.empty(), statements(c.body()), span);
    } else if (top instanceof TestDeclContext c) {
      List<Expect> expects = new ArrayList<>();
      for (ExpectStmtContext e : c.expectStmt()) {
        expects.add(expect(e));
      }
      return new TestDecl(
          string(c.title), selector(c.selector()), word(c.namespace), expects, span);
    } else if (top instanceof MonitoringDeclContext c) {
      List<MonitoringSetting> settings = new ArrayList<>();
      for (MonitoringSettingContext setting : c.monitoringSetting()) {
        List<MonitoringValue> values = new ArrayList<>();
        for (MonitoringValueContext v : setting.monitoringValue()) {
          values.add(monitoringValue(v));
        }
        settings.add(new MonitoringSetting(word(setting.name), values, span(setting)));
      }
      return new MonitoringDecl(word(c.MONITORING().getSymbol()), settings, span);
    }
    throw new AssertionError(top.getClass());
  }

  private MonitoringValue monitoringValue(MonitoringValueContext ctx) {
    Span span = span(ctx);
    if (ctx instanceof PairValueContext c) {
      return new MonitoringValue(
          Optional.of(word(c.key)),
          labelValue(c.labelValue()),
          c.labelValue().STRING() != null,
          span);
    } else if (ctx instanceof WordValueContext c) {
      return new MonitoringValue(Optional.empty(), word(c.word()), false, span);
    } else if (ctx instanceof StringValueContext c) {
      Str s = string(c.STRING().getSymbol());
      return new MonitoringValue(Optional.empty(), new Word(s.value(), s.span()), true, span);
    }
    throw new AssertionError(ctx.getClass());
  }

  private LetValue letValue(LetValueContext ctx) {
    if (ctx.peerExpr() != null) {
      PeerExprContext p = ctx.peerExpr();
      if (p.peer().size() == 1 && p.peer(0) instanceof NamedPeerContext named) {
        return new LetAlias(word(named.getStart()));
      }
      return new LetPeer(peerExpr(p));
    }
    List<ServiceItem> services = services(ctx.serviceList());
    if (services.size() == 1 && services.get(0) instanceof NamedService named) {
      return new LetAlias(named.name());
    }
    return new LetServices(services, span(ctx));
  }

  private List<Stmt> statements(BodyContext body) {
    List<Stmt> stmts = new ArrayList<>();
    for (StatementContext s : body.statement()) {
      stmts.add(statement(s));
    }
    return stmts;
  }

  private Stmt statement(StatementContext ctx) {
    Span span = span(ctx);
    if (ctx instanceof DescriptionStmtContext c) {
      return new Description(string(c.text), span);
    } else if (ctx instanceof LabelStmtContext c) {
      return new LabelStmt(word(c.key), labelValue(c.value), span);
    } else if (ctx instanceof SelectNamespaceStmtContext c) {
      Optional<Selector> pods =
          c.selector() == null ? Optional.empty() : Optional.of(selector(c.selector()));
      return new Select(new SelectNamespace(word(c.namespace), pods), span);
    } else if (ctx instanceof SelectNamespacesStmtContext c) {
      return new Select(new SelectNamespaces(selector(c.selector())), span);
    } else if (ctx instanceof SelectStmtContext c) {
      return new Select(new SelectPods(selector(c.selector())), span);
    } else if (ctx instanceof EnforceStmtContext c) {
      Optional<Direction> direction =
          c.EGRESS() != null
              ? Optional.of(Direction.EGRESS)
              : c.INGRESS() != null ? Optional.of(Direction.INGRESS) : Optional.empty();
      return new Enforce(direction, c.DNS() != null, span);
    } else if (ctx instanceof ObserveDnsStmtContext c) {
      List<Str> patterns = new ArrayList<>();
      for (TerminalNode s : c.STRING()) {
        patterns.add(string(s.getSymbol()));
      }
      return new ObserveDns(patterns, span);
    } else if (ctx instanceof ObserveHttpStmtContext c) {
      List<Word> ports = new ArrayList<>();
      for (TerminalNode w : c.portList().WORD()) {
        ports.add(word(w.getSymbol()));
      }
      Direction direction = c.FROM() != null ? Direction.INGRESS : Direction.EGRESS;
      Optional<PeerExpr> peer =
          c.peerExpr() == null ? Optional.empty() : Optional.of(peerExpr(c.peerExpr()));
      return new ObserveHttp(ports, direction, peer, span);
    } else if (ctx instanceof RuleStmtContext c) {
      boolean allow = c.ALLOW() != null;
      Token keyword = allow ? c.ALLOW().getSymbol() : c.DENY().getSymbol();
      List<ServiceItem> services = c.serviceList() == null ? List.of() : services(c.serviceList());
      Direction direction = c.FROM() != null ? Direction.INGRESS : Direction.EGRESS;
      return new RuleStmt(
          allow ? Action.ALLOW : Action.DENY,
          word(keyword),
          services,
          direction,
          peerExpr(c.peerExpr()),
          span);
    } else if (ctx instanceof ResolverStmtContext c) {
      return new ResolverStmt(peerExpr(c.peerExpr()), span);
    }
    throw new AssertionError(ctx.getClass());
  }

  private List<ServiceItem> services(ServiceListContext ctx) {
    List<ServiceItem> items = new ArrayList<>();
    for (ServiceItemContext item : ctx.serviceItem()) {
      items.add(serviceItem(item));
    }
    return items;
  }

  private ServiceItem serviceItem(ServiceItemContext ctx) {
    if (ctx instanceof ProtocolPortsContext c) {
      return new ProtocolPorts(word(c.protocol()), word(c.WORD().getSymbol()), span(ctx));
    } else if (ctx instanceof FtpServiceContext c) {
      Optional<Word> range = c.range == null ? Optional.empty() : Optional.of(word(c.range));
      return new Ftp(word(c.FTP().getSymbol()), range, span(ctx));
    } else if (ctx instanceof NamedServiceContext c) {
      Word name = word(c);
      if (!name.text().isEmpty() && Character.isDigit(name.text().charAt(0))) {
        return new BarePort(name);
      }
      return new NamedService(name);
    }
    throw new AssertionError(ctx.getClass());
  }

  private PeerExpr peerExpr(PeerExprContext ctx) {
    List<Peer> peers = new ArrayList<>();
    for (PeerContext p : ctx.peer()) {
      peers.add(peer(p));
    }
    return new PeerExpr(peers, span(ctx));
  }

  private Peer peer(PeerContext ctx) {
    Span span = span(ctx);
    if (ctx instanceof NamespacePeerContext c) {
      return new NamespacePeer(word(c.word()), span);
    } else if (ctx instanceof PodsPeerContext c) {
      Optional<Word> ns = c.namespace == null ? Optional.empty() : Optional.of(word(c.namespace));
      return new PodsPeer(selector(c.selector()), ns, span);
    } else if (ctx instanceof NamespacesPeerContext c) {
      return new NamespacesPeer(selector(c.selector()), span);
    } else if (ctx instanceof CidrPeerContext c) {
      List<Word> except = new ArrayList<>();
      for (TerminalNode w : c.WORD()) {
        if (w.getSymbol() != c.prefix) {
          except.add(word(w.getSymbol()));
        }
      }
      return new CidrPeer(word(c.prefix), except, span);
    } else if (ctx instanceof IpPeerContext c) {
      return new IpPeer(word(c.address), span);
    } else if (ctx instanceof FqdnPeerContext c) {
      return new FqdnPeer(string(c.STRING().getSymbol()), span);
    } else if (ctx instanceof EntityPeerContext c) {
      return new EntityPeer(word(c.word()), span);
    } else if (ctx instanceof ServicePeerContext c) {
      return new ServicePeer(word(c.name), word(c.namespace), span);
    } else if (ctx instanceof NamedPeerContext c) {
      return new NamedPeer(word(c.getStart()));
    }
    throw new AssertionError(ctx.getClass());
  }

  private Selector selector(SelectorContext ctx) {
    List<Term> terms = new ArrayList<>();
    for (TermContext t : ctx.term()) {
      terms.add(term(t));
    }
    return new Selector(terms, span(ctx));
  }

  private Term term(TermContext ctx) {
    Span span = span(ctx);
    if (ctx instanceof EqualsTermContext c) {
      return new Term(word(c.key), TermOp.EQUALS, List.of(labelValue(c.labelValue())), span);
    } else if (ctx instanceof NotEqualsTermContext c) {
      return new Term(word(c.key), TermOp.NOT_EQUALS, List.of(labelValue(c.labelValue())), span);
    } else if (ctx instanceof InTermContext c) {
      return new Term(word(c.key), TermOp.IN, labelValues(c.labelValue()), span);
    } else if (ctx instanceof NotInTermContext c) {
      return new Term(word(c.key), TermOp.NOT_IN, labelValues(c.labelValue()), span);
    } else if (ctx instanceof NotExistsTermContext c) {
      return new Term(word(c.key), TermOp.NOT_EXISTS, List.of(), span);
    } else if (ctx instanceof ExistsTermContext c) {
      return new Term(word(c.key), TermOp.EXISTS, List.of(), span);
    }
    throw new AssertionError(ctx.getClass());
  }

  private List<Word> labelValues(List<LabelValueContext> values) {
    List<Word> words = new ArrayList<>();
    for (LabelValueContext v : values) {
      words.add(labelValue(v));
    }
    return words;
  }

  /** A label value as a word; a quoted value keeps its unquoted text ({@code ""} is empty). */
  private Word labelValue(LabelValueContext ctx) {
    if (ctx.STRING() != null) {
      Str s = string(ctx.STRING().getSymbol());
      return new Word(s.value(), s.span());
    }
    return word(ctx.word());
  }

  private Expect expect(ExpectStmtContext ctx) {
    Span span = span(ctx);
    if (ctx instanceof ExpectDnsContext c) {
      return new ExpectDns(string(c.STRING().getSymbol()), span);
    } else if (ctx instanceof ExpectFlowContext c) {
      ExpectVerdict verdict =
          switch (c.verdict.getType()) {
            case CiliaLexer.ALLOW -> ExpectVerdict.ALLOW;
            case CiliaLexer.DENY -> ExpectVerdict.DENY;
            default -> ExpectVerdict.VISIBLE;
          };
      Direction direction = c.FROM() != null ? Direction.INGRESS : Direction.EGRESS;
      return new ExpectFlow(
          verdict, services(c.serviceList()), direction, testTarget(c.testTarget()), span);
    }
    throw new AssertionError(ctx.getClass());
  }

  private TestTarget testTarget(TestTargetContext ctx) {
    Span span = span(ctx);
    if (ctx instanceof IpTargetContext c) {
      return new IpTarget(word(c.address), span);
    } else if (ctx instanceof FqdnTargetContext c) {
      return new FqdnTarget(string(c.STRING().getSymbol()), span);
    } else if (ctx instanceof PodsTargetContext c) {
      return new PodsTarget(selector(c.selector()), word(c.namespace), span);
    } else if (ctx instanceof NamedTargetContext c) {
      return new NamedTarget(word(c.getStart()));
    }
    throw new AssertionError(ctx.getClass());
  }

  // Words repeat across files (`allow`, `tcp`, `app`, `kube-system`): one instance of each keeps
  // the
  // tree of a large project, and the IR made from it, small (docs/performance.md, finding 9).
  private Word word(Token token) {
    return new Word(SharedStrings.of(token.getText()), offsets.span(source, token));
  }

  private Word word(ParserRuleContext ctx) {
    return new Word(SharedStrings.of(ctx.getText()), span(ctx));
  }

  /** Resolves {@code \"} and {@code \\}; any other escape is CIL0105. */
  private Str string(Token token) {
    String raw = token.getText();
    Span span = offsets.span(source, token);
    StringBuilder value = new StringBuilder();
    for (int i = 1; i < raw.length() - 1; i++) {
      char c = raw.charAt(i);
      if (c == '\\') {
        char next = raw.charAt(i + 1);
        if (next == '"' || next == '\\') {
          value.append(next);
        } else {
          int at = span.start() + i;
          diagnostics.add(
              Diagnostic.of(
                  Code.CIL0105,
                  new Span(source, at, at + 2),
                  "invalid escape `\\" + next + "` in a string",
                  "only `\\\"` and `\\\\` are escapes; write other characters as they are"));
          value.append(next);
        }
        i++;
      } else {
        value.append(c);
      }
    }
    return new Str(SharedStrings.of(value.toString()), span);
  }

  private Span span(ParserRuleContext ctx) {
    return offsets.span(source, ctx.getStart(), ctx.getStop());
  }
}
