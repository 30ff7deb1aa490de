package dev.cilia.maven;

import dev.cilia.driver.OutputError;
import dev.cilia.driver.PolicyFiles;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.maven.model.Resource;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Compiles the policies in {@code sourceDirectory} to one CiliumNetworkPolicy or
 * CiliumClusterwideNetworkPolicy YAML file each in {@code outputDirectory}. Nothing is written when
 * any error is found.
 */
@Mojo(name = "compile", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, threadSafe = true)
public final class CompileMojo extends CiliaMojo {
  /** Folder inside the artifact that holds the YAML when {@code addResource} is set. */
  static final String RESOURCE_PATH = "cilia";

  /** Add the YAML as a project resource, so that it ships in the artifact under {@code cilia/}. */
  @Parameter(property = "cilia.addResource", defaultValue = "false")
  boolean addResource;

  @Override
  String goal() {
    return "compile";
  }

  @Override
  boolean resultsPresent(Stamp stamp, Settings settings) {
    return stamp.outputsPresent(settings.outputDirectory());
  }

  @Override
  Stamp perform(Compiled compiled, Settings settings, Optional<Stamp> previous)
      throws MojoExecutionException {
    Map<String, String> files = new TreeMap<>();
    compiled.outcome().documents().forEach(e -> files.put(e.fileName(), e.yaml()));
    compiled.outcome().monitoring().forEach(g -> files.put(g.fileName(), g.yaml()));
    int policies = compiled.outcome().documents().size();
    int monitoring = compiled.outcome().monitoring().size();
    Set<String> stale = previous.map(p -> p.outputs().keySet()).orElse(Set.of());
    try {
      PolicyFiles.write(settings.outputDirectory(), files, stale);
    } catch (OutputError e) {
      throw new MojoExecutionException(e.getMessage());
    }
    getLog()
        .info(
            "Wrote "
                + policies
                + (policies == 1 ? " Cilia policy" : " Cilia policies")
                + (monitoring == 0 ? "" : " and " + monitoring + " monitoring files")
                + " to "
                + shown(settings.outputDirectory()));
    return compiled.stamp().withOutputs(files);
  }

  @Override
  void finish(Settings settings) {
    if (!addResource) {
      return;
    }
    String directory = settings.outputDirectory().toString();
    boolean added =
        project.getResources().stream()
            .anyMatch(
                r -> directory.equals(r.getDirectory()) && RESOURCE_PATH.equals(r.getTargetPath()));
    if (!added) {
      Resource resource = new Resource();
      resource.setDirectory(directory);
      resource.setTargetPath(RESOURCE_PATH);
      resource.setIncludes(List.of("*.yaml"));
      project.addResource(resource);
    }
  }
}
