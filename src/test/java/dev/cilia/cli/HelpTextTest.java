package dev.cilia.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cilia.testing.Cli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Every command's {@code --help} at 80 columns: no line longer, no word broken across lines, no
 * {@code sarif} offered where the command refuses it; and usage errors are one line and a pointer
 * to the help.
 */
class HelpTextTest {
  private static final int WIDTH = 80;

  /** Commands whose report has no SARIF form. */
  private static final Map<String, String[]> NO_SARIF =
      Map.of(
          "test", new String[] {"samples/payments.cilia"},
          "import", new String[] {"samples/yaml/l7-visibility.yaml"},
          "explain",
              new String[] {
                "--from",
                "payments/app=a",
                "--to",
                "world",
                "--port",
                "tcp/80",
                "samples/payments.cilia"
              });

  /** The command tree as ciliac builds it. */
  private static CommandLine tree() {
    PrintStream sink = new PrintStream(new ByteArrayOutputStream());
    Terminal terminal = new Terminal(sink, sink, Map.of(), false);
    CommandLine.IFactory factory =
        new CommandLine.IFactory() {
          @Override
          public <K> K create(Class<K> cls) throws Exception {
            for (Constructor<?> c : cls.getDeclaredConstructors()) {
              if (Arrays.equals(c.getParameterTypes(), new Class<?>[] {Terminal.class})) {
                c.setAccessible(true);
                return cls.cast(c.newInstance(terminal));
              }
            }
            return CommandLine.defaultFactory().create(cls);
          }
        };
    return new CommandLine(new Main(), factory);
  }

  /** Every command line: {@code []} for ciliac itself, then one per subcommand. */
  private static List<List<String>> commands() {
    List<List<String>> all = new ArrayList<>();
    all.add(List.of());
    tree().getSubcommands().keySet().forEach(name -> all.add(List.of(name)));
    return all;
  }

  private static Cli.Run help(List<String> command) {
    List<String> args = new ArrayList<>(command);
    args.add("--help");
    return Cli.run(args.toArray(String[]::new));
  }

  /** The prose the help is made of: descriptions of the command, its options and parameters. */
  private static List<String> sourceWords(CommandSpec spec) {
    List<String> text = new ArrayList<>(List.of(spec.usageMessage().description()));
    List<ArgSpec> args = new ArrayList<>(spec.options());
    args.addAll(spec.positionalParameters());
    for (ArgSpec arg : args) {
      text.addAll(List.of(arg.description()));
    }
    for (CommandLine sub : spec.subcommands().values()) {
      String[] description = sub.getCommandSpec().usageMessage().description();
      if (description.length > 0) {
        // The command list shows a command's description up to its first line break.
        text.add(description[0].split("%n")[0]);
      }
    }
    List<String> words = new ArrayList<>();
    for (String t : text) {
      for (String word : t.replace("%n", " ").split("\\s+")) {
        if (!word.isEmpty()) {
          words.add(word);
        }
      }
    }
    return words;
  }

  @Test
  void everyHelpFitsEightyColumnsWithNoWordBroken() {
    CommandLine tree = tree();
    for (List<String> command : commands()) {
      Cli.Run run = help(command);
      assertEquals(0, run.exitCode(), command + ": " + run.err());
      String help = run.out();
      for (String line : help.lines().toList()) {
        assertTrue(
            line.codePointCount(0, line.length()) <= WIDTH,
            command + ": longer than " + WIDTH + " columns: " + line);
      }
      Set<String> rendered = new HashSet<>(List.of(help.split("\\s+")));
      CommandSpec spec =
          command.isEmpty()
              ? tree.getCommandSpec()
              : tree.getSubcommands().get(command.get(0)).getCommandSpec();
      for (String word : sourceWords(spec)) {
        assertTrue(rendered.contains(word), command + ": `" + word + "` broken in\n" + help);
      }
    }
  }

  @Test
  void sarifIsOfferedOnlyWhereItIsAccepted() {
    for (List<String> command : commands()) {
      if (command.isEmpty() || command.get(0).equals("help")) {
        continue;
      }
      String name = command.get(0);
      String help = help(command).out();
      if (NO_SARIF.containsKey(name)) {
        assertFalse(help.contains("sarif"), name + " offers sarif:\n" + help);
        List<String> args = new ArrayList<>(List.of(name, "--format", "sarif"));
        args.addAll(List.of(NO_SARIF.get(name)));
        Cli.Run run = Cli.run(args.toArray(String[]::new));
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(
            run.err().startsWith("--format sarif is not available for `" + name + "`"), run.err());
      }
    }
    assertTrue(help(List.of("check")).out().contains("sarif"));
  }

  @Test
  void usageErrorsAreOneLineAndWhereToReadMore() {
    for (List<String> command : commands()) {
      if (command.isEmpty() || command.get(0).equals("help")) {
        continue;
      }
      String name = command.get(0);
      Cli.Run run = Cli.run(name, "--no-such-option");
      assertEquals(2, run.exitCode(), name);
      List<String> lines = run.err().lines().toList();
      assertEquals(2, lines.size(), name + ":\n" + run.err());
      assertFalse(lines.get(0).isBlank(), run.err());
      assertEquals("see `ciliac " + name + " --help`", lines.get(1));
      assertEquals("", run.out());
    }
    Cli.Run none = Cli.run();
    assertEquals(2, none.exitCode());
    assertEquals(2, none.err().lines().count(), none.err());
  }
}
