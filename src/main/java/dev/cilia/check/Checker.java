package dev.cilia.check;

import dev.cilia.check.Scopes.LetDef;
import dev.cilia.check.Scopes.Scope;
import dev.cilia.diag.Code;
import dev.cilia.diag.Diagnostic;
import dev.cilia.diag.Diagnostics;
import dev.cilia.diag.Related;
import dev.cilia.ir.Policy;
import dev.cilia.ir.Program;
import dev.cilia.ir.TestCase;
import dev.cilia.ir.VersionPin;
import dev.cilia.load.Imports;
import dev.cilia.load.Load;
import dev.cilia.load.SourceLoader;
import dev.cilia.source.SourceFile;
import dev.cilia.syntax.Ast;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Names, types and values: takes the files the load stage parsed, resolves {@code let}s (typed peer
 * or service), checks every word, and builds the {@link Program}. All problems are reported, each
 * once. The work is shared out along the language's parts: {@link Scopes} (names and {@code let}
 * kinds), {@link Lets} (the one resolution of a {@code let}), {@link PolicyChecker}, {@link
 * StatementChecker}, {@link ServiceChecker}, {@link PeerChecker}, {@link Selectors}, {@link
 * TestChecker} and {@link MonitoringChecker}.
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
  private final Scopes scopes = new Scopes(diagnostics);
  private final Lets lets = new Lets(diagnostics, scopes);
  private final Selectors selectors = new Selectors(diagnostics);
  private final ServiceChecker services = new ServiceChecker(diagnostics, lets);
  private final PeerChecker peers = new PeerChecker(diagnostics, lets, selectors);
  private final PolicyChecker policies =
      new PolicyChecker(
          diagnostics, selectors, peers, new StatementChecker(diagnostics, peers, services));
  private final TestChecker tests = new TestChecker(diagnostics, selectors, services);

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
    scopes.declare(units);
    List<Policy> checkedPolicies = new ArrayList<>();
    List<TestCase> checkedTests = new ArrayList<>();
    for (Imports.Unit unit : units) {
      unit.file.ifPresent(file -> checkFile(unit, file, checkedPolicies, checkedTests));
    }
    rejectDuplicatePolicies(checkedPolicies);
    Optional<dev.cilia.ir.Monitoring> monitoring =
        MonitoringChecker.check(
            units.stream().flatMap(u -> u.file.stream()).toList(), checkedPolicies, diagnostics);
    List<SourceFile> files = units.stream().map(u -> u.source).toList();
    return new Result(
        new Program(checkedPolicies, checkedTests, monitoring), diagnostics.sorted(), files);
  }

  private void checkFile(
      Imports.Unit unit,
      Ast.CiliaFile file,
      List<Policy> checkedPolicies,
      List<TestCase> checkedTests) {
    Scope scope = scopes.of(unit);
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
        policies.check(scope, p, pin, fileResolver).ifPresent(checkedPolicies::add);
      } else if (decl instanceof Ast.TestDecl t) {
        tests.check(scope, t, pin).ifPresent(checkedTests::add);
      }
    }
  }

  /** Checks a {@code let} body once, where it is written, so unused ones are checked too. */
  private void validateLet(LetDef def) {
    scopes.kindOf(def);
    Ast.LetValue value = def.decl().value();
    if (value instanceof Ast.LetPeer p) {
      peers.validate(def, p);
    } else if (value instanceof Ast.LetServices s) {
      services.validate(def, s);
    }
  }

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
