package dev.cilia.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.model.Resource;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The goals on a project in a temporary folder, as Maven would configure them. */
class MojoTest {
  private static final String BILLING =
      """
      cilium 1.18
      import "../../../shared/oracle.cilia"

      policy billing in namespace billing {
        select app=billing
        enforce egress
        allow oracle to oracle-scan
      }

      test "billing reaches Oracle" for pods app=billing in namespace billing {
        expect allow tcp 1521 to ip 10.20.30.5
      }
      """;

  @TempDir Path base;
  private MavenProject project;
  private final RecordingLog log = new RecordingLog();

  @BeforeEach
  void project() throws IOException {
    write("shared/oracle.cilia", "let oracle-scan = cidr 10.20.30.0/24\n");
    write("src/main/cilia/billing.cilia", BILLING);
    newBuild();
  }

  /** A new build of the same project: Maven makes a new project object each time. */
  private void newBuild() {
    project = new MavenProject();
    project.setFile(base.resolve("pom.xml").toFile());
    log.clear();
  }

  private void write(String path, String text) throws IOException {
    Path file = base.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private <T extends CiliaMojo> T configure(T mojo) {
    mojo.project = project;
    mojo.sourceDirectory = base.resolve("src/main/cilia").toFile();
    mojo.outputDirectory = base.resolve("target/cilia").toFile();
    mojo.workDirectory = base.resolve("target/cilia").toFile();
    mojo.root = base.toFile();
    mojo.format = "text";
    mojo.setLog(log);
    return mojo;
  }

  private CompileMojo compile() {
    return configure(new CompileMojo());
  }

  private Path output(String name) {
    return base.resolve("target/cilia").resolve(name);
  }

  @Test
  void compileWritesOneYamlPerPolicy() throws Exception {
    compile().execute();
    assertTrue(Files.readString(output("billing.billing.yaml")).contains("port: \"1521\""));
    assertTrue(
        log.text().contains("[INFO] Wrote 1 Cilia policy to target" + File.separator + "cilia"));
  }

  @Test
  void compileWritesTheMonitoringFilesBesideThePolicies() throws Exception {
    write("src/main/cilia/monitoring.cilia", "monitoring {\n  alerts drops, lost\n}\n");
    compile().execute();
    for (String name :
        List.of(
            "monitoring_helm-values.yaml",
            "monitoring_service.yaml",
            "monitoring_servicemonitor.yaml",
            "monitoring_prometheusrule.yaml")) {
      assertTrue(Files.exists(output(name)), name);
    }
    assertTrue(log.text().contains("Wrote 1 Cilia policy and 4 monitoring files"), log.text());
  }

  @Test
  void yamlIsReadableByOthersAsAnyBuildOutput() throws Exception {
    compile().execute();
    Path yaml = output("billing.billing.yaml");
    Path plain = Files.writeString(base.resolve("plain.txt"), "x");
    if (Files.getFileStore(yaml).supportsFileAttributeView("posix")) {
      assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(yaml));
    }
    try (var listing = Files.list(base.resolve("target/cilia"))) {
      assertTrue(listing.noneMatch(p -> p.toString().endsWith(".tmp")));
    }
  }

  @Test
  void anUnchangedProjectIsUpToDate() throws Exception {
    compile().execute();
    newBuild();
    compile().execute();
    assertEquals("[INFO] Cilia policies are up to date", log.text());
  }

  @Test
  void aChangedImportRebuildsItsImporter() throws Exception {
    compile().execute();
    write("shared/oracle.cilia", "let oracle-scan = cidr 10.20.40.0/24\n");
    newBuild();
    compile().execute();
    assertTrue(log.text().contains("Wrote 1 Cilia policy"));
    assertTrue(Files.readString(output("billing.billing.yaml")).contains("10.20.40.0/24"));
  }

  @Test
  void otherSettingsRebuild() throws Exception {
    compile().execute();
    newBuild();
    CompileMojo older = compile();
    older.ciliumVersion = "1.13";
    older.execute();
    assertTrue(log.text().contains("Wrote 1 Cilia policy"));
  }

  @Test
  void aDeletedOutputIsWrittenAgain() throws Exception {
    compile().execute();
    Files.delete(output("billing.billing.yaml"));
    newBuild();
    compile().execute();
    assertTrue(Files.exists(output("billing.billing.yaml")));
  }

  @Test
  void aRenamedPolicyLeavesNoStaleYaml() throws Exception {
    compile().execute();
    write(
        "src/main/cilia/billing.cilia", BILLING.replace("policy billing in", "policy invoices in"));
    newBuild();
    compile().execute();
    assertTrue(Files.exists(output("billing.invoices.yaml")));
    assertFalse(Files.exists(output("billing.billing.yaml")));
  }

