package dev.cilia.check;

import dev.cilia.diag.Code;
import dev.cilia.diag.Diagnostic;
import dev.cilia.diag.Diagnostics;
import dev.cilia.diag.Related;
import dev.cilia.ir.Action;
import dev.cilia.ir.Direction;
import dev.cilia.ir.DnsSettings;
import dev.cilia.ir.IpPrefix;
import dev.cilia.ir.NamespaceMatch;
import dev.cilia.ir.Peer;
import dev.cilia.ir.Policy;
import dev.cilia.ir.PortRange;
import dev.cilia.ir.Program;
import dev.cilia.ir.Selector;
import dev.cilia.ir.Service;
import dev.cilia.ir.Statement;
import dev.cilia.ir.TestCase;
import dev.cilia.ir.Transport;
import dev.cilia.ir.VersionPin;
import dev.cilia.load.Imports;
import dev.cilia.load.Load;
import dev.cilia.load.SourceLoader;
import dev.cilia.source.SourceFile;
import dev.cilia.source.Span;
import dev.cilia.syntax.Ast;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Names, types and values: takes the files the load stage parsed, resolves {@code let}s (typed peer
 * or service), checks every word, and builds the {@link Program}. All problems are reported, each
 * once.
 */
public final class Checker {
  /** The checked program (complete only when there are no errors) and the diagnostics. */
  public record Result(Program program, List<Diagnostic> diagnostics, List<SourceFile> files) {
    public Result {
      diagnostics = List.copyOf(diagnostics);
      files = List.copyOf(files);
    }

    public boolean hasErrors() {
      return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
  }

  private final Diagnostics diagnostics = new Diagnostics();
  private final Map<Imports.Unit, Scope> scopes = new HashMap<>();

  private Checker() {}

  /** Loads and checks the inputs and their imports; {@code root} bounds where imports may go. */
  public static Result check(List<SourceFile> inputs, Path root, SourceLoader loader) {
    return check(Load.load(inputs, root, loader));
  }

  /** Checks what the load stage read and parsed. */
  public static Result check(Load.Result loaded) {
    return new Checker().run(loaded);
  }

  private Result run(Load.Result loaded) {
    diagnostics.addAll(loaded.diagnostics());
    List<Imports.Unit> units = loaded.units();
    for (Imports.Unit unit : units) {
      scopes.put(unit, declare(unit));
    }
    for (Imports.Unit unit : units) {
      importNames(unit);
    }
    List<Policy> policies = new ArrayList<>();
    List<TestCase> tests = new ArrayList<>();
    for (Imports.Unit unit : units) {
      unit.file.ifPresent(file -> checkFile(unit, file, policies, tests));
    }
    rejectDuplicatePolicies(policies);
    Optional<dev.cilia.ir.Monitoring> monitoring =
        MonitoringChecker.check(
            units.stream().flatMap(u -> u.file.stream()).toList(), policies, diagnostics);
    List<SourceFile> files = units.stream().map(u -> u.source).toList();
    return new Result(new Program(policies, tests, monitoring), diagnostics.sorted(), files);
  }

  // ---------------------------------------------------------------- scopes and lets

  /** What a name stands for. */
  enum Kind {
    PEER,
    SERVICE,
    ERROR
  }

  /** A {@code let} and the file it is in. */
  record LetDef(Ast.LetDecl decl, Imports.Unit unit) {}

  /** The names visible in one file: its own {@code let}s and those of the files it imports. */
  static final class Scope {
    final Map<String, LetDef> own = new LinkedHashMap<>();
    final Map<String, LetDef> visible = new LinkedHashMap<>();
    boolean incomplete;

    /** Names whose {@code let} was refused (CIL0205, CIL0209): their uses report nothing more. */
    final java.util.Set<String> refused = new java.util.HashSet<>();
  }

  private Scope declare(Imports.Unit unit) {
    Scope scope = new Scope();
    scope.incomplete = unit.incompleteImports;
    if (unit.file.isEmpty()) {
      return scope;
    }
    for (Ast.Decl decl : unit.file.get().decls()) {
      if (!(decl instanceof Ast.LetDecl let)) {
        continue;
      }
      String name = let.name().text();
      Span span = let.name().span();
      if (Builtins.KEYWORDS.contains(name)
          || Builtins.isBuiltin(name)
          || !Values.isDnsLabel(name)) {
        scope.refused.add(name);
      }
      if (Builtins.KEYWORDS.contains(name)) {
        diagnostics.error(
            Code.CIL0205,
            span,
            "`" + name + "` is a keyword and cannot be redefined",
            "choose another name, such as `my-" + name + "`");
      } else if (Builtins.isBuiltin(name)) {
        diagnostics.error(
            Code.CIL0205,
            span,
            "`" + name + "` is a builtin and cannot be redefined",
            "choose another name, such as `my-" + name + "`");
      } else if (!Values.isDnsLabel(name)) {
        diagnostics.error(
            Code.CIL0209,
            span,
            "`" + name + "` is not a valid name",
            "names are lowercase letters, digits and `-`, starting and ending with a letter or"
                + " digit, 63 characters at most");
      } else if (scope.own.containsKey(name)) {
        diagnostics.add(
            Diagnostic.of(Code.CIL0204, span, "`" + name + "` is defined twice")
                .withRelated(
                    new Related(scope.own.get(name).decl().name().span(), "first defined here")));
      } else {
        scope.own.put(name, new LetDef(let, unit));
      }
    }
    scope.visible.putAll(scope.own);
    return scope;
  }

