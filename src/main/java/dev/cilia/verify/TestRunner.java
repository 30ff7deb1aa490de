package dev.cilia.verify;

import dev.cilia.cilium.Target;
import dev.cilia.emit.Emitted;
import dev.cilia.eval.Endpoint;
import dev.cilia.eval.Evaluator;
import dev.cilia.eval.Flow;
import dev.cilia.eval.Protocol;
import dev.cilia.eval.Verdict;
import dev.cilia.ir.PortRange;
import dev.cilia.ir.TestCase;
import dev.cilia.ir.VersionPin;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the {@code expect} lines of {@code test} blocks against the emitted documents of a run: each
 * test against every document compiled for its target (LANGUAGE.md "Tests in the language";
 * docs/testing.md).
 */
public final class TestRunner {
  private final Map<Target, TargetDocuments> byTarget;
  private final Optional<Target> override;

  private TestRunner(List<Emitted> documents, Optional<Target> override) {
    this.byTarget = new HashMap<>(TargetDocuments.byTarget(documents));
    this.override = override;
    java.util.Set<Target> targets = new java.util.TreeSet<>();
    documents.forEach(d -> targets.add(d.target()));
    this.policiesTarget = targets.size() == 1 ? targets.iterator().next() : Target.NEWEST;
  }

  /** The target of an unpinned test: its policies' one target, else the newest. */
  private final Target policiesTarget;

  /**
   * Runs every expectation of {@code tests}; a test's target is {@code override} ({@code
   * --cilium}), else its file's {@code cilium X.Y}, else the newest.
   */
  public static TestReport run(
      List<TestCase> tests, List<Emitted> documents, Optional<Target> override) {
    TestRunner runner = new TestRunner(documents, override);
    TestWarnings warnings = new TestWarnings(documents);
    List<TestReport.Check> checks = new ArrayList<>();
    for (TestCase test : tests) {
      Target target = runner.target(test.pin());
      TargetDocuments docs =
          runner.byTarget.computeIfAbsent(target, t -> new TargetDocuments(t, List.of()));
      Endpoint.Pod pod = Endpoint.pod(test.namespace(), test.podLabels());
      Evaluator evaluator = docs.evaluatorFor(pod);
      boolean unselected = warnings.test(test, evaluator, pod, target.toString());
      for (TestCase.Expectation x : test.expectations()) {
        TestReport.Check check = runner.check(docs, test, x);
        if (unselected && check.passed() && vacuous(x, evaluator)) {
          check = check.withNote("passes only because no policy selects " + Wording.endpoint(pod));
        }
        checks.add(check);
      }
    }
    return new TestReport(checks);
  }

  /**
   * Warnings about tests that would check nothing (CIL0311, CIL0312): a test pod that no policy of
   * its target selects, a namespace that no policy names.
   */
  public static List<dev.cilia.diag.Diagnostic> warnings(
      List<TestCase> tests, List<Emitted> documents, Optional<Target> override) {
    if (tests.isEmpty()) {
      return List.of();
    }
    TestRunner runner = new TestRunner(documents, override);
    TestWarnings warnings = new TestWarnings(documents);
    for (TestCase test : tests) {
      Target target = runner.target(test.pin());
      TargetDocuments docs =
          runner.byTarget.computeIfAbsent(target, t -> new TargetDocuments(t, List.of()));
      Endpoint.Pod pod = Endpoint.pod(test.namespace(), test.podLabels());
      warnings.test(test, docs.evaluatorFor(pod), pod, target.toString());
    }
    return warnings.diagnostics();
  }

  /** An allowing expectation whose other end is not a selected pod either. */
  private static boolean vacuous(TestCase.Expectation x, Evaluator evaluator) {
    if (!(x instanceof TestCase.FlowExpectation f) || f.outcome() == TestCase.Outcome.DENY) {
      return false;
    }
    return !(f.other() instanceof TestCase.OtherEnd.Pod p)
        || evaluator.selecting(Endpoint.pod(p.namespace(), p.labels())).isEmpty();
  }

  private Target target(VersionPin pin) {
    if (override.isPresent()) {
      return override.get();
    }
    if (pin instanceof VersionPin.Pinned p) {
      return Target.parse(p.version()).orElse(Target.NEWEST);
    }
    return policiesTarget;
  }