  @Test
  void checkCompileAndTestOfOneBuildCompileOnceAndReportOnce() throws Exception {
    write("src/main/cilia/wide.cilia", "clusterwide policy wide {\n  observe dns \"*\"\n}\n");
    configure(new CheckMojo()).execute();
    compile().execute();
    configure(new TestMojo()).execute();
    String text = log.text();
    assertEquals(1, count(text, "[CIL0302]"), text);
    assertTrue(text.contains("[INFO] Checked 2 Cilia policies"), text);
    assertTrue(text.contains("[INFO] Wrote 2 Cilia policies"), text);
    assertTrue(text.contains("[INFO] Cilia tests: 1 passed, 0 failed"), text);
  }

  @Test
  void theTestGoalAloneLogsTheWarningsItsTestsRestOn() throws Exception {
    write(
        "src/main/cilia/api.cilia",
        """
        cilium 1.18
        policy api in namespace shop {
          select app=api
          enforce egress
          allow https to world
        }
        test "nothing selects it" for pods app=web in namespace shop {
          expect allow tcp 22 to world
        }
        """);
    configure(new TestMojo()).execute();
    String text = log.text();
    assertTrue(text.contains("[CIL0305]"), text);
    assertTrue(text.contains("[WARNING]") && text.contains("[CIL0311]"), text);
    assertTrue(text.contains("[INFO] Cilia tests: 2 passed, 0 failed"), text);
  }

  @Test
  void theClusterDomainReachesTheProofAndTheTests() throws Exception {
    write(
        "src/main/cilia/cart.cilia",
        """
        cilium 1.16
        policy cart in namespace shop {
          select app=cart
          enforce egress
          enforce dns
          allow redis to pods app=redis
        }
        test "redis by its corp name" for pods app=cart in namespace shop {
          expect visible dns "redis.shop.svc.corp.internal"
          expect allow tcp 6379 to pods app=redis in namespace shop
        }
        """);
    TestMojo test = configure(new TestMojo());
    test.clusterDomain = "corp.internal";
    test.execute();
    assertTrue(log.text().contains("[INFO] Cilia tests: 3 passed, 0 failed"), log.text());
    newBuild();
    CheckMojo bad = configure(new CheckMojo());
    bad.clusterDomain = "Corp_Internal";
    MojoExecutionException e = assertThrows(MojoExecutionException.class, bad::execute);
    assertTrue(e.getMessage().startsWith("invalid clusterDomain `Corp_Internal`"), e.getMessage());
  }

  @Test
  void errorsFailTheBuildWithOneLineAndWriteNothing() throws Exception {
    write("src/main/cilia/billing.cilia", BILLING.replace("allow oracle", "allow ftp"));
    MojoFailureException e = assertThrows(MojoFailureException.class, () -> compile().execute());
    assertEquals(
        "Cilia policies in src" + File.separator + "main" + File.separator + "cilia have 1 error",
        e.getMessage());
    Path source = base.resolve("src/main/cilia/billing.cilia").toAbsolutePath().normalize();
    assertTrue(log.text().startsWith("[ERROR] " + source + ":[7,9] [CIL0203] "), log.text());
    assertFalse(Files.exists(output("billing.billing.yaml")));
    // A failed build is not up to date the next time.
    newBuild();
    assertThrows(MojoFailureException.class, () -> compile().execute());
  }

