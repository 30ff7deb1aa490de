package dev.cilia.cli;

import java.io.PrintStream;
import java.util.Map;

/** Where a command writes, and whether stderr is a terminal that wants colour. */
record Terminal(PrintStream out, PrintStream err, Map<String, String> env, boolean tty) {}
