package dev.cilia.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FormatTest {
  @Test
  void parsesTheCommandLineNames() {
    assertEquals(Optional.of(Format.TEXT), Format.parse("text"));
    assertEquals(Optional.of(Format.JSON), Format.parse("json"));
    assertEquals(Optional.of(Format.SARIF), Format.parse("sarif"));
    assertEquals(Optional.of(Format.SARIF), Format.parse(" SARIF "));
    assertEquals(Optional.empty(), Format.parse("yaml"));
    assertEquals(Optional.empty(), Format.parse(""));
    assertEquals(Optional.empty(), Format.parse(null));
    assertEquals("json", Format.JSON.label());
  }

  @Test
  void eachFormatHasItsRenderer() {
    assertInstanceOf(TextRenderer.class, Format.TEXT.renderer(false, "1.0"));
    assertInstanceOf(JsonRenderer.class, Format.JSON.renderer(false, "1.0"));
    assertInstanceOf(SarifRenderer.class, Format.SARIF.renderer(false, "1.0"));
    assertFalse(
        Format.TEXT.renderer(false, "1.0").render(List.of(Samples.ftp())).contains("\u001b"));
  }
}
