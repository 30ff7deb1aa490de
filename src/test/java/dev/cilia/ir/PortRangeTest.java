package dev.cilia.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Ranges are values; {@link PortRange#of} hands out one instance for equal ones. */
class PortRangeTest {
  @Test
  void equalRangesAreOneInstance() {
    assertSame(PortRange.of(Transport.TCP, 443, 443), PortRange.single(Transport.TCP, 443));
    assertSame(
        PortRange.of(Transport.UDP, 30000, 30100), PortRange.of(Transport.UDP, 30000, 30100));
    assertEquals(new PortRange(Transport.TCP, 443, 443), PortRange.single(Transport.TCP, 443));
  }

  @Test
  void otherRangesStayApart() {
    assertNotEquals(PortRange.single(Transport.TCP, 53), PortRange.single(Transport.UDP, 53));
    assertNotEquals(PortRange.of(Transport.TCP, 1, 2), PortRange.of(Transport.TCP, 1, 3));
    // Every port of both protocols, though the table has fewer slots: each is still itself.
    for (int port = 1; port <= 65535; port++) {
      PortRange r = PortRange.single(Transport.TCP, port);
      assertEquals(port, r.low());
      assertEquals(port, r.high());
      assertEquals(Transport.TCP, r.protocol());
    }
    assertThrows(IllegalArgumentException.class, () -> PortRange.of(Transport.TCP, 0, 1));
  }
}
