package dev.cilia.maven;

import java.util.ArrayList;
import java.util.List;
import org.apache.maven.AbstractMavenLifecycleParticipant;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * With {@code <extensions>true</extensions>}, binds {@code check}, {@code compile} and {@code test}
 * to their default phases in every project that declares the plugin without executions, so the
 * plugin element alone is enough. Registered in {@code META-INF/plexus/components.xml}.
 */
public final class DefaultExecutions extends AbstractMavenLifecycleParticipant {
  /** This plugin's {@code groupId:artifactId}. */
  static final String PLUGIN_KEY = "dev.cilia:cilia";

  static final String EXECUTION_ID = "default-cilia";

  @Override
  public void afterProjectsRead(MavenSession session) {
    for (MavenProject project : session.getProjects()) {
      bind(project);
    }
  }

  /** Adds the default execution to {@code project} when it asks for it; true when added. */
  static boolean bind(MavenProject project) {
    Plugin plugin = project.getPlugin(PLUGIN_KEY);
    if (plugin == null || !plugin.isExtensions() || !plugin.getExecutions().isEmpty()) {
      return false;
    }
    PluginExecution execution = new PluginExecution();
    execution.setId(EXECUTION_ID);
    execution.setGoals(new ArrayList<>(List.of("check", "compile", "test")));
    // Model building copies the plugin's configuration into each execution; this one comes later.
    if (plugin.getConfiguration() instanceof Xpp3Dom configuration) {
      execution.setConfiguration(new Xpp3Dom(configuration));
    }
    plugin.addExecution(execution);
    return true;
  }
}
