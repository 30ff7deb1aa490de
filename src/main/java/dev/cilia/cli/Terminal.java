package dev.cilia.cli;

import dev.cilia.diag.TextRenderer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The streams a command reads and writes, whether each output stream is a terminal, the
 * environment, and whether {@code --debug} asked for the stack of an internal error. Colour is
 * decided per stream: text on stderr is coloured only when stderr is a terminal, text on stdout
 * only when stdout is, and never when {@code NO_COLOR} is set.
 */
record Terminal(
    InputStream in,
    PrintStream out,
    PrintStream err,
    Map<String, String> env,
    boolean outTty,
    boolean errTty,
    boolean debug) {

  /** The system property the {@code ciliac} launcher sets: which of 1 and 2 are terminals. */
  static final String TTY_PROPERTY = "ciliac.tty";

  /** Streams without standard input; {@code tty} says whether both are terminals. */
  Terminal(PrintStream out, PrintStream err, Map<String, String> env, boolean tty) {
    this(InputStream.nullInputStream(), out, err, env, tty, tty, false);
  }

  /** This terminal with {@code --debug}. */
  Terminal debugging() {
    return new Terminal(in, out, err, env, outTty, errTty, true);
  }

  /** Whether text written to stderr may carry colour. */
  boolean colourErr() {
    return TextRenderer.colourWanted(errTty, env);
  }

  /** Whether text written to stdout may carry colour. */
  boolean colourOut() {
    return TextRenderer.colourWanted(outTty, env);
  }

  /** The process's own streams, each tested for being a terminal. */
  static Terminal system(InputStream in, PrintStream out, PrintStream err) {
    String told = System.getProperty(TTY_PROPERTY);
    return new Terminal(
        in, out, err, System.getenv(), isTerminal(told, 1), isTerminal(told, 2), false);
  }

  /**
   * Whether file descriptor {@code fd} is a terminal: as the launcher tells ({@code
   * -Dciliac.tty=1,2} lists the terminals, empty for none), else, where {@code /proc} shows it,
   * whether the descriptor is a terminal device; else no.
   */
  static boolean isTerminal(String told, int fd) {
    if (told != null) {
      for (String part : told.split(",")) {
        if (part.strip().equals(Integer.toString(fd))) {
          return true;
        }
      }
      return false;
    }
    try {
      return isTerminalDevice(Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString());
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return false;
    }
  }

  /** {@code /dev/pts/3}, {@code /dev/tty1}, {@code /dev/ttys002}: a terminal. */
  static boolean isTerminalDevice(String device) {
    return device.startsWith("/dev/pts/") || device.startsWith("/dev/tty");
  }
}
