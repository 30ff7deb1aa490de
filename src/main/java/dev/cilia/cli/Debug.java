package dev.cilia.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code --debug}, accepted anywhere before {@code --} on any command: an internal error (CIL0901)
 * then prints its stack after the one-line report.
 */
final class Debug {
  static final String FLAG = "--debug";

  private Debug() {}

  /** The arguments without {@code --debug}; the same array when it is absent. */
  static String[] strip(String[] args) {
    List<String> rest = new ArrayList<>(args.length);
    boolean options = true;
    for (String arg : args) {
      if (options && arg.equals("--")) {
        options = false;
      }
      if (!(options && arg.equals(FLAG))) {
        rest.add(arg);
      }
    }
    return rest.size() == args.length ? args : rest.toArray(String[]::new);
  }
}