  private void importNames(Imports.Unit unit) {
    Scope scope = scopes.get(unit);
    for (Imports.Unit imported : unit.imports) {
      Scope theirs = scopes.get(imported);
      scope.incomplete |= imported.file.isEmpty();
      for (Map.Entry<String, LetDef> entry : theirs.own.entrySet()) {
        LetDef existing = scope.visible.get(entry.getKey());
        if (existing == null) {
          scope.visible.put(entry.getKey(), entry.getValue());
        } else if (existing.unit() != entry.getValue().unit()) {
          Span here =
              existing.unit() == unit ? existing.decl().name().span() : importSpan(unit, imported);
          diagnostics.add(
              Diagnostic.of(
                      Code.CIL0204,
                      here,
                      "`" + entry.getKey() + "` is defined twice",
                      "rename one of them; imported names share the file's scope")
                  .withRelated(
                      new Related(entry.getValue().decl().name().span(), "also defined here")));
        }
      }
    }
  }

  private static Span importSpan(Imports.Unit unit, Imports.Unit imported) {
    for (Ast.Decl decl : unit.file.orElseThrow().decls()) {
      if (decl instanceof Ast.ImportDecl imp
          && unit.path.resolveSibling(imp.path().value()).normalize().equals(imported.path)) {
        return imp.span();
      }
    }
    return Span.startOf(unit.source);
  }

  private final Map<LetDef, Kind> kinds = new HashMap<>();

  /**
   * The kind of a {@code let}, following chains of aliases with a loop (chains and cycles thousands
   * long need no stack); every {@code let} of the chain gets the kind of its end.
   */
  private Kind kindOf(LetDef def, List<LetDef> visiting) {
    Kind known = kinds.get(def);
    if (known != null) {
      return known;
    }
    List<LetDef> chain = new ArrayList<>();
    java.util.Set<LetDef> seen = new java.util.HashSet<>(visiting);
    LetDef current = def;
    Kind kind;
    while (true) {
      Kind found = kinds.get(current);
      if (found != null) {
        kind = found;
        break;
      }
      if (!seen.add(current)) {
        diagnostics.error(
            Code.CIL0221,
            current.decl().name().span(),
            "`" + current.decl().name().text() + "` is defined in terms of itself",
            "give it a peer or a service, not a chain of names that leads back to it");
        kinds.put(current, Kind.ERROR);
        kind = Kind.ERROR;
        break;
      }
      chain.add(current);
      Ast.LetValue value = current.decl().value();
      if (value instanceof Ast.LetPeer) {
        kind = Kind.PEER;
        break;
      } else if (value instanceof Ast.LetServices) {
        kind = Kind.SERVICE;
        break;
      } else if (value instanceof Ast.LetAlias alias) {
        Scope scope = scopes.get(current.unit());
        String target = alias.target().text();
        LetDef next = scope.visible.get(target);
        if (next == null
            || Builtins.PRESETS.containsKey(target)
            || Builtins.ENTITY_PEERS.contains(target)
            || Builtins.KUBE_DNS.equals(target)) {
          kind = kindOfName(alias.target(), scope, List.of());
          break;
        }
        current = next;
      } else {
        throw new AssertionError(value);
      }
    }
    for (LetDef member : chain) {
      kinds.putIfAbsent(member, kind);
    }
    return kind;
  }

  private Kind kindOfName(Ast.Word name, Scope scope, List<LetDef> visiting) {
    String text = name.text();
    if (Builtins.PRESETS.containsKey(text)) {
      return Kind.SERVICE;
    }
    if (Builtins.ENTITY_PEERS.contains(text) || Builtins.KUBE_DNS.equals(text)) {
      return Kind.PEER;
    }
    LetDef def = scope.visible.get(text);
    if (def == null) {
      if (!scope.incomplete) {
        java.util.Set<String> names = peerNames(scope);
        names.addAll(serviceNames(scope));
        diagnostics.error(
            Code.CIL0201,
            name.span(),
            "unknown name `" + text + "`",
            Suggestions.closest(text, names)
                .map(n -> "did you mean `" + n + "`?")
                .orElse(knownNamesHint(scope)));
      }
      return Kind.ERROR;
    }
    return kindOf(def, visiting);
  }

