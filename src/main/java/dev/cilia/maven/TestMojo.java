package dev.cilia.maven;

import dev.cilia.driver.Tests;
import java.util.Optional;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Runs the {@code test} blocks of the policies in {@code sourceDirectory} against the compiled
 * YAML; fails the build when an {@code expect} line does not hold.
 */
@Mojo(name = "test", defaultPhase = LifecyclePhase.TEST, threadSafe = true)
public final class TestMojo extends CiliaMojo {
  /** Skip the Cilia tests, as for every other test plugin. */
  @Parameter(property = "skipTests", defaultValue = "false")
  boolean skipTests;

  /** Skip compiling and running tests, as for every other test plugin. */
  @Parameter(property = "maven.test.skip", defaultValue = "false")
  boolean mavenTestSkip;

  /**
   * Hubble flow files ({@code .json}, {@code .jsonl}, {@code .gz}, in subfolders too) replayed
   * against the compiled policies; the build fails when one of their flows would be dropped.
   */
  @Parameter(
      property = "cilia.flowsDirectory",
      defaultValue = "${project.basedir}/src/test/cilia/flows")
  java.io.File flowsDirectory;

  @Override
  boolean resultsPresent(Stamp stamp, Settings settings) {
    // Flow files are not part of the stamp: with any present, the replay runs every build.
    return flowsDirectory == null || !java.nio.file.Files.isDirectory(flowsDirectory.toPath());
  }

  @Override
  String goal() {
    return "test";
  }

  @Override
  boolean skipped() {
    if (skipTests || mavenTestSkip) {
      getLog().info("Cilia tests skipped");
      return true;
    }
    return false;
  }

  @Override
  Stamp perform(Compiled compiled, Settings settings, Optional<Stamp> previous)
      throws MojoFailureException {
    Tests.Result result = Tests.run(compiled.outcome(), settings.ciliumVersion());
    FlowReplay.run(this, compiled, settings, flowsDirectory);
    if (result.tests() == 0) {
      getLog().info("No Cilia tests");
      return compiled.stamp();
    }
    result.failures().forEach(f -> getLog().error(LogLines.text(f)));
    getLog().info("Cilia tests: " + result.passed() + " passed, " + result.failed() + " failed");
    if (result.failed() > 0) {
      throw new MojoFailureException(
          result.failed()
              + " of "
              + result.expectations()
              + " Cilia test expectations failed in "
              + shown(settings.sourceDirectory()));
    }
    return compiled.stamp();
  }
}
