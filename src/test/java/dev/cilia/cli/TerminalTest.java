package dev.cilia.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Terminal}: which stream is a terminal decides colour on that stream alone. */
class TerminalTest {
  private static final String ESC = "\u001b[";

  /** A fake terminal: captured streams, and which of them claims to be a terminal. */
  private static final class Fake {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final Terminal terminal;

    Fake(InputStream in, Map<String, String> env, boolean outTty, boolean errTty) {
      terminal =
          new Terminal(
              in,
              new PrintStream(out, true, StandardCharsets.UTF_8),
              new PrintStream(err, true, StandardCharsets.UTF_8),
              env,
              outTty,
              errTty,
              false);
    }

    int run(String... args) {
      return Main.run(args, terminal);
    }

    String out() {
      return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
      return err.toString(StandardCharsets.UTF_8);
    }
  }

  private static Fake fake(boolean outTty, boolean errTty) {
    return new Fake(InputStream.nullInputStream(), Map.of(), outTty, errTty);
  }

  @Test
  void stderrDiagnosticsAreColouredOnlyWhenStderrIsATerminal(@TempDir Path dir) throws Exception {
    Path broken = Files.writeString(dir.resolve("b.cilia"), "policy a in namespace b {\n  x\n}\n");
    Fake errTerminal = fake(false, true);
    assertEquals(1, errTerminal.run("check", broken.toString()));
    assertTrue(errTerminal.err().contains(ESC), errTerminal.err());

    Fake outTerminalOnly = fake(true, false);
    assertEquals(1, outTerminalOnly.run("check", broken.toString()));
    assertFalse(outTerminalOnly.err().contains(ESC), "stderr redirected: no colour");

    Fake noColor = new Fake(InputStream.nullInputStream(), Map.of("NO_COLOR", "1"), true, true);
    assertEquals(1, noColor.run("check", broken.toString()));
    assertFalse(noColor.err().contains(ESC), "NO_COLOR wins");
  }

  @Test
  void machineFormatsOnStdoutAreNeverColoured(@TempDir Path dir) throws Exception {
    Path broken = Files.writeString(dir.resolve("b.cilia"), "policy a in namespace b {\n  x\n}\n");
    Fake both = fake(true, true);
    assertEquals(1, both.run("check", "--format", "json", broken.toString()));
    assertFalse(both.out().contains(ESC), both.out());
  }

  @Test
  void colourIsAskedPerStream() {
    Terminal onlyErr = fake(false, true).terminal;
    assertTrue(onlyErr.colourErr());
    assertFalse(onlyErr.colourOut());
    Terminal onlyOut = fake(true, false).terminal;
    assertFalse(onlyOut.colourErr());
    assertTrue(onlyOut.colourOut());
    assertFalse(
        new Fake(InputStream.nullInputStream(), Map.of("NO_COLOR", "x"), true, true)
            .terminal.colourOut());
  }

  @Test
  void theLauncherSaysWhichStreamsAreTerminals() {
    assertTrue(Terminal.isTerminal("1,2", 2));
    assertFalse(Terminal.isTerminal("1", 2));
    assertTrue(Terminal.isTerminal("1", 1));
    assertFalse(Terminal.isTerminal("", 1));
    assertTrue(Terminal.isTerminalDevice("/dev/pts/3"));
    assertTrue(Terminal.isTerminalDevice("/dev/tty1"));
    assertFalse(Terminal.isTerminalDevice("pipe:[12345]"));
    assertFalse(Terminal.isTerminalDevice("/tmp/log.txt"));
  }

  @Test
  void lintReadsStandardInputForDash() throws Exception {
    byte[] yaml = Files.readAllBytes(Path.of("samples/yaml/l7-visibility.yaml"));
    Fake run = new Fake(new ByteArrayInputStream(yaml), Map.of(), false, false);
    assertEquals(0, run.run("lint", "--cilium", "1.16", "-"), run.err());
    assertTrue(run.err().startsWith("<stdin>:10:3: warning[CIL0507]"), run.err());
    assertTrue(run.err().endsWith("ok: 1 policy linted for Cilium 1.16\n"), run.err());
  }

  @Test
  void wrongInputKindNamesTheCommandForIt(@TempDir Path dir) throws Exception {
    Fake check = fake(false, false);
    assertEquals(2, check.run("check", "samples/yaml/l7-visibility.yaml"));
    assertEquals(
        "ciliac: cannot read samples/yaml/l7-visibility.yaml as Cilia: it is YAML; use `ciliac"
            + " lint` for CiliumNetworkPolicy YAML\n",
        check.err());
    Fake lint = fake(false, false);
    assertEquals(2, lint.run("lint", "samples/payments.cilia"));
    assertEquals(
        "ciliac: cannot read samples/payments.cilia as YAML: it is Cilia; use `ciliac check` (or"
            + " `compile`) for .cilia files\n",
        lint.err());
  }

  @Test
  void lintReadsSubfoldersWithRecursive(@TempDir Path dir) throws Exception {
    Path sub = dir.resolve("apps/shop");
    Files.createDirectories(sub);
    Files.copy(Path.of("samples/yaml/l7-visibility.yaml"), sub.resolve("p.yaml"));
    Fake flat = fake(false, false);
    assertEquals(2, flat.run("lint", dir.toString()));
    assertEquals(
        "ciliac: no .yaml or .yml files in folder " + dir + " (use -R for subfolders)\n",
        flat.err());
    Fake deep = fake(false, false);
    assertEquals(0, deep.run("lint", "-R", dir.toString()), deep.err());
  }
}
