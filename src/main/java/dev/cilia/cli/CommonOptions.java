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
      names = "--cluster-domain",
      paramLabel = "DOMAIN",
      converter = ClusterDomain.class,
      description =
          "Cluster domain of the pods' DNS search list, as kubelet's --cluster-domain"
              + " (default: cluster.local).")
  String clusterDomain;

  /** Refuses a domain that is not DNS labels joined by dots as a usage error. */
  static final class ClusterDomain implements picocli.CommandLine.ITypeConverter<String> {
    @Override
    public String convert(String value) {
      if (!Compilation.isClusterDomain(value)) {
        throw new picocli.CommandLine.TypeConversionException(
            "`"
                + value
                + "` is not a cluster domain: write lower-case DNS labels joined by dots,"
                + " e.g. corp.internal");
      }
      return value;
    }
  }

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
    return new Compilation.Options(inputs, recursive, root(), cilium())
        .withClusterDomain(Optional.ofNullable(clusterDomain));
  }

  Optional<Target> cilium() {
    return Optional.ofNullable(cilium);
  }

  Optional<Path> root() {
    return Optional.ofNullable(root);
  }
}
