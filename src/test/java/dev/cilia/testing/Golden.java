package dev.cilia.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares output with a golden file. With {@code -Dcilia.golden.update=true} a missing or changed
 * golden file is written, and the test still fails so that the update is a reviewed diff.
 */
public final class Golden {
  private Golden() {}

  public static boolean updating() {
    return Boolean.getBoolean("cilia.golden.update");
  }

  public static void assertMatches(Path golden, String actual) {
    try {
      String expected =
          Files.exists(golden) ? Files.readString(golden, StandardCharsets.UTF_8) : null;
      if (actual.equals(expected)) {
        return;
      }
      if (updating()) {
        Files.createDirectories(golden.getParent());
        Files.writeString(golden, actual, StandardCharsets.UTF_8);
        fail("golden file updated, review the diff: " + golden);
      }
      if (expected == null) {
        fail("missing golden file " + golden + "; run with -Dcilia.golden.update=true");
      }
      assertEquals(expected, actual, "output differs from " + golden);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
