package dev.cilia.maven;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code test} goal replays {@code src/test/cilia/flows} and fails on a would-be drop. */
class TestMojoFlowsTest {
  @TempDir Path base;
  private final RecordingLog log = new RecordingLog();

  private TestMojo mojo() {
    TestMojo mojo = new TestMojo();
    MavenProject project = new MavenProject();
    project.setFile(base.resolve("pom.xml").toFile());
    mojo.project = project;
    mojo.sourceDirectory = base.resolve("src/main/cilia").toFile();
    mojo.outputDirectory = base.resolve("target/cilia").toFile();
    mojo.workDirectory = base.resolve("target/cilia").toFile();
    mojo.root = base.toFile();
    mojo.format = "text";
    mojo.flowsDirectory = base.resolve("src/test/cilia/flows").toFile();
    mojo.setLog(log);
    return mojo;
  }

  private void write(String path, String text) throws IOException {
    Path file = base.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  @Test
  void aWouldBeDropFailsTheBuildWithOneLinePerGroup() throws Exception {
    Files.createDirectories(base.resolve("src/main/cilia"));
    Files.copy(
        Path.of("samples/flows/l7-visibility-enforced.cilia"),
        base.resolve("src/main/cilia/seed.cilia"));
    Files.createDirectories(base.resolve("src/test/cilia/flows/prod"));
    Files.copy(
        Path.of("samples/flows/default-namespace.jsonl"),
        base.resolve("src/test/cilia/flows/prod/default.jsonl"));
    MojoFailureException e = assertThrows(MojoFailureException.class, () -> mojo().execute());
    assertTrue(e.getMessage().startsWith("10 observed flows in "), e.getMessage());
    String text = log.text();
    assertTrue(text.contains("[INFO] Cilia flow replay: 15 flows, 10 would be dropped"), text);
    assertTrue(
        text.contains(
            "[CIL0603] observed tcp/1521 (3 records) from default/app=billing to ip 10.20.30.5"
                + " would be dropped"),
        text);

    // With the statements suggest proposes, the same build passes; flows always replay.
    write("src/main/cilia/observed.cilia", dev.cilia.cli.ReplayCommandTestAccess.proposal());
    log.clear();
    mojo().execute();
    assertTrue(log.text().contains("Cilia flow replay: 15 flows, 0 would be dropped"), log.text());
  }
}