  private TestReport.Check check(TargetDocuments docs, TestCase test, TestCase.Expectation x) {
    Endpoint.Pod pod = Endpoint.pod(test.namespace(), test.podLabels());
    Evaluator evaluator = docs.evaluatorFor(pod);
    if (x instanceof TestCase.DnsExpectation d) {
      Verdict v = evaluator.dnsLookup(pod, d.name());
      return new TestReport.Check(
          test,
          x,
          docs.target,
          v.visible(),
          lookup(d.name(), pod, evaluator),
          "visible (ALLOWED_VISIBLE: the DNS proxy sees and allows the lookup)",
          v,
          Trace.of(v, docs));
    }
    TestCase.FlowExpectation f = (TestCase.FlowExpectation) x;
    Endpoint other = endpoint(f.other());
    String expected =
        switch (f.outcome()) {
          case ALLOW -> "allow (ALLOWED or ALLOWED_VISIBLE)";
          case VISIBLE -> "visible (ALLOWED_VISIBLE: redirected to the L7 proxy)";
          case DENY -> "deny (DENIED or DENIED_BY_RULE)";
        };
    if (other instanceof Endpoint.Fqdn name
        && f.direction() == dev.cilia.ir.Direction.EGRESS
        && f.outcome() != TestCase.Outcome.DENY) {
      // The pod needs the name's address first: its lookup must pass (§3.5).
      Verdict v = evaluator.dnsLookup(pod, name.name());
      if (!v.passes()) {
        return new TestReport.Check(
            test,
            x,
            docs.target,
            false,
            lookup(name.name(), pod, evaluator),
            expected + ", after a DNS lookup that passes",
            v,
            Trace.of(v, docs));
      }
    }
    if (f.direction() == dev.cilia.ir.Direction.EGRESS && f.outcome() != TestCase.Outcome.DENY) {
      // §3.9: the lookup goes through the pod's search list, for every kind of client.
      Optional<TestReport.Check> failed =
          resolutions(docs, test, x, pod, other, evaluator, expected);
      if (failed.isPresent()) {
        return failed.get();
      }
    }
    Flow last = null;
    Verdict lastVerdict = null;
    for (Representatives.Probe probe : probes(f, docs.target)) {
      Flow flow =
          f.direction() == dev.cilia.ir.Direction.EGRESS
              ? new Flow(pod, other, probe.protocol(), probe.port())
              : new Flow(other, pod, probe.protocol(), probe.port());
      Verdict v = evaluator.decide(flow);
      boolean ok =
          switch (f.outcome()) {
            case ALLOW -> v.passes();
            case VISIBLE -> v.visible();
            case DENY -> v.drops();
          };
      if (!ok) {
        return new TestReport.Check(
            test, x, docs.target, false, Wording.flow(flow), expected, v, Trace.of(v, docs));
      }
      last = flow;
      lastVerdict = v;
    }
    return new TestReport.Check(
        test,
        x,
        docs.target,
        true,
        last == null ? "" : Wording.flow(last),
        expected,
        lastVerdict,
        lastVerdict == null ? List.of() : Trace.of(lastVerdict, docs));
  }

  /** The first lookup of the flow's name that some client cannot complete. */
  private static Optional<TestReport.Check> resolutions(
      TargetDocuments docs,
      TestCase test,
      TestCase.Expectation x,
      Endpoint.Pod pod,
      Endpoint other,
      Evaluator evaluator,
      String expected) {
    NameResolution.SearchList search = docs.searchListFor(pod);
    Optional<NameResolution.Names> names = NameResolution.names(pod, other, search);
    if (names.isEmpty()) {
      return Optional.empty();
    }
    List<String> written = names.get().written();
    String answer = names.get().answer();
    for (String w : written) {
      NameResolution.Lookups lookups = new NameResolution.Lookups(evaluator, pod, w, search);
      for (NameResolution.Client client : NameResolution.Client.values()) {
        NameResolution.Result r = NameResolution.resolve(lookups, answer, client);
        if (!r.resolved()) {
          Verdict v = r.verdict();
          Verdict shown =
              new Verdict(v.kind(), v.sides(), v.rules(), r.reason() + ": " + v.reason());
          return Optional.of(
              new TestReport.Check(
                  test,
                  x,
                  docs.target,
                  false,
                  lookup(w, pod, evaluator)
                      + " by a "
                      + client.word()
                      + " client ("
                      + r.summary()
                      + ")",
                  expected + ", after name lookups that resolve for glibc, musl and c-ares",
                  shown,
                  Trace.of(v, docs)));
        }
      }
    }
    return Optional.empty();
  }

  private static String lookup(String name, Endpoint.Pod pod, Evaluator evaluator) {
    return "DNS lookup of `"
        + name
        + "` from "
        + Wording.endpoint(pod)
        + " via "
        + Wording.endpoint(evaluator.resolver());
  }

  /** Every port of every range of the service, for each of its protocols. */
  private static List<Representatives.Probe> probes(TestCase.FlowExpectation f, Target target) {
    if (f.service().isAll()) {
      return Representatives.ports(f.service(), target);
    }
    List<Representatives.Probe> out = new ArrayList<>();
    for (PortRange r : f.service().ports()) {
      for (Protocol p : Representatives.protocols(r.protocol(), target)) {
        for (int port = r.low(); port <= r.high(); port++) {
          out.add(new Representatives.Probe(p, port));
        }
      }
    }
    return out;
  }

  private static Endpoint endpoint(TestCase.OtherEnd e) {
    if (e instanceof TestCase.OtherEnd.Address a) {
      return Representatives.ip(a.address());
    } else if (e instanceof TestCase.OtherEnd.Name n) {
      return Endpoint.fqdn(n.fqdn());
    } else if (e instanceof TestCase.OtherEnd.Pod p) {
      return Endpoint.pod(p.namespace(), p.labels());
    } else if (e instanceof TestCase.OtherEnd.Entity n) {
      return Endpoint.entity(n.name());
    }
    throw new AssertionError(e);
  }
}
