package dev.cilia.verify;

import dev.cilia.cilium.Target;
import dev.cilia.diag.Diagnostic;
import dev.cilia.diag.JsonRenderer;
import dev.cilia.diag.Severity;
import dev.cilia.eval.Side;
import dev.cilia.eval.Verdict;
import dev.cilia.ir.TestCase;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The outcome of every {@code expect} line of a run, printed as text or JSON. */
public final class TestReport {
  /**
   * One {@code expect} line: the flow that decided it (the first failing port, or the last one
   * checked), what was expected, and the verdict with its rules.
   */
  public record Check(
      TestCase test,
      TestCase.Expectation expectation,
      Target target,
      boolean passed,
      String flow,
      String expected,
      Verdict verdict,
      List<Trace> traces,
      String note) {
    public Check {
      traces = List.copyOf(traces);
      note = note == null ? "" : note;
    }

    Check(
        TestCase test,
        TestCase.Expectation expectation,
        Target target,
        boolean passed,
        String flow,
        String expected,
        Verdict verdict,
        List<Trace> traces) {
      this(test, expectation, target, passed, flow, expected, verdict, traces, "");
    }

    /** The check with a remark for its report line, e.g. that it passed vacuously. */
    Check withNote(String text) {
      return new Check(test, expectation, target, passed, flow, expected, verdict, traces, text);
    }
  }

  private final List<Check> checks;

  TestReport(List<Check> checks) {
    this.checks = List.copyOf(checks);
  }

  public List<Check> checks() {
    return checks;
  }

  public int passed() {
    return (int) checks.stream().filter(Check::passed).count();
  }

  public int failed() {
    return checks.size() - passed();
  }

  /** {@code N passed, N failed}. */
  public String summary() {
    return passed() + " passed, " + failed() + " failed";
  }

  /** Each failure with its flow, expected and actual verdict and rules; then the summary line. */
  public String text() {
    StringBuilder out = new StringBuilder();
    for (Check c : checks) {
      if (c.passed()) {
        if (!c.note().isEmpty()) {
          out.append("PASS ")
              .append(Wording.place(c.expectation().span()))
              .append(": test \"")
              .append(c.test().title())
              .append("\" (Cilium ")
              .append(c.target())
              .append(")\n  ")
              .append(Wording.source(c.expectation().span()))
              .append("\n  note:     ")
              .append(c.note())
              .append("\n\n");
        }
        continue;
      }
      out.append("FAIL ")
          .append(Wording.place(c.expectation().span()))
          .append(": test \"")
          .append(c.test().title())
          .append("\" (Cilium ")
          .append(c.target())
          .append(")\n");
      out.append("  ").append(Wording.source(c.expectation().span())).append('\n');
      out.append("  flow:     ").append(c.flow()).append('\n');
      out.append("  expected: ").append(c.expected()).append('\n');
      out.append("  actual:   ").append(actual(c.verdict())).append('\n');
      Trace.text(c.traces(), "  ", 10, out);
      out.append('\n');
    }
    out.append(summary()).append('\n');
    return out.toString();
  }

  static String actual(Verdict v) {
    String sides =
        v.sides().isEmpty()
            ? ""
            : " (" + String.join("+", v.sides().stream().map(Side::word).toList()) + ")";
    return v.kind() + sides + ": " + v.reason();
  }

  /** {@code {"tests": [...], "passed": N, "failed": N}}. */
  public String json() {
    return json(List.of());
  }

  /**
   * {@code {"tests": [...], "passed": N, "failed": N, "diagnostics": [...], "warnings": N}}: the
   * warnings and notes of the compile the tests ran on (CIL0305, CIL0311, CIL0313, …), as {@code
   * --format json} prints diagnostics.
   */
  public String json(List<Diagnostic> diagnostics) {
    ObjectNode document = JsonText.object();
    ArrayNode tests = document.putArray("tests");
    Map<TestCase, ArrayNode> byTest = new LinkedHashMap<>();
    for (Check c : checks) {
      ArrayNode expectations =
          byTest.computeIfAbsent(
              c.test(),
              t -> {
                ObjectNode node = tests.addObject();
                node.put("title", t.title());
                node.set("location", JsonText.place(t.span()));
                node.put("target", c.target().toString());
                return node.putArray("expectations");
              });
      ObjectNode node = expectations.addObject();
      node.put("expect", Wording.source(c.expectation().span()));
      node.set("location", JsonText.place(c.expectation().span()));
      node.put("passed", c.passed());
      node.put("flow", c.flow());
      node.put("expected", c.expected());
      if (!c.note().isEmpty()) {
        node.put("note", c.note());
      }
      if (c.verdict() == null) {
        node.putNull("actual");
      } else {
        node.set("actual", JsonText.verdict(c.verdict(), c.traces()));
      }
    }
    document.put("passed", passed());
    document.put("failed", failed());
    ArrayNode reported = document.putArray("diagnostics");
    long warnings = 0;
    for (Diagnostic d : diagnostics) {
      reported.add(JsonRenderer.diagnostic(d));
      if (d.severity() == Severity.WARNING) {
        warnings++;
      }
    }
    document.put("warnings", warnings);
    return JsonText.write(document);
  }
}
