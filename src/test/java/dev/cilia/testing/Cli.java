package dev.cilia.testing;

import dev.cilia.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Runs {@code ciliac} in-process with captured streams. */
public final class Cli {
  private Cli() {}

  /** What a run printed and returned. */
  public record Run(int exitCode, String out, String err) {}

  public static Run run(String... args) {
    return run(Map.of(), false, args);
  }

  public static Run run(Map<String, String> env, boolean tty, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = Main.run(args, o, e, env, tty);
    }
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
