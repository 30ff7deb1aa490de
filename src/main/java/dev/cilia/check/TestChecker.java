package dev.cilia.check;

import dev.cilia.check.Scopes.Scope;
import dev.cilia.cilium.Entities;
import dev.cilia.diag.Code;
import dev.cilia.diag.Diagnostics;
import dev.cilia.ir.Direction;
import dev.cilia.ir.IpPrefix;
import dev.cilia.ir.Service;
import dev.cilia.ir.TestCase;
import dev.cilia.ir.VersionPin;
import dev.cilia.syntax.Ast;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** {@code test} declarations: the tested pod, and each expectation's services and other end. */
final class TestChecker {
  private final Diagnostics diagnostics;
  private final Selectors selectors;
  private final ServiceChecker services;

  TestChecker(Diagnostics diagnostics, Selectors selectors, ServiceChecker services) {
    this.diagnostics = diagnostics;
    this.selectors = selectors;
    this.services = services;
  }

  Optional<TestCase> check(Scope scope, Ast.TestDecl decl, VersionPin pin) {
    Optional<TreeMap<String, String>> labels = selectors.concreteLabels(decl.selector());
    boolean ok = labels.isPresent() & selectors.namespace(decl.namespace());
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
        Optional<Service> service = services.service(f.services(), scope);
        Optional<TestCase.OtherEnd> other =
            testTarget(f.target(), StatementChecker.direction(f.direction()));
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
                outcome,
                StatementChecker.direction(f.direction()),
                service.get(),
                other.get(),
                f.span()));
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
      Optional<TreeMap<String, String>> labels = selectors.concreteLabels(p.selector());
      boolean ok = labels.isPresent() & selectors.namespace(p.namespace());
      return ok
          ? Optional.of(new TestCase.OtherEnd.Pod(labels.get(), p.namespace().text()))
          : Optional.empty();
    } else if (target instanceof Ast.NamedTarget n) {
      String name = n.name().text();
      if (Entities.PROBED.contains(name)) {
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
}
