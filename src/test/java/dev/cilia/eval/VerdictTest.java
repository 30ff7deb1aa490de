package dev.cilia.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A reason given as a supplier is made once, when read, and the verdict equals its eager twin. */
class VerdictTest {
  @Test
  void aSuppliedReasonIsMadeOnceWhenFirstRead() {
    AtomicInteger made = new AtomicInteger();
    Verdict v =
        Verdict.because(
            Verdict.Kind.DENIED,
            List.of(Side.EGRESS),
            List.of(),
            () -> {
              made.incrementAndGet();
              return "egress is enforced";
            });
    assertEquals(0, made.get());
    assertEquals(Verdict.Kind.DENIED, v.kind());
    assertEquals("egress is enforced", v.reason());
    assertEquals("egress is enforced", v.reason());
    assertEquals(1, made.get());
  }

  @Test
  void lazyAndEagerVerdictsWithTheSameTextAreEqual() {
    Verdict eager = new Verdict(Verdict.Kind.ALLOWED, List.of(Side.INGRESS), List.of(), "open");
    Verdict lazy =
        Verdict.because(Verdict.Kind.ALLOWED, List.of(Side.INGRESS), List.of(), () -> "open");
    assertEquals(eager, lazy);
    assertEquals(eager.hashCode(), lazy.hashCode());
    assertEquals(eager.toString(), lazy.toString());
  }

  @Test
  void aPrefixLeadsTheReason() {
    Verdict v =
        Verdict.because(Verdict.Kind.REFUSED, List.of(Side.EGRESS), List.of(), () -> "REFUSED")
            .prefixed(() -> "lookup of `a.example.com`: ");
    assertEquals("lookup of `a.example.com`: REFUSED", v.reason());
  }

  @Test
  void threadsReadingAtOnceAllSeeTheText() {
    for (int round = 0; round < 200; round++) {
      Verdict v =
          Verdict.because(
              Verdict.Kind.ALLOWED, List.of(), List.of(), () -> "allowed by " + "x".repeat(8));
      List<String> seen =
          IntStream.range(0, 8).parallel().mapToObj(i -> v.reason()).distinct().toList();
      assertEquals(List.of("allowed by xxxxxxxx"), seen);
    }
  }
}
