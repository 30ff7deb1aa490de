package dev.cilia.cli;

import dev.cilia.cilium.Target;
import dev.cilia.diag.Format;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ciliac}: the command line. Commands parse options and call the driver. */
@Command(
    name = "ciliac",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Compiles Cilia policy (.cilia) into Cilium network policies and proves them.",
    usageHelpAutoWidth = true)
public final class Main implements Runnable {
  /** The commands by name, in the order the help lists them; {@code help} comes last. */
  static final Map<String, Class<?>> COMMANDS = commands();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private static Map<String, Class<?>> commands() {
    Map<String, Class<?>> commands = new java.util.LinkedHashMap<>();
    commands.put("compile", CompileCommand.class);
    commands.put("check", CheckCommand.class);
    commands.put("test", TestCommand.class);
    commands.put("explain", ExplainCommand.class);
    commands.put("lint", LintCommand.class);
    commands.put("fmt", FmtCommand.class);
    commands.put("import", ImportCommand.class);
    commands.put("diff", DiffCommand.class);
    commands.put("replay", ReplayCommand.class);
    commands.put("suggest", SuggestCommand.class);
    commands.put("lsp", LspCommand.class);
    commands.put("help", CommandLine.HelpCommand.class);
    return java.util.Collections.unmodifiableMap(commands);
  }

  /**
   * The command line for {@code args}: when they start with a command's name (not {@code help}),
   * only that command's model is built, as picocli's reflection over all of them costs more than a
   * short command; else, or when {@code whole} is set, every command's.
   */
  static CommandLine commandLine(String[] args, Terminal terminal, boolean whole) {
    Factory factory = new Factory(terminal);
    CommandLine cli = new CommandLine(new Main(), factory);
    Class<?> named = args.length == 0 ? null : COMMANDS.get(args[0]);
    for (Map.Entry<String, Class<?>> command : COMMANDS.entrySet()) {
      if (whole
          || named == null
          || named == CommandLine.HelpCommand.class
          || command.getValue() == named) {
        try {
          cli.addSubcommand(command.getKey(), factory.create(command.getValue()));
        } catch (Exception e) {
          throw new CommandLine.InitializationException("cannot create " + command.getKey(), e);
        }
      }
    }
    return cli;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(),
        "name a command: compile, check, test, explain, lint, fmt, import, diff, replay, suggest or lsp");
  }

  public static void main(String[] args) {
    PrintStream out =
        new PrintStream(
            new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
    PrintStream err =
        new PrintStream(
            new java.io.FileOutputStream(java.io.FileDescriptor.err), true, StandardCharsets.UTF_8);
    int code = run(args, Terminal.system(System.in, out, err));
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** Runs one command line with the given streams and environment; returns the exit code. */
  public static int run(
      String[] args, PrintStream out, PrintStream err, Map<String, String> env, boolean tty) {
    return run(args, new Terminal(out, err, env, tty));
  }

  static int run(String[] args, Terminal given) {
    String[] rest = Debug.strip(args);
    Terminal terminal = rest.length == args.length ? given : given.debugging();
    try {
      return Worker.run(
          () -> {
            try {
              return execute(rest, terminal);
            } catch (RuntimeException | Error e) {
              return crashed(rest, terminal, e);
            }
          });
    } catch (RuntimeException | Error e) {
      return crashed(rest, terminal, e);
    }
  }

  /** Any throwable that reached the command line: CIL0901 in the format the command line chose. */
  private static int crashed(String[] args, Terminal terminal, Throwable e) {
    return Reporter.forCommandLine(args, terminal)
        .internalError(
            e instanceof dev.cilia.driver.InternalCompilerError ice
                ? ice
                : new dev.cilia.driver.InternalCompilerError("run", "the inputs", e));
  }

  private static int execute(String[] args, Terminal terminal) {
    java.util.OptionalInt fast = FastPath.run(args, terminal);
    if (fast.isPresent()) {
      return fast.getAsInt();
    }
    return execute(args, terminal, false);
  }

  /** Runs {@code args} through picocli; {@code whole} builds every command's model. */
  static int execute(String[] args, Terminal terminal, boolean whole) {
    CommandLine cli = commandLine(args, terminal, whole);
    HelpLayout.install(cli);
    cli.setOut(new PrintWriter(terminal.out(), true));
    cli.setErr(new PrintWriter(terminal.err(), true));
    cli.registerConverter(Format.class, Main::format);
    cli.registerConverter(Target.class, Main::target);
    cli.setExitCodeExceptionMapper(e -> ExitCode.USAGE);
    cli.setParameterExceptionHandler(
        (e, arguments) -> {
          // A usage error is its message and where to read more, not the whole help.
          String message = e.getMessage() == null ? "invalid command line" : e.getMessage();
          terminal.err().println(dev.cilia.diag.Visible.escape(message));
          if (!message.contains("--help")) {
            terminal
                .err()
                .println(
                    "see `" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help`");
          }
          return ExitCode.USAGE;
        });
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> crashed(args, terminal, e));
    return cli.execute(args);
  }

  /** Reads {@code --cilium}: a version outside the supported ones is a usage error. */
  static Target target(String text) {
    return Target.parse(text)
        .orElseThrow(() -> new CommandLine.TypeConversionException(Target.unsupported(text)));
  }

  private static Format format(String text) {
    return Format.parse(text)
        .orElseThrow(
            () ->
                new CommandLine.TypeConversionException(
                    "unknown format `" + text + "`; formats: text, json, sarif"));
  }

  /** The version from the build, e.g. {@code 0.1.0}. */
  static String version() {
    try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
      Properties properties = new Properties();
      if (in != null) {
        properties.load(in);
      }
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** Supplies {@code --version}. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"ciliac " + version(), "targets: Cilium " + Target.supportedList()};
    }
  }

  /** Gives commands the terminal they write to. */
  record Factory(Terminal terminal) implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> cls) throws Exception {
      if (cls == CompileCommand.class) {
        return cls.cast(new CompileCommand(terminal));
      }
      if (cls == CheckCommand.class) {
        return cls.cast(new CheckCommand(terminal));
      }
      if (cls == LintCommand.class) {
        return cls.cast(new LintCommand(terminal));
      }
      if (cls == FmtCommand.class) {
        return cls.cast(new FmtCommand(terminal));
      }
      if (cls == TestCommand.class) {
        return cls.cast(new TestCommand(terminal));
      }
      if (cls == ExplainCommand.class) {
        return cls.cast(new ExplainCommand(terminal));
      }
      if (cls == ImportCommand.class) {
        return cls.cast(new ImportCommand(terminal));
      }
      if (cls == DiffCommand.class) {
        return cls.cast(new DiffCommand(terminal));
      }
      if (cls == ReplayCommand.class) {
        return cls.cast(new ReplayCommand(terminal));
      }
      if (cls == SuggestCommand.class) {
        return cls.cast(new SuggestCommand(terminal));
      }
      return CommandLine.defaultFactory().create(cls);
    }
  }
}
