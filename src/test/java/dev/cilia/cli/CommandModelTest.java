package dev.cilia.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A command line that names a command builds only that command's model; its output and exit code
 * are those of the model with every command.
 */
class CommandModelTest {
  private record Result(int code, String out, String err) {}

  private static Result run(String[] args, boolean whole) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    int code = Main.execute(args, new Terminal(o, e, Map.of(), false), whole);
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void oneCommandsModelAnswersAsTheWholeModel() {
    for (String[] args :
        List.of(
            new String[] {"compile", "--help"},
            new String[] {"check", "--help"},
            new String[] {"test", "--help"},
            new String[] {"explain", "--help"},
            new String[] {"lint", "--help"},
            new String[] {"fmt", "--help"},
            new String[] {"import", "--help"},
            new String[] {"diff", "--help"},
            new String[] {"replay", "--help"},
            new String[] {"suggest", "--help"},
            new String[] {"lsp", "--help"},
            new String[] {"lint", "-V"},
            new String[] {"lint", "--bogus"},
            new String[] {"lint"},
            new String[] {"lint", "samples/yaml"},
            new String[] {"check", "--format", "json", "samples/payments.cilia"},
            new String[] {"check", "--format", "xml", "samples/payments.cilia"},
            new String[] {"check", "--cilium", "9.9", "samples/payments.cilia"},
            new String[] {"compile", "-o"},
            new String[] {"test", "samples/payments.cilia"},
            new String[] {"fmt", "--check", "samples/payments.cilia"},
            new String[] {"explain"},
            new String[] {"diff", "samples"},
            new String[] {"help", "lint"},
            new String[] {"--help"},
            new String[] {"lnt"},
            new String[] {})) {
      assertEquals(run(args, true), run(args, false), String.join(" ", args));
    }
  }

  @Test
  void theCommandsAreNamedAsTheirAnnotationsSay() {
    for (Map.Entry<String, Class<?>> command : Main.COMMANDS.entrySet()) {
      assertEquals(
          command.getKey(), command.getValue().getAnnotation(CommandLine.Command.class).name());
    }
  }
}
