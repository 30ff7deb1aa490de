package dev.cilia.cli;

import picocli.CommandLine;

/** {@code -o DIR|-} of the commands that write an output folder. */
final class OutputFolder {
  private OutputFolder() {}

  /** An empty or blank {@code -o} is a usage error: it would name the working folder. */
  static void check(CommandLine.Model.CommandSpec spec, String output) {
    if (output.isBlank()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "-o needs a folder, or - for stdout");
    }
  }
}