  private static String knownNamesHint(Scope scope) {
    return scope.visible.isEmpty()
        ? "define it with `let NAME = …` or import the file that does"
        : "names in scope: " + Suggestions.list(scope.visible.keySet());
  }

  /** Every name a peer may be: builtin peers and the {@code let}s in scope. */
  private static java.util.Set<String> peerNames(Scope scope) {
    java.util.Set<String> names = new java.util.HashSet<>(scope.visible.keySet());
    names.addAll(Builtins.ENTITY_PEERS);
    names.add(Builtins.KUBE_DNS);
    return names;
  }

  /** Every name a service may be: presets and the {@code let}s in scope. */
  private static java.util.Set<String> serviceNames(Scope scope) {
    java.util.Set<String> names = new java.util.HashSet<>(scope.visible.keySet());
    names.addAll(Builtins.PRESETS.keySet());
    return names;
  }

  // ---------------------------------------------------------------- files

  private void checkFile(
      Imports.Unit unit, Ast.CiliaFile file, List<Policy> policies, List<TestCase> tests) {
    Scope scope = scopes.get(unit);
    VersionPin pin = VersionPin.NONE;
    Optional<Ast.ResolverDecl> fileResolver = Optional.empty();
    for (Ast.Decl decl : file.decls()) {
      if (decl instanceof Ast.CiliumDecl c) {
        if (pin instanceof VersionPin.Pinned first) {
          diagnostics.add(
              Diagnostic.of(Code.CIL0227, c.span(), "the Cilium version is given twice")
                  .withRelated(new Related(first.span(), "first given here")));
        } else {
          pin = new VersionPin.Pinned(c.version().text(), c.version().span());
        }
      } else if (decl instanceof Ast.ResolverDecl r) {
        if (fileResolver.isPresent()) {
          diagnostics.add(
              Diagnostic.of(Code.CIL0227, r.span(), "the file's resolver is given twice")
                  .withRelated(new Related(fileResolver.get().span(), "first given here")));
        } else {
          fileResolver = Optional.of(r);
        }
      } else if (decl instanceof Ast.LetDecl let) {
        LetDef def = scope.own.get(let.name().text());
        if (def != null && def.decl() == let) {
          validateLet(def);
        }
      }
    }
    for (Ast.Decl decl : file.decls()) {
      if (decl instanceof Ast.PolicyDecl p) {
        checkPolicy(unit, p, pin, fileResolver).ifPresent(policies::add);
      } else if (decl instanceof Ast.TestDecl t) {
        checkTest(scope, t, pin).ifPresent(tests::add);
      }
    }
  }

  /** Checks a {@code let} body once, where it is written, so unused ones are checked too. */
  private void validateLet(LetDef def) {
    Kind kind = kindOf(def, List.of());
    Ast.LetValue value = def.decl().value();
    Context context = Context.letBody(scopes.get(def.unit()));
    if (value instanceof Ast.LetPeer p) {
      peers(p.peer(), context, List.of(def));
    } else if (value instanceof Ast.LetServices s) {
      service(s.services(), context.scope, List.of(def));
    } else if (kind == Kind.ERROR) {
      return;
    }
  }

  /** Where peers are resolved: the file's names, and the policy that uses them. */
  record Context(Scope scope, NamespaceMatch podsDefault, boolean clusterwide) {
    static Context letBody(Scope scope) {
      return new Context(scope, NamespaceMatch.ANY, false);
    }
  }

  // ---------------------------------------------------------------- policies

