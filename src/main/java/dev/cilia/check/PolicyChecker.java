package dev.cilia.check;

import dev.cilia.check.PeerChecker.Alternative;
import dev.cilia.check.PeerChecker.Context;
import dev.cilia.check.Scopes.Scope;
import dev.cilia.diag.Code;
import dev.cilia.diag.Diagnostic;
import dev.cilia.diag.Diagnostics;
import dev.cilia.diag.Related;
import dev.cilia.ir.Direction;
import dev.cilia.ir.DnsSettings;
import dev.cilia.ir.NamespaceMatch;
import dev.cilia.ir.Peer;
import dev.cilia.ir.Policy;
import dev.cilia.ir.Selector;
import dev.cilia.ir.Statement;
import dev.cilia.ir.VersionPin;
import dev.cilia.source.Span;
import dev.cilia.syntax.Ast;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Policies: name, namespace, description, labels, {@code select}, {@code enforce} and the resolver,
 * each given once (CIL0227), and the traffic statements of the body.
 */
final class PolicyChecker {
  private final Diagnostics diagnostics;
  private final Selectors selectors;
  private final PeerChecker peers;
  private final StatementChecker traffic;

  PolicyChecker(
      Diagnostics diagnostics,
      Selectors selectors,
      PeerChecker peers,
      StatementChecker statements) {
    this.diagnostics = diagnostics;
    this.selectors = selectors;
    this.peers = peers;
    this.traffic = statements;
  }

