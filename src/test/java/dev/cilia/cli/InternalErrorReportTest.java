package dev.cilia.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Any throwable that reaches the command line is CIL0901 in the format the user chose, exit 2,
 * never a stack trace unless {@code --debug}.
 */
class InternalErrorReportTest {
  /** Standard input that fails with {@code thrown} on the first read. */
  private static InputStream failing(Supplier<Error> thrown) {
    return new InputStream() {
      @Override
      public int read() {
        throw thrown.get();
      }

      @Override
      public int read(byte[] b, int off, int len) {
        throw thrown.get();
      }
    };
  }

  private record Run(int code, String out, String err) {}

  private static Run run(InputStream in, Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            args,
            new Terminal(
                in,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                env,
                false,
                false,
                false));
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static Run lintCrash(Supplier<Error> thrown, String... options) {
    String[] args = new String[options.length + 2];
    args[0] = "lint";
    System.arraycopy(options, 0, args, 1, options.length);
    args[args.length - 1] = "-";
    return run(failing(thrown), Map.of(), args);
  }

  @ParameterizedTest
  @ValueSource(strings = {"oom", "stack", "assert"})
  void textIsOneLineOnStderr(String kind) {
    Supplier<Error> thrown =
        switch (kind) {
          case "oom" -> () -> new OutOfMemoryError("Java heap space");
          case "stack" -> StackOverflowError::new;
          default -> () -> new AssertionError("never");
        };
    Run run = lintCrash(thrown);
    assertEquals(2, run.code());
    assertEquals("", run.out());
    assertEquals(1, run.err().lines().count(), run.err());
    assertTrue(run.err().startsWith("ciliac: error[CIL0901]: internal compiler error"), run.err());
    assertTrue(run.err().endsWith("(--debug prints the stack)\n"), run.err());
    assertFalse(run.err().contains("\tat "), run.err());
  }

  @Test
  void jsonIsAReportWithTheOneDiagnostic() {
    Run run = lintCrash(() -> new OutOfMemoryError("Java heap space"), "--format", "json");
    assertEquals(2, run.code());
    assertEquals("", run.err());
    JsonNode report = JsonMapper.builder().build().readTree(run.out());
    assertEquals(1, report.get("errors").asInt());
    JsonNode d = report.get("diagnostics").get(0);
    assertEquals("CIL0901", d.get("code").asString());
    assertEquals("ciliac", d.get("file").asString());
    assertTrue(d.get("message").asString().contains("out of memory"), run.out());
    assertEquals("--debug prints the stack", d.get("hint").asString());
  }

  @Test
  void sarifIsALogWithTheOneResult() {
    Run run = lintCrash(StackOverflowError::new, "--format", "sarif");
    assertEquals(2, run.code());
    assertEquals("", run.err());
    JsonNode result =
        JsonMapper.builder().build().readTree(run.out()).get("runs").get(0).get("results").get(0);
    assertEquals("CIL0901", result.get("ruleId").asString());
    assertTrue(result.get("message").get("text").asString().contains("stack overflow"), run.out());
  }

  @Test
  void debugAddsTheStackOnStderr() {
    Run run = lintCrash(StackOverflowError::new, "--format", "json", "--debug");
    assertEquals(2, run.code());
    assertTrue(run.out().contains("CIL0901"), run.out());
    assertTrue(run.err().contains("java.lang.StackOverflowError"), run.err());
    assertTrue(run.err().contains("\tat "), run.err());
  }

  @Test
  void aFailureOutsideTheDriverIsReportedTheSameWay(@TempDir Path dir) throws Exception {
    Path broken = Files.writeString(dir.resolve("b.cilia"), "policy a in namespace b {\n  x\n}\n");
    // The environment is read when colour is decided, after the driver returned.
    Map<String, String> failing =
        new AbstractMap<>() {
          @Override
          public Set<Entry<String, String>> entrySet() {
            return Set.of();
          }

          @Override
          public String get(Object key) {
            throw new OutOfMemoryError("Java heap space");
          }
        };
    Run run = run(InputStream.nullInputStream(), failing, "check", broken.toString());
    assertEquals(2, run.code());
    assertEquals(1, run.err().lines().count(), run.err());
    assertTrue(run.err().contains("error[CIL0901]") && run.err().contains("out of memory"));
  }

  @Test
  void theCommandLineChoosesFormatAndStream() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Terminal terminal =
        new Terminal(
            InputStream.nullInputStream(),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            Map.of(),
            false,
            false,
            false);
    dev.cilia.driver.InternalCompilerError e =
        new dev.cilia.driver.InternalCompilerError("emit", "p.cilia", new AssertionError());
    Reporter.forCommandLine(new String[] {"compile", "--format=sarif", "p.cilia"}, terminal)
        .internalError(e);
    assertEquals("", out.toString(StandardCharsets.UTF_8), "compile's stdout is for YAML");
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("\"ruleId\": \"CIL0901\""));
    err.reset();
    Reporter.forCommandLine(new String[] {"check", "--format", "json", "p.cilia"}, terminal)
        .internalError(e);
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("\"code\": \"CIL0901\""));
    assertEquals("", err.toString(StandardCharsets.UTF_8));
  }
}