  private Optional<Policy> checkPolicy(
      Imports.Unit unit,
      Ast.PolicyDecl decl,
      VersionPin pin,
      Optional<Ast.ResolverDecl> fileResolver) {
    Scope scope = scopes.get(unit);
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
      ok &= checkNamespace(decl.namespace().get());
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
        ok &= checkLabelKey(l.key()) & checkLabelValue(l.value());
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
          Optional<Selector> sel = selector(pods.selector());
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
          ok &= checkNamespace(sn.namespace());
          subjectNamespaces = new NamespaceMatch.Named(sn.namespace().text());
          if (sn.pods().isPresent()) {
            Optional<Selector> sel = selector(sn.pods().get());
            ok &= sel.isPresent();
            subjectPods = sel.orElse(Selector.ALL);
          }
        } else if (s.target() instanceof Ast.SelectNamespaces sns) {
          Optional<Selector> sel = selector(sns.selector());
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
          enforced.add(direction(e.direction().get()));
        }
      } else if (stmt instanceof Ast.ResolverStmt r) {
        if (resolverStmt.isPresent()) {
          ok &= duplicate(r.span(), "`resolver`", resolverStmt.get().span());
        } else {
          resolverStmt = Optional.of(r);
        }
      } else {
        Optional<Statement> statement = traffic(stmt, context);
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
      resolver = List.of(kubeDns(decl.name().span()));
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

  private List<Peer> resolverPeers(Ast.PeerExpr expr, Context context) {
    Optional<List<Peer>> peers = peers(expr, context, List.of());
    if (peers.isEmpty()) {
      return List.of();
    }
    for (Peer peer : peers.get()) {
      if (peer instanceof Peer.Fqdn || peer instanceof Peer.KubeService) {
        diagnostics.error(
            Code.CIL0223,
            peer.span(),
            "a resolver must be pods, an address or an entity",
            "name the DNS server's pods, e.g. `resolver pods k8s-app=kube-dns in namespace"
                + " kube-system`, or its address with `ip`");
        return List.of();
      }
    }
    return peers.get();
  }

  private static Peer kubeDns(Span span) {
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

  private boolean duplicate(Span span, String what, Span first) {
    diagnostics.add(
        Diagnostic.of(Code.CIL0227, span, what + " is given twice in this policy")
            .withRelated(new Related(first, "first given here")));
    return false;
  }

  private boolean checkNamespace(Ast.Word ns) {
    if (Values.isDnsLabel(ns.text())) {
      return true;
    }
    diagnostics.error(
        Code.CIL0210,
        ns.span(),
        "`" + ns.text() + "` is not a valid namespace",
        "namespaces are lowercase letters, digits and `-`, starting and ending with a letter or"
            + " digit, 63 characters at most");
    return false;
  }

  private boolean checkLabelKey(Ast.Word key) {
    Optional<String> problem = Values.labelKeyProblem(key.text());
    problem.ifPresent(
        p ->
            diagnostics.error(
                Code.CIL0211,
                key.span(),
                "`" + key.text() + "` is not a valid label key",
                Suggestions.labelKey(key.text())
                    .orElse(p + ", e.g. `app` or `app.kubernetes.io/name`")));
    return problem.isEmpty();
  }

  private boolean checkLabelValue(Ast.Word value) {
    if (Values.isLabelValue(value.text())) {
      return true;
    }
    diagnostics.error(
        Code.CIL0212,
        value.span(),
        "`" + value.text() + "` is not a valid label value",
        "label values are empty or up to 63 letters, digits, `-`, `_` and `.`, starting and"
            + " ending with a letter or digit");
    return false;
  }

  private static Direction direction(Ast.Direction direction) {
    return direction == Ast.Direction.EGRESS ? Direction.EGRESS : Direction.INGRESS;
  }

  // ---------------------------------------------------------------- statements

  private Optional<Statement> traffic(Ast.Stmt stmt, Context context) {
    if (stmt instanceof Ast.ObserveDns d) {
      boolean ok = true;
      List<String> patterns = new ArrayList<>();
      for (Ast.Str pattern : d.patterns()) {
        Optional<String> problem = Values.fqdnProblem(pattern.value(), true);
        if (problem.isPresent()) {
          diagnostics.error(
              Code.CIL0217,
              pattern.span(),
              problem.get(),
              "write a name such as `api.example.com` or a pattern such as `*.example.com`");
          ok = false;
        } else {
          patterns.add(pattern.value());
        }
      }
      return ok ? Optional.of(new Statement.ObserveDns(patterns, d.span())) : Optional.empty();
    } else if (stmt instanceof Ast.ObserveHttp h) {
      boolean ok = true;
      List<PortRange> ports = new ArrayList<>();
      for (Ast.Word word : h.ports()) {
        Optional<PortRange> range = portRange(Transport.TCP, word);
        ok &= range.isPresent();
        range.ifPresent(ports::add);
      }
      Direction direction = direction(h.direction());
      List<Peer> peers = List.of();
      if (h.peer().isPresent()) {
        Optional<List<Peer>> resolved = peers(h.peer().get(), context, List.of());
        ok &= resolved.isPresent() && checkDirection(resolved.get(), direction, Action.ALLOW);
        peers = resolved.orElse(List.of());
      }
      return ok
          ? Optional.of(new Statement.ObserveHttp(direction, ports, peers, h.span()))
          : Optional.empty();
    } else if (stmt instanceof Ast.RuleStmt r) {
      Optional<Service> service =
          r.services().isEmpty()
              ? Optional.of(Service.ALL)
              : service(r.services(), context.scope, List.of());
      Optional<List<Peer>> peers = peers(r.peer(), context, List.of());
      Direction direction = direction(r.direction());
      Action action = r.action() == Ast.Action.ALLOW ? Action.ALLOW : Action.DENY;
      if (service.isEmpty() || peers.isEmpty() || !checkDirection(peers.get(), direction, action)) {
        return Optional.empty();
      }
      return Optional.of(
          new Statement.Rule(action, direction, service.get(), peers.get(), r.span()));
    }
    throw new AssertionError(stmt);
  }

  private boolean checkDirection(List<Peer> peers, Direction direction, Action action) {
    boolean ok = true;
    for (Peer peer : peers) {
      boolean egressOnly = peer instanceof Peer.Fqdn || peer instanceof Peer.KubeService;
      if (egressOnly && direction == Direction.INGRESS) {
        String kind = peer instanceof Peer.Fqdn ? "an `fqdn` peer" : "a `service` peer";
        diagnostics.error(
            Code.CIL0222,
            peer.span(),
            kind + " can only be a destination",
            "use `to` (egress); for traffic from outside, name its addresses with `cidr` or `ip`");
        ok = false;
      } else if (peer instanceof Peer.Fqdn && action == Action.DENY) {
        diagnostics.error(
            Code.CIL0229,
            peer.span(),
            "an `fqdn` peer cannot be denied: Cilium has no `toFQDNs` in deny rules",
            "deny its addresses with `cidr`, or leave it out of the `allow`s under `enforce`");
        ok = false;
      }
    }
    return ok;
  }

  // ---------------------------------------------------------------- services

  private Optional<Service> service(
      List<Ast.ServiceItem> items, Scope scope, List<LetDef> visiting) {
    List<PortRange> ports = new ArrayList<>();
    boolean ok = true;
    Optional<Transport> lastProtocol = Optional.empty();
    String lastPreset = "";
    for (Ast.ServiceItem item : items) {
      if (item instanceof Ast.ProtocolPorts p) {
        Transport protocol =
            Transport.valueOf(p.protocol().text().toUpperCase(java.util.Locale.ROOT));
        lastProtocol = Optional.of(protocol);
        Optional<PortRange> range = portRange(protocol, p.ports());
        ok &= range.isPresent();
        range.ifPresent(ports::add);
      } else if (item instanceof Ast.BarePort b) {
        if (lastProtocol.isEmpty()) {
          String hint =
              lastPreset.isEmpty()
                  ? "write the protocol first: `tcp " + b.ports().text() + "`"
                  : "write `" + lastPreset + ", tcp " + b.ports().text() + "`";
          diagnostics.error(
              Code.CIL0218,
              b.span(),
              "port `" + b.ports().text() + "` has no protocol before it",
              hint);
          ok = false;
          continue;
        }
        Optional<PortRange> range = portRange(lastProtocol.get(), b.ports());
        ok &= range.isPresent();
        range.ifPresent(ports::add);
      } else if (item instanceof Ast.Ftp f) {
        lastProtocol = Optional.empty();
        lastPreset = "ftp passive …";
        if (f.passiveRange().isEmpty()) {
          diagnostics.error(
              Code.CIL0203,
              f.keyword().span(),
              "`ftp` needs its passive data ports",
              "write `ftp passive 30000-30100` with the server's passive port range");
          ok = false;
          continue;
        }
        ports.add(PortRange.single(Transport.TCP, 21));
        Optional<PortRange> range = portRange(Transport.TCP, f.passiveRange().get());
        ok &= range.isPresent();
        range.ifPresent(ports::add);
      } else if (item instanceof Ast.NamedService n) {
        lastProtocol = Optional.empty();
        lastPreset = n.name().text();
        Optional<Service> named = namedService(n.name(), scope, visiting);
        ok &= named.isPresent();
        named.ifPresent(s -> ports.addAll(s.ports()));
      } else {
        throw new AssertionError(item);
      }
    }
    return ok ? Optional.of(new Service(dedupe(ports))) : Optional.empty();
  }

  private static List<PortRange> dedupe(List<PortRange> ports) {
    return List.copyOf(new java.util.LinkedHashSet<>(ports));
  }

  private Optional<Service> namedService(Ast.Word name, Scope scope, List<LetDef> visiting) {
    String text = name.text();
    if (scope.refused.contains(text)) {
      return Optional.empty();
    }
    List<PortRange> preset = Builtins.PRESETS.get(text);
    if (preset != null) {
      return Optional.of(new Service(preset));
    }
    if (Builtins.ENTITY_PEERS.contains(text) || Builtins.KUBE_DNS.equals(text)) {
      diagnostics.error(
          Code.CIL0202,
          name.span(),
          "expected a service, found peer `" + text + "`",
          "a service is a preset such as `https` or ports such as `tcp 443`; peers go after"
              + " `to` or `from`");
      return Optional.empty();
    }
    LetDef def = scope.visible.get(text);
    if (def == null) {
      if (!scope.incomplete) {
        diagnostics.error(
            Code.CIL0201,
            name.span(),
            "unknown service `" + text + "`",
            Suggestions.service(text, serviceNames(scope))
                .orElse(
                    "use a preset (https, postgres, oracle, …), ports such as `tcp "
                        + "8443`, or a"
                        + " `let` name"));
      }
      return Optional.empty();
    }
    if (resolving.contains(def) || visiting.contains(def)) {
      kindOf(def, List.of(def));
      return Optional.empty();
    }
    Kind kind = kindOf(def, visiting);
    if (kind == Kind.ERROR) {
      return Optional.empty();
    }
    if (kind == Kind.PEER) {
      diagnostics.add(
          Diagnostic.of(
                  Code.CIL0202,
                  name.span(),
                  "expected a service, found peer `" + text + "`",
                  "a service is a preset such as `https` or ports such as `tcp 443`")
              .withRelated(
                  new Related(def.decl().name().span(), "`" + text + "` is defined here")));
      return Optional.empty();
    }
    Optional<Service> shared = serviceUses.get(def);
    if (shared != null) {
      return shared;
    }
    List<LetDef> next = visiting;
    Scope defScope = scopes.get(def.unit());
    Ast.LetValue value = def.decl().value();
    Optional<Service> resolved;
    resolving.add(def);
    try {
      if (value instanceof Ast.LetServices s) {
        resolved = service(s.services(), defScope, next);
      } else if (value instanceof Ast.LetAlias a) {
        resolved = namedService(a.target(), defScope, next);
      } else {
        throw new AssertionError(value);
      }
    } finally {
      resolving.remove(def);
    }
    serviceUses.put(def, resolved);
    return resolved;
  }

  private Optional<PortRange> portRange(Transport protocol, Ast.Word word) {
    String text = word.text();
    int dash = text.indexOf('-');
    String lowText = dash < 0 ? text : text.substring(0, dash);
    String highText = dash < 0 ? text : text.substring(dash + 1);
    if (!Values.isDigits(lowText) || !Values.isDigits(highText)) {
      diagnostics.error(
          Code.CIL0230,
          word.span(),
          "expected a port or a port range, found `" + text + "`",
          "write a number from 1 to 65535, or a range such as `9000-9100`");
      return Optional.empty();
    }
    Optional<Integer> low = Values.port(lowText);
    Optional<Integer> high = Values.port(highText);
    if (low.isEmpty() || high.isEmpty()) {
      diagnostics.error(
          Code.CIL0213,
          word.span(),
          "port `" + (low.isEmpty() ? lowText : highText) + "` is out of range",
          "ports are 1 to 65535");
      return Optional.empty();
    }
    if (low.get() > high.get()) {
      diagnostics.error(
          Code.CIL0214,
          word.span(),
          "port range `" + text + "` starts above its end",
          "write `" + high.get() + "-" + low.get() + "`");
      return Optional.empty();
    }
    return Optional.of(new PortRange(protocol, low.get(), high.get()));
  }

  // ---------------------------------------------------------------- peers

  private Optional<List<Peer>> peers(Ast.PeerExpr expr, Context context, List<LetDef> visiting) {
    List<Peer> out = new ArrayList<>();
    boolean ok = true;
    for (Ast.Peer peer : expr.alternatives()) {
      Optional<List<Peer>> resolved = peer(peer, context, visiting);
      ok &= resolved.isPresent();
      resolved.ifPresent(out::addAll);
    }
    return ok ? Optional.of(List.copyOf(new java.util.LinkedHashSet<>(out))) : Optional.empty();
  }

  private Optional<List<Peer>> peer(Ast.Peer peer, Context context, List<LetDef> visiting) {
    Span span = peer.span();
    if (peer instanceof Ast.NamespacePeer n) {
      return checkNamespace(n.namespace())
          ? one(new Peer.Pods(Selector.ALL, new NamespaceMatch.Named(n.namespace().text()), span))
          : Optional.empty();
    } else if (peer instanceof Ast.PodsPeer p) {
      Optional<Selector> sel = selector(p.selector());
      boolean ok = sel.isPresent();
      NamespaceMatch ns = context.podsDefault();
      if (p.namespace().isPresent()) {
        ok &= checkNamespace(p.namespace().get());
        ns = new NamespaceMatch.Named(p.namespace().get().text());
      }
      return ok ? one(new Peer.Pods(sel.get(), ns, span)) : Optional.empty();
    } else if (peer instanceof Ast.NamespacesPeer n) {
      Optional<Selector> sel = selector(n.selector());
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
      String name = e.name().text();
      if (!Builtins.ENTITIES.contains(name)) {
        String hint =
            name.startsWith("world-")
                ? "`"
                    + name
                    + "` is not in the CRD's entity list, so the API server rejects it;"
                    + " use `world`, or `cidr 0.0.0.0/0` for IPv4 only"
                : "entities are " + String.join(", ", new java.util.TreeSet<>(Builtins.ENTITIES));
        diagnostics.error(Code.CIL0225, e.name().span(), "unknown entity `" + name + "`", hint);
        return Optional.empty();
      }
      return one(new Peer.Entity(name, span));
    } else if (peer instanceof Ast.ServicePeer s) {
      boolean ok = checkNamespace(s.namespace());
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
      return namedPeer(n.name(), context, visiting);
    }
    throw new AssertionError(peer);
  }

  private Optional<List<Peer>> namedPeer(Ast.Word name, Context context, List<LetDef> visiting) {
    String text = name.text();
    if (context.scope().refused.contains(text)) {
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
    LetDef def = context.scope().visible.get(text);
    if (def == null) {
      if (!context.scope().incomplete) {
        diagnostics.error(
            Code.CIL0201,
            name.span(),
            "unknown peer `" + text + "`",
            Suggestions.peer(text, peerNames(context.scope()))
                .orElse(
                    "builtin peers are world, cluster, host, remote-node, kube-apiserver and"
                        + " kube-dns; "
                        + knownNamesHint(context.scope())));
      }
      return Optional.empty();
    }
    if (resolving.contains(def) || visiting.contains(def)) {
      kindOf(def, List.of(def));
      return Optional.empty();
    }
    Kind kind = kindOf(def, visiting);
    if (kind == Kind.ERROR) {
      return Optional.empty();
    }
    if (kind == Kind.SERVICE) {
      diagnostics.add(
          Diagnostic.of(
                  Code.CIL0202,
                  name.span(),
                  "expected a peer, found service `" + text + "`",
                  "put services before `to`/`from`: `allow " + text + " to PEER`")
              .withRelated(
                  new Related(def.decl().name().span(), "`" + text + "` is defined here")));
      return Optional.empty();
    }
    // A `let` binds where it is used: `pods app=x` means the using policy's namespace. The peers
    // of a `let` are resolved once per such context and shared by every use, so `let a2 = a1, a1`
    // doubled thirty times stays linear.
    PeerUse use = new PeerUse(def, context.podsDefault(), context.clusterwide());
    Optional<List<Peer>> shared = peerUses.get(use);
    if (shared != null) {
      return shared;
    }
    List<LetDef> next = visiting;
    Context there =
        new Context(scopes.get(def.unit()), context.podsDefault(), context.clusterwide());
    Ast.LetValue value = def.decl().value();
    Optional<List<Peer>> resolved;
    resolving.add(def);
    try {
      if (value instanceof Ast.LetPeer p) {
        resolved = peers(p.peer(), there, next);
      } else if (value instanceof Ast.LetAlias a) {
        resolved = namedPeer(a.target(), there, next);
      } else {
        throw new AssertionError(value);
      }
    } finally {
      resolving.remove(def);
    }
    peerUses.put(use, resolved);
    return resolved;
  }

  /** A {@code let} used as a peer in one context; its peers depend on nothing else. */
  private record PeerUse(LetDef def, NamespaceMatch podsDefault, boolean clusterwide) {}

  private final Map<PeerUse, Optional<List<Peer>>> peerUses = new HashMap<>();

  private final Map<LetDef, Optional<Service>> serviceUses = new HashMap<>();

  /** The {@code let}s being resolved now, innermost last: meeting one again is a cycle. */
  private final java.util.Set<LetDef> resolving =
      java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

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

  // ---------------------------------------------------------------- selectors

  private Optional<Selector> selector(Ast.Selector selector) {
    boolean ok = true;
    List<Selector.Requirement> requirements = new ArrayList<>();
    for (Ast.Term term : selector.terms()) {
      ok &= checkLabelKey(term.key());
      for (Ast.Word value : term.values()) {
        ok &= checkLabelValue(value);
      }
      String key = term.key().text();
      List<String> values = term.values().stream().map(Ast.Word::text).distinct().toList();
      Selector.Requirement requirement =
          switch (term.op()) {
            case EQUALS -> new Selector.Requirement(key, Selector.Operator.IN, values);
            case NOT_EQUALS -> new Selector.Requirement(key, Selector.Operator.NOT_IN, values);
            case IN -> new Selector.Requirement(key, Selector.Operator.IN, values);
            case NOT_IN -> new Selector.Requirement(key, Selector.Operator.NOT_IN, values);
            case EXISTS -> new Selector.Requirement(key, Selector.Operator.EXISTS, List.of());
            case NOT_EXISTS ->
                new Selector.Requirement(key, Selector.Operator.DOES_NOT_EXIST, List.of());
          };
      requirements.add(requirement);
    }
    return ok ? Optional.of(new Selector(requirements)) : Optional.empty();
  }

  /** Concrete labels of a tested pod: only {@code key=value} terms. */
  private Optional<TreeMap<String, String>> concreteLabels(Ast.Selector selector) {
    boolean ok = true;
    TreeMap<String, String> labels = new TreeMap<>();
    for (Ast.Term term : selector.terms()) {
      if (term.op() != Ast.TermOp.EQUALS) {
        diagnostics.error(
            Code.CIL0226,
            term.span(),
            "a tested pod needs concrete labels, found `" + term.span().text() + "`",
            "write `key=value` labels: the test describes one pod, not a set of pods");
        ok = false;
        continue;
      }
      ok &= checkLabelKey(term.key()) & checkLabelValue(term.values().get(0));
      String previous = labels.put(term.key().text(), term.values().get(0).text());
      if (previous != null && !previous.equals(term.values().get(0).text())) {
        diagnostics.error(
            Code.CIL0226,
            term.span(),
            "label `" + term.key().text() + "` is given two values",
            "a pod has one value per label key");
        ok = false;
      }
    }
    return ok ? Optional.of(labels) : Optional.empty();
  }

  // ---------------------------------------------------------------- tests

  private Optional<TestCase> checkTest(Scope scope, Ast.TestDecl decl, VersionPin pin) {
    Optional<TreeMap<String, String>> labels = concreteLabels(decl.selector());
    boolean ok = labels.isPresent() & checkNamespace(decl.namespace());
    List<TestCase.Expectation> expectations = new ArrayList<>();
    for (Ast.Expect expect : decl.expects()) {
      if (expect instanceof Ast.ExpectDns d) {
        Optional<String> problem = Values.fqdnProblem(d.name().value(), false);
        if (problem.isPresent()) {
          diagnostics.error(
              Code.CIL0217,
              d.name().span(),
              problem.get(),
              "write a name such as `api.example.com`");
          ok = false;
        } else {
          expectations.add(new TestCase.DnsExpectation(d.name().value(), d.span()));
        }
      } else if (expect instanceof Ast.ExpectFlow f) {
        Optional<Service> service = service(f.services(), scope, List.of());
        Optional<TestCase.OtherEnd> other = testTarget(f.target(), direction(f.direction()));
        if (service.isEmpty() || other.isEmpty()) {
          ok = false;
          continue;
        }
        TestCase.Outcome outcome =
            switch (f.verdict()) {
              case ALLOW -> TestCase.Outcome.ALLOW;
              case DENY -> TestCase.Outcome.DENY;
              case VISIBLE -> TestCase.Outcome.VISIBLE;
            };
        expectations.add(
            new TestCase.FlowExpectation(
                outcome, direction(f.direction()), service.get(), other.get(), f.span()));
      }
    }
    if (!ok) {
      return Optional.empty();
    }
    return Optional.of(
        new TestCase(
            decl.title().value(),
            labels.get(),
            decl.namespace().text(),
            expectations,
            pin,
            decl.span()));
  }

  private Optional<TestCase.OtherEnd> testTarget(Ast.TestTarget target, Direction direction) {
    if (target instanceof Ast.IpTarget ip) {
      Optional<IpPrefix> host = Values.host(ip.address().text());
      if (host.isEmpty()) {
        diagnostics.error(
            Code.CIL0215,
            ip.address().span(),
            "`" + ip.address().text() + "` is not an IPv4 or IPv6 address",
            "write an address such as `10.20.30.5`");
        return Optional.empty();
      }
      return Optional.of(new TestCase.OtherEnd.Address(host.get()));
    } else if (target instanceof Ast.FqdnTarget f) {
      Optional<String> problem = Values.fqdnProblem(f.name().value(), false);
      if (problem.isPresent()) {
        diagnostics.error(
            Code.CIL0217, f.name().span(), problem.get(), "write a name such as `api.example.com`");
        return Optional.empty();
      }
      if (direction == Direction.INGRESS) {
        diagnostics.error(
            Code.CIL0222,
            f.span(),
            "an `fqdn` can only be a destination",
            "test ingress with `ip`, `pods … in namespace …` or an entity");
        return Optional.empty();
      }
      return Optional.of(new TestCase.OtherEnd.Name(f.name().value()));
    } else if (target instanceof Ast.PodsTarget p) {
      Optional<TreeMap<String, String>> labels = concreteLabels(p.selector());
      boolean ok = labels.isPresent() & checkNamespace(p.namespace());
      return ok
          ? Optional.of(new TestCase.OtherEnd.Pod(labels.get(), p.namespace().text()))
          : Optional.empty();
    } else if (target instanceof Ast.NamedTarget n) {
      String name = n.name().text();
      if (Set.of("world", "host", "remote-node", "kube-apiserver").contains(name)) {
        return Optional.of(new TestCase.OtherEnd.Entity(name));
      }
      diagnostics.error(
          Code.CIL0201,
          n.name().span(),
          "unknown test target `" + name + "`",
          "test against `ip A`, `fqdn \"name\"`, `pods LABELS in namespace NS`, `world`, `host`,"
              + " `remote-node` or `kube-apiserver`");
      return Optional.empty();
    }
    throw new AssertionError(target);
  }

  // ---------------------------------------------------------------- whole program

  private void rejectDuplicatePolicies(List<Policy> policies) {
    Map<String, Policy> seen = new HashMap<>();
    for (Policy policy : policies) {
      String key = (policy.clusterwide() ? "ccnp:" : "cnp:") + policy.qualifiedName();
      Policy first = seen.putIfAbsent(key, policy);
      if (first != null) {
        diagnostics.add(
            Diagnostic.of(
                    Code.CIL0220,
                    policy.span(),
                    (policy.clusterwide() ? "clusterwide policy `" : "policy `")
                        + policy.qualifiedName()
                        + "` is defined twice",
                    "give each policy its own name")
                .withRelated(new Related(first.span(), "first defined here")));
      }
    }
  }
}
