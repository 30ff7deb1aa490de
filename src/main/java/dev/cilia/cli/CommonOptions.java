package dev.cilia.cli;

import dev.cilia.cilium.Target;
import dev.cilia.driver.Compilation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Options shared by the commands that compile. */
final class CommonOptions {
  @Option(
      names = "--cilium",
      paramLabel = "X.Y",
      description = "Target Cilium version (1.13–1.18); overrides `cilium X.Y` in files.")
  Target cilium;

  @Option(
      names = "--root",
      paramLabel = "DIR",
      description = "Project root that imports may not leave (default: common parent of inputs).")
  Path root;

  @Option(
      names = {"-R", "--recursive"},
      description = "Also read .cilia files in subfolders of folder arguments.")
  boolean recursive;

  @Parameters(paramLabel = "FILES|DIRS", arity = "1..*", description = ".cilia files or folders.")
  List<Path> inputs = new ArrayList<>();

  /** The driver's options for these command-line options. */
  Compilation.Options compilation() {
    return new Compilation.Options(inputs, recursive, root(), cilium());
  }

  Optional<Target> cilium() {
    return Optional.ofNullable(cilium);
  }

  Optional<Path> root() {
    return Optional.ofNullable(root);
  }
}
