package dev.cilia.lower;

import dev.cilia.cilium.Target;
import dev.cilia.diag.Code;
import dev.cilia.diag.Diagnostic;
import dev.cilia.diag.Diagnostics;
import dev.cilia.ir.TestCase;
import dev.cilia.ir.VersionPin;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A test runs against the policies it is compiled with, so it must run on their target: a test
 * pinned to another target would meet no document and pass without checking anything.
 */
final class TestTargets {
  private TestTargets() {}

  static void check(
      List<TestCase> tests,
      List<Lowered.Shape> documents,
      Optional<Target> override,
      Diagnostics diagnostics) {
    if (override.isPresent() || documents.isEmpty()) {
      return;
    }
    Set<Target> targets = new TreeSet<>();
    documents.forEach(d -> targets.add(d.target()));
    String listed = targets.stream().map(Target::toString).collect(Collectors.joining(", "));
    for (TestCase test : tests) {
      if (test.pin() instanceof VersionPin.Pinned pinned) {
        Optional<Target> target = Target.parse(pinned.version());
        if (target.isPresent() && !targets.contains(target.get())) {
          diagnostics.add(
              Diagnostic.of(
                  Code.CIL0310,
                  test.span(),
                  "test \""
                      + test.title()
                      + "\" runs on Cilium "
                      + target.get()
                      + ", but the policies are compiled for "
                      + listed
                      + ": it would check no policy",
                  "pin the test's file to the policies' target with `cilium "
                      + targets.iterator().next()
                      + "`, or put the test beside its policies"));
        }
      } else if (targets.size() > 1) {
        diagnostics.add(
            Diagnostic.of(
                Code.CIL0310,
                test.span(),
                "test \""
                    + test.title()
                    + "\" has no target, and the policies are compiled for "
                    + listed,
                "pin the test's file with `cilium X.Y`, or run with `--cilium`"));
      }
    }
  }
}
