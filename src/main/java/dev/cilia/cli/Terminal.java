package dev.cilia.cli;

import java.io.PrintStream;
import java.util.Map;

/**
 * Where a command writes, whether stderr is a terminal that wants colour, and whether {@code
 * --debug} asked for the stack of an internal error.
 */
record Terminal(
    PrintStream out, PrintStream err, Map<String, String> env, boolean tty, boolean debug) {
  Terminal(PrintStream out, PrintStream err, Map<String, String> env, boolean tty) {
    this(out, err, env, tty, false);
  }
}
