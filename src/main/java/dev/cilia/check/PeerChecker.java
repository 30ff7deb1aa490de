package dev.cilia.check;

import dev.cilia.check.Scopes.Kind;
import dev.cilia.check.Scopes.LetDef;
import dev.cilia.check.Scopes.Scope;
import dev.cilia.cilium.Entities;
import dev.cilia.diag.Code;
import dev.cilia.diag.Diagnostic;
import dev.cilia.diag.Diagnostics;
import dev.cilia.diag.Related;
import dev.cilia.ir.IpPrefix;
import dev.cilia.ir.NamespaceMatch;
import dev.cilia.ir.Peer;
import dev.cilia.ir.Selector;
import dev.cilia.source.Span;
import dev.cilia.syntax.Ast;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * Peers: pods, namespaces, CIDRs, addresses, FQDNs, entities, services, builtin peers and {@code
 * let} names of peers. A {@code let} binds where it is used ({@code pods app=x} means the using
 * policy's namespace), so its peers are read once per such context.
 */
final class PeerChecker {
  /** Where peers are resolved: the file's names, and the policy that uses them. */
  record Context(Scope scope, NamespaceMatch podsDefault, boolean clusterwide) {
    static Context letBody(Scope scope) {
      return new Context(scope, NamespaceMatch.ANY, false);
    }

    /** What a {@code let}'s peers depend on: not the scope, which is the defining file's. */
    Object binding() {
      return List.of(podsDefault, clusterwide);
    }
  }

  /**
   * One alternative of a peer expression as written, the peers it stands for, and the {@code let}
   * it names, if any: a peer that is wrong where it is used is reported at that use.
   */
  record Alternative(Ast.Peer written, List<Peer> peers, Optional<LetDef> let) {}

  private final Diagnostics diagnostics;
  private final Lets lets;
  private final Selectors selectors;

  PeerChecker(Diagnostics diagnostics, Lets lets, Selectors selectors) {
    this.diagnostics = diagnostics;
    this.lets = lets;
    this.selectors = selectors;
  }

  /** A {@code let} of peers, checked where it is written. */
  void validate(LetDef def, Ast.LetPeer value) {
    lets.validate(def, () -> peers(value.peer(), Context.letBody(lets.scopeOf(def))));
  }

  /** The peers of {@code expr}, each once, in order. */
  Optional<List<Peer>> peers(Ast.PeerExpr expr, Context context) {
    return alternatives(expr, context).map(PeerChecker::flatten);
  }

  /** The alternatives of {@code expr}; empty when one of them is wrong (and reported). */
  Optional<List<Alternative>> alternatives(Ast.PeerExpr expr, Context context) {
    List<Alternative> out = new ArrayList<>();
    boolean ok = true;
    for (Ast.Peer peer : expr.alternatives()) {
      Optional<List<Peer>> resolved = peer(peer, context);
      ok &= resolved.isPresent();
      if (resolved.isPresent()) {
        Optional<LetDef> let =
            peer instanceof Ast.NamedPeer n
                ? Optional.ofNullable(context.scope().visible.get(n.name().text()))
                : Optional.empty();
        out.add(new Alternative(peer, resolved.get(), let));
      }
    }
    return ok ? Optional.of(out) : Optional.empty();
  }

  static List<Peer> flatten(List<Alternative> alternatives) {
    LinkedHashSet<Peer> out = new LinkedHashSet<>();
    for (Alternative alternative : alternatives) {
      out.addAll(alternative.peers());
    }
    return List.copyOf(out);
  }

  /**
   * Reports {@code peer}, one of {@code alternative}'s, as not allowed where it is used: at the
   * peer when it is written there; through a {@code let}, at the name where it is used, with the
   * {@code let} (and the peer, when another {@code let} holds it) as related places. {@code
   * throughLet} words the message for the {@code let}'s name.
   */
  void misplaced(
      Alternative alternative,
      Peer peer,
      Code code,
      String message,
      UnaryOperator<String> throughLet,
      String hint) {
    if (alternative.let().isEmpty()) {
      diagnostics.error(code, peer.span(), message, hint);
      return;
    }
    LetDef def = alternative.let().get();
    Diagnostic diagnostic =
        Diagnostic.of(code, alternative.written().span(), throughLet.apply(def.name()), hint)
            .withRelated(new Related(def.nameSpan(), "`" + def.name() + "` is defined here"));
    Span body = def.decl().span();
    if (!peer.span().file().equals(body.file())
        || peer.span().start() < body.start()
        || peer.span().end() > body.end()) {
      diagnostic = diagnostic.withRelated(new Related(peer.span(), "the peer is written here"));
    }
    diagnostics.add(diagnostic);
  }

  /** How an egress-only peer is named in messages: "an `fqdn` peer". */
  static String egressOnlyKind(Peer peer) {
    return peer instanceof Peer.Fqdn ? "an `fqdn` peer" : "a `service` peer";
  }

  static boolean egressOnly(Peer peer) {
    return peer instanceof Peer.Fqdn || peer instanceof Peer.KubeService;
  }

  private Optional<List<Peer>> peer(Ast.Peer peer, Context context) {
    Span span = peer.span();
    if (peer instanceof Ast.NamespacePeer n) {
      return selectors.namespace(n.namespace())
          ? one(new Peer.Pods(Selector.ALL, new NamespaceMatch.Named(n.namespace().text()), span))
          : Optional.empty();
    } else if (peer instanceof Ast.PodsPeer p) {
      Optional<Selector> sel = selectors.selector(p.selector());
      boolean ok = sel.isPresent();
      NamespaceMatch ns = context.podsDefault();
      if (p.namespace().isPresent()) {
        ok &= selectors.namespace(p.namespace().get());
        ns = new NamespaceMatch.Named(p.namespace().get().text());
      }
      return ok ? one(new Peer.Pods(sel.get(), ns, span)) : Optional.empty();
    } else if (peer instanceof Ast.NamespacesPeer n) {
      Optional<Selector> sel = selectors.selector(n.selector());
      return sel.isPresent()
          ? one(new Peer.Pods(Selector.ALL, new NamespaceMatch.Labelled(sel.get()), span))
          : Optional.empty();
    } else if (peer instanceof Ast.CidrPeer c) {
      return cidr(c);
    } else if (peer instanceof Ast.IpPeer ip) {
      Optional<IpPrefix> host = Values.host(ip.address().text());
      if (host.isEmpty()) {
        diagnostics.error(
            Code.CIL0215,
            ip.address().span(),
            "`" + ip.address().text() + "` is not an IPv4 or IPv6 address",
            ip.address().text().contains("/")
                ? "for a prefix write `cidr " + ip.address().text() + "`"
                : "write an address such as `10.20.30.5` or `2001:db8::5`");
        return Optional.empty();
      }
      return one(new Peer.Cidr(host.get(), List.of(), span));
    } else if (peer instanceof Ast.FqdnPeer f) {
      Optional<String> problem = Values.fqdnProblem(f.pattern().value(), true);
      if (problem.isPresent()) {
        diagnostics.error(
            Code.CIL0217,
            f.pattern().span(),
            problem.get(),
            "write a name such as `api.example.com` or a pattern such as `*.example.com`");
        return Optional.empty();
      }
      return one(new Peer.Fqdn(f.pattern().value(), span));
    } else if (peer instanceof Ast.EntityPeer e) {
      return entity(e, span);
    } else if (peer instanceof Ast.ServicePeer s) {
      boolean ok = selectors.namespace(s.namespace());
      if (!Values.isDnsLabel(s.name().text())) {
        diagnostics.error(
            Code.CIL0209,
            s.name().span(),
            "`" + s.name().text() + "` is not a valid service name",
            "service names are lowercase letters, digits and `-`, 63 characters at most");
        ok = false;
      }
      return ok
          ? one(new Peer.KubeService(s.name().text(), s.namespace().text(), span))
          : Optional.empty();
    } else if (peer instanceof Ast.NamedPeer n) {
      return named(n.name(), context);
    }
    throw new AssertionError(peer);
  }

  private Optional<List<Peer>> entity(Ast.EntityPeer e, Span span) {
    String name = e.name().text();
    if (!Entities.CRD.contains(name)) {
      String hint =
          name.startsWith("world-")
              ? "`"
                  + name
                  + "` is not in the CRD's entity list, so the API server rejects it;"
                  + " use `world`, or `cidr 0.0.0.0/0` for IPv4 only"
              : "entities are " + String.join(", ", new TreeSet<>(Entities.CRD));
      diagnostics.error(Code.CIL0225, e.name().span(), "unknown entity `" + name + "`", hint);
      return Optional.empty();
    }
    return one(new Peer.Entity(name, span));
  }

  /** A builtin peer or a {@code let} of peers. */
  private Optional<List<Peer>> named(Ast.Word name, Context context) {
    String text = name.text();
    Scope scope = context.scope();
    if (scope.refused.contains(text)) {
      return Optional.empty();
    }
    if (Builtins.ENTITY_PEERS.contains(text)) {
      return one(new Peer.Entity(text, name.span()));
    }
    if (Builtins.KUBE_DNS.equals(text)) {
      return one(kubeDns(name.span()));
    }
    if (Builtins.PRESETS.containsKey(text)) {
      diagnostics.error(
          Code.CIL0202,
          name.span(),
          "expected a peer, found service `" + text + "`",
          "put services before `to`/`from`: `allow " + text + " to PEER`");
      return Optional.empty();
    }
    Lets.Reader<List<Peer>> reader =
        new Lets.Reader<>() {
          @Override
          public Optional<List<Peer>> value(Ast.LetValue value, Scope there) {
            return peers(((Ast.LetPeer) value).peer(), rebind(context, there));
          }

          @Override
          public Optional<List<Peer>> name(Ast.Word target, Scope there) {
            return named(target, rebind(context, there));
          }
        };
    return lets.find(
            name,
            scope,
            Kind.PEER,
            () ->
                Suggestions.peer(text, Scopes.peerNames(scope))
                    .orElse(
                        "builtin peers are world, cluster, host, remote-node, kube-apiserver and"
                            + " kube-dns; "
                            + Scopes.knownNamesHint(scope)))
        .flatMap(def -> lets.read(def, context.binding(), reader));
  }

  private static Context rebind(Context context, Scope there) {
    return new Context(there, context.podsDefault(), context.clusterwide());
  }

  /** The builtin peer {@code kube-dns}, also the default resolver. */
  static Peer kubeDns(Span span) {
    return new Peer.Pods(
        new Selector(
            List.of(
                new Selector.Requirement(
                    Builtins.KUBE_DNS_LABEL_KEY,
                    Selector.Operator.IN,
                    List.of(Builtins.KUBE_DNS_LABEL_VALUE)))),
        new NamespaceMatch.Named(Builtins.KUBE_DNS_NAMESPACE),
        span);
  }

  private Optional<List<Peer>> cidr(Ast.CidrPeer c) {
    Values.CidrResult prefix = Values.cidr(c.prefix().text());
    if (prefix.prefix().isEmpty()) {
      diagnostics.error(Code.CIL0215, c.prefix().span(), prefix.problem(), prefix.hint());
      return Optional.empty();
    }
    IpPrefix outer = prefix.prefix().get();
    boolean ok = true;
    List<IpPrefix> except = new ArrayList<>();
    for (Ast.Word word : c.except()) {
      Values.CidrResult inner = Values.cidr(word.text());
      if (inner.prefix().isEmpty()) {
        Optional<IpPrefix> host = Values.host(word.text());
        if (host.isPresent()) {
          inner = new Values.CidrResult(host, "", "");
        } else {
          diagnostics.error(Code.CIL0215, word.span(), inner.problem(), inner.hint());
          ok = false;
          continue;
        }
      }
      IpPrefix e = inner.prefix().get();
      if (!outer.contains(e) || e.equals(outer)) {
        diagnostics.error(
            Code.CIL0216,
            word.span(),
            "`" + e + "` is not inside `" + outer + "`",
            "an `except` prefix must be a smaller part of the CIDR before it");
        ok = false;
        continue;
      }
      except.add(e);
    }
    return ok ? one(new Peer.Cidr(outer, except, c.span())) : Optional.empty();
  }

  private static Optional<List<Peer>> one(Peer peer) {
    return Optional.of(List.of(peer));
  }
}
