package dev.cilia.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StampTest {
  @TempDir Path dir;

  private Path file(String name, String text) throws IOException {
    Path path = dir.resolve(name);
    Files.createDirectories(path.getParent());
    Files.writeString(path, text);
    return path;
  }

  private Stamp stampOf(Path... read) throws IOException {
    Map<Path, String> texts = new java.util.LinkedHashMap<>();
    for (Path p : read) {
      texts.put(p, Files.readString(p));
    }
    return Stamp.of("settings", texts);
  }

  @Test
  void currentWhileNothingChanges() throws IOException {
    Path app = file("src/app.cilia", "import \"../shared/common.cilia\"\n");
    Path common = file("shared/common.cilia", "let m = tcp 9090\n");
    Stamp stamp = stampOf(app, common);
    assertTrue(stamp.isCurrent("settings", List.of(app)));
  }

  @Test
  void aChangedImportMakesItsImporterStale() throws IOException {
    Path app = file("src/app.cilia", "import \"../shared/common.cilia\"\n");
    Path common = file("shared/common.cilia", "let m = tcp 9090\n");
    Stamp stamp = stampOf(app, common);
    Files.writeString(common, "let m = tcp 9091\n");
    assertFalse(stamp.isCurrent("settings", List.of(app)));
  }

  @Test
  void newRemovedOrChangedInputsAndOtherSettingsAreStale() throws IOException {
    Path a = file("src/a.cilia", "# a\n");
    Stamp stamp = stampOf(a);
    Path b = file("src/b.cilia", "# b\n");
    assertFalse(stamp.isCurrent("settings", List.of(a, b)), "a new input");
    assertFalse(stamp.isCurrent("other settings", List.of(a)), "other settings");
    Files.delete(a);
    assertFalse(stamp.isCurrent("settings", List.of(b)), "a removed input");
  }

  @Test
  void aByteOrderMarkIsNotAChange() throws IOException {
    Path a = file("src/a.cilia", "# a\n");
    Stamp stamp = stampOf(a);
    Files.writeString(a, "\uFEFF# a\n");
    assertTrue(stamp.isCurrent("settings", List.of(a)));
  }

  @Test
  void roundTripsThroughItsFile() throws IOException {
    Path a = file("src/with space.cilia", "# a\n");
    Stamp stamp = stampOf(a).withOutputs(Map.of("shop.orders.yaml", "kind: x\n"));
    Path file = dir.resolve("target/cilia/.cilia-compile.stamp");
    stamp.write(file);
    assertEquals(Optional.of(stamp), Stamp.read(file));
    Files.writeString(file, "something else\n");
    assertEquals(Optional.empty(), Stamp.read(file));
    assertEquals(Optional.empty(), Stamp.read(dir.resolve("missing")));
  }

  @Test
  void outputsMustStillBeThere() throws IOException {
    Path out = Files.createDirectories(dir.resolve("out"));
    Stamp stamp = stampOf().withOutputs(Map.of("a.yaml", "kind: x\n"));
    assertFalse(stamp.outputsPresent(out));
    Files.writeString(out.resolve("a.yaml"), "kind: x\n");
    assertTrue(stamp.outputsPresent(out));
    Files.writeString(out.resolve("a.yaml"), "kind: y\n");
    assertFalse(stamp.outputsPresent(out));
  }
}
