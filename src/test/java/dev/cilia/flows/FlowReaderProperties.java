package dev.cilia.flows;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** The reader takes any bytes: mutated records become junk lines, never exceptions. */
class FlowReaderProperties {
  @Provide
  Arbitrary<byte[]> mutated() {
    byte[] base =
        (FlowSetTest.LINE + "\n" + FlowSetTest.LINE.replace("TCP", "UDP") + "\n")
            .getBytes(StandardCharsets.UTF_8);
    Arbitrary<Tuple.Tuple3<Integer, Integer, Byte>> edit =
        Arbitraries.integers()
            .between(0, base.length - 1)
            .flatMap(
                at ->
                    Arbitraries.integers()
                        .between(0, 2)
                        .flatMap(kind -> Arbitraries.bytes().map(b -> Tuple.of(at, kind, b))));
    return edit.list()
        .ofMinSize(1)
        .ofMaxSize(12)
        .map(
            edits -> {
              byte[] out = base.clone();
              for (Tuple.Tuple3<Integer, Integer, Byte> e : edits) {
                int at = Math.min(e.get1(), out.length - 1);
                switch (e.get2()) {
                  case 0 -> out[at] = e.get3();
                  case 1 -> out = java.util.Arrays.copyOf(out, Math.max(1, at));
                  default -> {
                    byte[] longer = new byte[out.length + 1];
                    System.arraycopy(out, 0, longer, 0, at);
                    longer[at] = e.get3();
                    System.arraycopy(out, at, longer, at + 1, out.length - at);
                    out = longer;
                  }
                }
              }
              return out;
            });
  }

  @Property(tries = 2000)
  void readerNeverThrowsOnMutatedInput(@ForAll("mutated") byte[] input) throws IOException {
    FlowSet set = new FlowSet();
    set.read("mutated.json", new ByteArrayInputStream(input));
    FlowSet.Counts c = set.counts();
    assertTrue(c.records() + c.junk() + c.nonFlow().size() <= 4 + input.length);
    set.flows().forEach(f -> assertTrue(f.port() >= 0 && f.port() <= 65535));
  }
}