  Optional<Policy> check(
      Scope scope, Ast.PolicyDecl decl, VersionPin pin, Optional<Ast.ResolverDecl> fileResolver) {
    boolean ok = true;
    String name = decl.name().text();
    if (!Values.isDnsSubdomain(name)) {
      diagnostics.error(
          Code.CIL0209,
          decl.name().span(),
          "`" + name + "` is not a valid policy name",
          "policy names are lowercase letters, digits, `-` and `.`, 253 characters at most");
      ok = false;
    }
    String namespace = "";
    if (decl.namespace().isPresent()) {
      namespace = decl.namespace().get().text();
      ok &= selectors.namespace(decl.namespace().get());
    }
    boolean clusterwide = decl.clusterwide();
    Context context =
        new Context(
            scope,
            clusterwide ? NamespaceMatch.ANY : new NamespaceMatch.Named(namespace),
            clusterwide);

    Optional<Ast.Description> description = Optional.empty();
    Optional<Ast.Select> select = Optional.empty();
    Optional<Ast.ResolverStmt> resolverStmt = Optional.empty();
    boolean strictDns = false;
    Map<String, Ast.LabelStmt> labels = new TreeMap<>();
    Set<Direction> enforced = EnumSet.noneOf(Direction.class);
    List<Statement> statements = new ArrayList<>();
    Selector subjectPods = Selector.ALL;
    NamespaceMatch subjectNamespaces = context.podsDefault();

    for (Ast.Stmt stmt : decl.body()) {
      if (stmt instanceof Ast.Description d) {
        if (description.isPresent()) {
          ok &= duplicate(d.span(), "description", description.get().span());
        } else {
          description = Optional.of(d);
        }
      } else if (stmt instanceof Ast.LabelStmt l) {
        ok &= selectors.labelKey(l.key()) & selectors.labelValue(l.value());
        Ast.LabelStmt previous = labels.putIfAbsent(l.key().text(), l);
        if (previous != null) {
          ok &= duplicate(l.span(), "label `" + l.key().text() + "`", previous.span());
        }
      } else if (stmt instanceof Ast.Select s) {
        if (select.isPresent()) {
          ok &= duplicate(s.span(), "`select`", select.get().span());
          continue;
        }
        select = Optional.of(s);
        if (s.target() instanceof Ast.SelectPods pods) {
          Optional<Selector> sel = selectors.selector(pods.selector());
          ok &= sel.isPresent();
          subjectPods = sel.orElse(Selector.ALL);
        } else if (!clusterwide) {
          diagnostics.error(
              Code.CIL0223,
              s.span(),
              "`select namespace` and `select namespaces` are only for clusterwide policies",
              "this policy's pods are in namespace `"
                  + namespace
                  + "`; select them by label, e.g."
                  + " `select app=web`");
          ok = false;
        } else if (s.target() instanceof Ast.SelectNamespace sn) {
          ok &= selectors.namespace(sn.namespace());
          subjectNamespaces = new NamespaceMatch.Named(sn.namespace().text());
          if (sn.pods().isPresent()) {
            Optional<Selector> sel = selectors.selector(sn.pods().get());
            ok &= sel.isPresent();
            subjectPods = sel.orElse(Selector.ALL);
          }
        } else if (s.target() instanceof Ast.SelectNamespaces sns) {
          Optional<Selector> sel = selectors.selector(sns.selector());
          ok &= sel.isPresent();
          subjectNamespaces = new NamespaceMatch.Labelled(sel.orElse(Selector.ALL));
        }
      } else if (stmt instanceof Ast.Enforce e) {
        if (e.dns()) {
          strictDns = true;
        } else if (e.direction().isEmpty()) {
          enforced.add(Direction.EGRESS);
          enforced.add(Direction.INGRESS);
        } else {
          enforced.add(StatementChecker.direction(e.direction().get()));
        }
      } else if (stmt instanceof Ast.ResolverStmt r) {
        if (resolverStmt.isPresent()) {
          ok &= duplicate(r.span(), "`resolver`", resolverStmt.get().span());
        } else {
          resolverStmt = Optional.of(r);
        }
      } else {
        Optional<Statement> statement = traffic.traffic(stmt, context);
        ok &= statement.isPresent();
        statement.ifPresent(statements::add);
      }
    }

    List<Peer> resolver;
    if (resolverStmt.isPresent()) {
      resolver = resolverPeers(resolverStmt.get().peer(), context);
    } else if (fileResolver.isPresent()) {
      resolver = resolverPeers(fileResolver.get().peer(), context);
    } else {
      resolver = List.of(PeerChecker.kubeDns(decl.name().span()));
    }
    ok &= !resolver.isEmpty();

    if (clusterwide && select.isEmpty()) {
      diagnostics.add(
          Diagnostic.of(
              Code.CIL0302,
              decl.name().span(),
              "clusterwide policy `" + name + "` selects every endpoint",
              "add `select …` to choose endpoints, or keep it if every endpoint is meant"));
    }
    boolean declaresTraffic =
        decl.body().stream()
            .anyMatch(
                s ->
                    s instanceof Ast.Enforce
                        || s instanceof Ast.ObserveDns
                        || s instanceof Ast.ObserveHttp
                        || s instanceof Ast.RuleStmt);
    if (!declaresTraffic) {
      diagnostics.add(
          Diagnostic.of(
              Code.CIL0308,
              decl.name().span(),
              "policy `" + name + "` has no statements",
              "add `observe`, `allow`, `deny` or `enforce` statements"));
      ok = false;
    }
    if (!ok) {
      return Optional.empty();
    }
    Map<String, String> labelValues = new TreeMap<>();
    labels.forEach((k, v) -> labelValues.put(k, v.value().text()));
    return Optional.of(
        new Policy(
            name,
            clusterwide,
            namespace,
            description.map(d -> d.text().value()).orElse(""),
            new TreeMap<>(labelValues),
            subjectPods,
            subjectNamespaces,
            enforced,
            resolver,
            statements,
            pin,
            decl.name().span(),
            DnsSettings.DEFAULT.withStrict(strictDns)));
  }

  /** The peers of a {@code resolver}: pods, addresses or entities (CIL0223). */
  private List<Peer> resolverPeers(Ast.PeerExpr expr, Context context) {
    Optional<List<Alternative>> written = peers.alternatives(expr, context);
    if (written.isEmpty()) {
      return List.of();
    }
    for (Alternative alternative : written.get()) {
      for (Peer peer : alternative.peers()) {
        if (PeerChecker.egressOnly(peer)) {
          String kind = PeerChecker.egressOnlyKind(peer);
          peers.misplaced(
              alternative,
              peer,
              Code.CIL0223,
              "a resolver must be pods, an address or an entity",
              name ->
                  "`"
                      + name
                      + "` holds "
                      + kind
                      + "; a resolver must be pods, an address or an"
                      + " entity",
              "name the DNS server's pods, e.g. `resolver pods k8s-app=kube-dns in namespace"
                  + " kube-system`, or its address with `ip`");
          return List.of();
        }
      }
    }
    return PeerChecker.flatten(written.get());
  }

  private boolean duplicate(Span span, String what, Span first) {
    diagnostics.add(
        Diagnostic.of(Code.CIL0227, span, what + " is given twice in this policy")
            .withRelated(new Related(first, "first given here")));
    return false;
  }
}