  @Test
  void aFailedBuildLeavesNoYamlOfAnEarlierBuild() throws Exception {
    write("src/main/cilia/monitoring.cilia", "monitoring {\n  alerts drops\n}\n");
    compile().execute();
    assertTrue(Files.exists(output("billing.billing.yaml")));
    assertTrue(Files.exists(output("monitoring_service.yaml")));
    Files.writeString(output("notes.txt"), "mine\n");
    write("src/main/cilia/billing.cilia", BILLING.replace("allow oracle", "allow ftp"));
    newBuild();
    // check fails first in a build; compile never runs, so check removes the stale YAML.
    assertThrows(MojoFailureException.class, () -> configure(new CheckMojo()).execute());
    try (var listing = Files.list(base.resolve("target/cilia"))) {
      assertEquals(
          List.of("notes.txt"),
          listing.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).toList());
    }
    assertFalse(Files.exists(output(".cilia-compile.stamp")));
    assertTrue(log.text().contains("[INFO] Removed 5 files of an earlier build from target"));
    // Fixed again: everything is written again.
    write("src/main/cilia/billing.cilia", BILLING);
    newBuild();
    compile().execute();
    assertTrue(Files.exists(output("billing.billing.yaml")));
  }

  @Test
  void aFailedWriteLeavesNoYamlAndSaysWhichFile() throws Exception {
    compile().execute();
    write("src/main/cilia/wide.cilia", "clusterwide policy wide {\n  observe dns \"*\"\n}\n");
    Files.createDirectories(output("wide.yaml/in-the-way"));
    newBuild();
    MojoExecutionException e =
        assertThrows(MojoExecutionException.class, () -> compile().execute());
    assertEquals(
        "cannot write " + output("wide.yaml") + ": a folder is in the way", e.getMessage());
    assertFalse(Files.exists(output("billing.billing.yaml")));
  }

  @Test
  void warningsFailOnlyWithFailOnWarning() throws Exception {
    write("src/main/cilia/wide.cilia", "clusterwide policy wide {\n  observe dns \"*\"\n}\n");
    CheckMojo lenient = configure(new CheckMojo());
    lenient.execute();
    Path source = base.resolve("src/main/cilia/wide.cilia").toAbsolutePath().normalize();
    assertTrue(log.text().contains("[WARNING] " + source + ":[1,20] [CIL0302] "), log.text());
    newBuild();
    CheckMojo strict = configure(new CheckMojo());
    strict.failOnWarning = true;
    MojoFailureException e = assertThrows(MojoFailureException.class, strict::execute);
    assertTrue(
        e.getMessage().contains("have 1 warning, ")
            && e.getMessage().endsWith("and failOnWarning is set"),
        e.getMessage());
  }

  @Test
  void sarifReportInTheWorkFolder() throws Exception {
    write("src/main/cilia/billing.cilia", BILLING.replace("allow oracle", "allow ftp"));
    CheckMojo check = configure(new CheckMojo());
    check.format = "sarif";
    assertThrows(MojoFailureException.class, check::execute);
    String sarif = Files.readString(output("cilia.sarif"));
    assertTrue(sarif.matches("(?s).*\"ruleId\"\\s*:\\s*\"CIL0203\".*"), sarif);
  }

  @Test
  void badParametersAreOneLineConfigurationErrors() {
    CheckMojo version = configure(new CheckMojo());
    version.ciliumVersion = "1.12";
    MojoFailureException bad = assertThrows(MojoFailureException.class, version::execute);
    assertEquals(
        "Invalid value for parameter 'ciliumVersion': Cilium 1.12 is not supported;"
            + " supported targets: 1.13, 1.14, 1.15, 1.16, 1.17, 1.18",
        bad.getMessage());
    assertEquals(
        dev.cilia.testing.Cli.run("check", "--cilium", "1.12", "samples/payments.cilia")
            .err()
            .lines()
            .findFirst()
            .orElseThrow()
            .replace("option '--cilium'", "parameter 'ciliumVersion'"),
        bad.getMessage(),
        "the plugin and ciliac say the same");
    CheckMojo format = configure(new CheckMojo());
    format.format = "xml";
    MojoExecutionException e = assertThrows(MojoExecutionException.class, format::execute);
    assertEquals("unknown format `xml`: use text, json or sarif", e.getMessage());
  }

  @Test
  void noSourcesIsNotAnError() throws Exception {
    CheckMojo check = configure(new CheckMojo());
    check.sourceDirectory = base.resolve("src/main/nothing").toFile();
    check.execute();
    assertEquals(
        "[INFO] No Cilia policies in src" + File.separator + "main" + File.separator + "nothing",
        log.text());
  }

  @Test
  void skipping() throws Exception {
    CompileMojo skipped = compile();
    skipped.skip = true;
    skipped.execute();
    TestMojo tests = configure(new TestMojo());
    tests.skipTests = true;
    tests.execute();
    assertEquals("[INFO] Cilia skipped (cilia.skip)\n[INFO] Cilia tests skipped", log.text());
    assertFalse(Files.exists(output("billing.billing.yaml")));
  }

  @Test
  void addResourceShipsTheYamlEvenWhenUpToDate() throws Exception {
    CompileMojo first = compile();
    first.addResource = true;
    first.execute();
    newBuild();
    CompileMojo second = compile();
    second.addResource = true;
    second.execute();
    assertEquals("[INFO] Cilia policies are up to date", log.text());
    assertEquals(1, project.getResources().size());
    Resource resource = project.getResources().get(0);
    assertEquals(base.resolve("target/cilia").toString(), resource.getDirectory());
    assertEquals("cilia", resource.getTargetPath());
  }

  private static int count(String text, String part) {
    return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
  }
}
