package dev.cilia.maven;

import dev.cilia.cilium.Target;
import dev.cilia.diag.Format;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The plugin configuration of one build, with paths absolute. {@link #key()} changes whenever
 * something that could change the result changes, the plugin itself included.
 *
 * @param clusterDomain the cluster domain of the pods' DNS search list when not {@code
 *     cluster.local}
 * @param workDirectory where stamps and the JSON or SARIF report go
 * @param plugin the plugin's version and the size and time of its jar, so a rebuilt plugin of the
 *     same version still rebuilds the policies
 */
record Settings(
    Path sourceDirectory,
    Path outputDirectory,
    Path workDirectory,
    Path root,
    Optional<Target> ciliumVersion,
    Optional<String> clusterDomain,
    boolean failOnWarning,
    Format format,
    String pluginVersion,
    String plugin) {

  /** A digest of every field. */
  String key() {
    return Digests.of(
        String.join(
            "\n",
            "sourceDirectory=" + sourceDirectory,
            "outputDirectory=" + outputDirectory,
            "workDirectory=" + workDirectory,
            "root=" + root,
            "ciliumVersion=" + ciliumVersion.map(Target::version).orElse(""),
            "clusterDomain=" + clusterDomain.orElse(""),
            "failOnWarning=" + failOnWarning,
            "format=" + format.label(),
            "pluginVersion=" + pluginVersion,
            "plugin=" + plugin));
  }
}
