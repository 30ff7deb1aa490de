package dev.cilia.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cilia.testing.Cli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Plain {@code check} and {@code compile}, and {@code --version}, skip picocli; their output and
 * exit codes are those of picocli's path for the same command line ({@code --} before the files
 * sends it there, and means the same to picocli).
 */
class FastPathTest {
  @TempDir Path dir;

  static Stream<List<String>> commandLines() {
    return Stream.of(
        List.of("check", "samples/l7-visibility.cilia"),
        List.of("check", "samples/l7-visibility.cilia", "samples/payments.cilia"),
        List.of("check", "--cilium", "1.15", "samples/l7-visibility.cilia"),
        List.of("check", "--cilium=1.16", "samples"),
        List.of("check", "samples/errors/deny-drops-allow.cilia"),
        List.of("check", "samples/errors/syntax.cilia"),
        List.of("check", "samples/no-such-file.cilia"),
        List.of("compile", "samples/l7-visibility.cilia"),
        List.of("compile", "--cilium", "1.18", "samples/shop-checkout.cilia"),
        List.of("compile", "samples/errors/names.cilia"),
        List.of("compile", "-o", "-", "samples/payments.cilia"));
  }

  @ParameterizedTest
  @MethodSource("commandLines")
  void theFastPathPrintsWhatPicocliPrints(List<String> args) {
    assertTrue(FastPath.parse(args.toArray(String[]::new), terminal()).isPresent(), "fast path");
    assertSame(Cli.run(args.toArray(String[]::new)), Cli.run(viaPicocli(args)));
  }

  @Test
  void compileToAFolderWritesWhatPicocliWrites() throws IOException {
    Path fast = dir.resolve("fast");
    Path slow = dir.resolve("slow");
    Cli.Run a = Cli.run("compile", "-o", fast.toString(), "samples/payments.cilia");
    Cli.Run b = Cli.run("compile", "--output", slow.toString(), "--", "samples/payments.cilia");
    assertEquals(0, a.exitCode(), a::err);
    assertEquals(b.exitCode(), a.exitCode());
    assertEquals(b.err().replace(slow.toString(), fast.toString()), a.err());
    List<String> files = listing(fast);
    assertEquals(listing(slow), files);
    assertTrue(!files.isEmpty());
    for (String f : files) {
      assertEquals(Files.readString(slow.resolve(f)), Files.readString(fast.resolve(f)), f);
    }
  }

  @Test
  void everythingElseGoesToPicocli() {
    for (String[] args :
        List.of(
            new String[] {"check"},
            new String[] {"check", "--help"},
            new String[] {"check", "--format", "json", "samples/payments.cilia"},
            new String[] {"check", "--cilium", "9.9", "samples/payments.cilia"},
            new String[] {"check", "--cilium", "1.16", "--cilium", "1.17", "x.cilia"},
            new String[] {"check", "-R", "samples"},
            new String[] {"check", "@args.txt"},
            new String[] {"check", "--", "samples/payments.cilia"},
            new String[] {"check", "-o", "out", "samples/payments.cilia"},
            new String[] {"compile", "-o", "", "samples/payments.cilia"},
            new String[] {"compile", "-o"},
            new String[] {"lint", "samples/yaml"},
            new String[] {"test", "samples/payments.cilia"})) {
      assertTrue(FastPath.parse(args, terminal()).isEmpty(), String.join(" ", args));
    }
  }

  @Test
  void versionPrintsWhatPicocliPrints() {
    java.io.StringWriter picocli = new java.io.StringWriter();
    new picocli.CommandLine(new Main(), new Main.Factory(terminal()))
        .printVersionHelp(new java.io.PrintWriter(picocli, true));
    for (String flag : List.of("--version", "-V")) {
      assertTrue(FastPath.parse(new String[] {flag}, terminal()).isPresent(), flag);
      Cli.Run run = Cli.run(flag);
      assertEquals(0, run.exitCode());
      assertEquals(picocli.toString(), run.out());
      assertEquals("", run.err());
    }
    assertTrue(FastPath.parse(new String[] {"--version", "check"}, terminal()).isEmpty());
    assertTrue(FastPath.parse(new String[] {"-hV"}, terminal()).isEmpty());
  }

  @Test
  void anUnsupportedTargetIsPicocliUsageError() {
    Cli.Run run = Cli.run("check", "--cilium", "9.9", "samples/payments.cilia");
    assertEquals(ExitCode.USAGE, run.exitCode());
    assertTrue(run.err().contains("not supported"), run::err);
  }

  private static String[] viaPicocli(List<String> args) {
    List<String> out = new ArrayList<>();
    boolean files = false;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (!files && i > 0 && !a.startsWith("-") && !isValue(args, i)) {
        out.add("--");
        files = true;
      }
      out.add(a);
    }
    return out.toArray(String[]::new);
  }

  private static boolean isValue(List<String> args, int i) {
    String before = args.get(i - 1);
    return before.equals("--cilium") || before.equals("-o") || before.equals("--output");
  }

  private static void assertSame(Cli.Run fast, Cli.Run picocli) {
    assertEquals(picocli.exitCode(), fast.exitCode(), fast::err);
    assertEquals(picocli.out(), fast.out());
    assertEquals(picocli.err(), fast.err());
  }

  private static List<String> listing(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static Terminal terminal() {
    PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    return new Terminal(sink, sink, Map.of(), false);
  }
}
