package dev.cilia.verify;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cilia.diag.Work;
import dev.cilia.driver.Compilation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compiler's work grows linearly with the input: for 1× and 10× inputs of the same shape, every
 * counted step ({@link Work.Step}: the lower stage's pairs of policies for CIL0303 and CIL0314, the
 * proof's widening pairs, deny candidates, pods, selectors, verdicts and entries, and the test
 * warnings' evaluator work) grows at most 11×. Counts, not times: this cannot flake on a busy
 * machine (docs/performance.md).
 */
class ScalingGuardTest {
  private static final double LIMIT = 11.0;

  @TempDir Path dir;

  @Test
  void monorepoScalesLinearly() throws Exception {
    assertLinear(
        "monorepo",
        Monorepo.files(5),
        Monorepo.files(50),
        List.of(Work.Step.LOWER_PAIR, Work.Step.WIDENING_PAIR, Work.Step.DENY_CANDIDATE));
  }

  @Test
  void openAndEnforcingPoliciesWithTestsScaleLinearly() throws Exception {
    assertLinear(
        "open and enforcing",
        openAndEnforcing(40),
        openAndEnforcing(400),
        List.of(Work.Step.LOWER_PAIR, Work.Step.WIDENING_PAIR));
  }

  @Test
  void denyPoliciesOnTheSamePodsScaleLinearly() throws Exception {
    assertLinear("same pods", samePods(40), samePods(400), List.of(Work.Step.DENY_CANDIDATE));
  }

  /** {@code n} policies in one namespace on the same pods, half of them with a deny. */
  private static Map<String, String> samePods(int n) {
    StringBuilder b = new StringBuilder("cilium 1.18\n\n");
    b.append("policy api in namespace shop {\n  select app=api\n  enforce egress\n");
    b.append("  observe dns \"*\"\n  allow https to fqdn \"api.example.com\"\n");
    b.append("  allow tcp 5432 to pods app=db\n}\n\n");
    for (int i = 0; i < n; i++) {
      b.append("policy p-").append(i).append(" in namespace shop {\n  select app=api\n");
      if (i % 2 == 0) {
        b.append("  deny tcp ").append(10000 + i).append(" to world\n");
      } else {
        b.append("  allow tcp ").append(20000 + i).append(" from pods app=web-").append(i);
        b.append("\n");
      }
      b.append("}\n\n");
    }
    return Map.of("shop.cilia", b.toString());
  }

  /**
   * {@code n} services in one namespace on Cilium 1.15, where CIL0303 is checked: each with an
   * enforcing policy, an open one on other pods (its {@code allow … from} is CIL0314), and a test;
   * one enforcing policy on {@code tier=backend} pods, which the open ones leave out.
   */
  private static Map<String, String> openAndEnforcing(int n) {
    StringBuilder b = new StringBuilder("cilium 1.15\n\n");
    b.append("policy backend in namespace shop {\n  select tier=backend\n  enforce ingress\n");
    b.append("  allow tcp 8080 from pods app=web\n}\n\n");
    for (int i = 0; i < n; i++) {
      b.append("policy svc-").append(i).append(" in namespace shop {\n  select app=svc-");
      b.append(i).append("\n  enforce\n  allow tcp 8080 from pods app=web-");
      b.append(i).append("\n  allow tcp 5432 to pods app=db-").append(i).append("\n}\n\n");
      b.append("policy job-").append(i).append(" in namespace shop {\n  select app=job-");
      b.append(i).append(", tier!=backend\n  allow tcp 9090 from pods app=prometheus\n}\n\n");
      b.append("test \"svc-").append(i).append("\" for pods app=svc-").append(i);
      b.append(" in namespace shop {\n  expect allow tcp 8080 from pods app=web-").append(i);
      b.append(" in namespace shop\n  expect deny tcp 8081 from pods app=web-").append(i);
      b.append(" in namespace shop\n}\n\n");
    }
    return Map.of("shop.cilia", b.toString());
  }

  private void assertLinear(
      String name, Map<String, String> small, Map<String, String> large, List<Work.Step> counted)
      throws Exception {
    Map<Work.Step, Long> one = counts(name + "-1", small);
    Map<Work.Step, Long> ten = counts(name + "-10", large);
    List<Work.Step> nonZero =
        new java.util.ArrayList<>(
            List.of(Work.Step.SELECTOR_TEST, Work.Step.POD_SPACE, Work.Step.VERDICT));
    nonZero.addAll(counted);
    for (Work.Step step : nonZero) {
      assertTrue(one.get(step) > 0, name + ": nothing counted for " + step + ": " + one);
    }
    for (Work.Step step : Work.Step.values()) {
      double ratio = (double) ten.get(step) / Math.max(1, one.get(step));
      assertTrue(
          ratio <= LIMIT,
          name
              + ": "
              + step
              + " grew "
              + String.format("%.1f", ratio)
              + "x for 10x input ("
              + one.get(step)
              + " -> "
              + ten.get(step)
              + ")");
    }
  }

  private Map<Work.Step, Long> counts(String name, Map<String, String> files) throws Exception {
    Path folder = Files.createDirectories(dir.resolve(name));
    for (Map.Entry<String, String> f : files.entrySet()) {
      Files.writeString(folder.resolve(f.getKey()), f.getValue());
    }
    Work.reset();
    Compilation.Outcome outcome =
        Compilation.run(
            new Compilation.Options(List.of(folder), false, Optional.empty(), Optional.empty()));
    assertFalse(outcome.hasErrors(), name + ": " + outcome.diagnostics());
    assertTrue(outcome.proof().proved() > 0, name + ": nothing was proved");
    Map<Work.Step, Long> out = new EnumMap<>(Work.Step.class);
    for (Work.Step step : Work.Step.values()) {
      out.put(step, Work.count(step));
    }
    return out;
  }
}
