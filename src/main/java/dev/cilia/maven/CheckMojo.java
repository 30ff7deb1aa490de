package dev.cilia.maven;

import java.util.Optional;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Parses, type-checks, lowers and validates the policies in {@code sourceDirectory} without writing
 * YAML; fails the build on errors (and on warnings with {@code failOnWarning}).
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public final class CheckMojo extends CiliaMojo {
  @Override
  String goal() {
    return "check";
  }

  @Override
  Stamp perform(Compiled compiled, Settings settings, Optional<Stamp> previous) {
    int n = compiled.outcome().documents().size();
    getLog().info("Checked " + n + (n == 1 ? " Cilia policy" : " Cilia policies"));
    return compiled.stamp();
  }
}
