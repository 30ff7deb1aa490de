package dev.cilia.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.junit.jupiter.api.Test;

class DefaultExecutionsTest {
  private static MavenProject projectWith(Plugin plugin) {
    Model model = new Model();
    model.setBuild(new Build());
    model.getBuild().addPlugin(plugin);
    return new MavenProject(model);
  }

  private static Plugin cilia(boolean extensions) {
    Plugin plugin = new Plugin();
    plugin.setGroupId("dev.cilia");
    plugin.setArtifactId("cilia");
    plugin.setExtensions(extensions);
    return plugin;
  }

  @Test
  void bindsTheThreeGoalsWithThePluginsConfiguration() {
    Plugin plugin = cilia(true);
    Xpp3Dom configuration = new Xpp3Dom("configuration");
    Xpp3Dom addResource = new Xpp3Dom("addResource");
    addResource.setValue("true");
    configuration.addChild(addResource);
    plugin.setConfiguration(configuration);

    assertTrue(DefaultExecutions.bind(projectWith(plugin)));
    PluginExecution execution = plugin.getExecutions().get(0);
    assertEquals(List.of("check", "compile", "test"), execution.getGoals());
    assertEquals(
        "true", ((Xpp3Dom) execution.getConfiguration()).getChild("addResource").getValue());
  }

  @Test
  void leavesDeclaredExecutionsAndPlainPluginsAlone() {
    Plugin declared = cilia(true);
    PluginExecution own = new PluginExecution();
    own.addGoal("compile");
    declared.addExecution(own);
    assertFalse(DefaultExecutions.bind(projectWith(declared)));
    assertEquals(1, declared.getExecutions().size());

    Plugin plain = cilia(false);
    assertFalse(DefaultExecutions.bind(projectWith(plain)));
    assertTrue(plain.getExecutions().isEmpty());
  }
}
