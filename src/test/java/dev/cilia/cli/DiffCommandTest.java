package dev.cilia.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cilia.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code ciliac diff OLD NEW}: the flows whose verdict changes, with exit codes 0, 1 and 2. */
class DiffCommandTest {
  @TempDir Path dir;

  static final String OLD =
      """
      policy api in namespace shop {
        select app=api
        enforce egress
        allow postgres to pods app=db
      }
      """;

  static final String NEW =
      """
      policy api in namespace shop {
        select app=api
        enforce egress
        allow postgres to pods app=db
        allow https to world
      }
      """;

  Path side(String name, String text) throws IOException {
    Path folder = dir.resolve(name);
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("api.cilia"), text);
    return folder;
  }

  @Test
  void identicalSidesExitZero() throws IOException {
    Path a = side("a", OLD);
    Cli.Run run = Cli.run("diff", a.toString(), a.toString());
    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(run.out().contains("0 verdict changes"), run::out);
  }

  @Test
  void anAddedAllowIsReportedWithTheStatementOnEachSide() throws IOException {
    Path a = side("a", OLD);
    Path b = side("b", NEW);
    Cli.Run run = Cli.run("diff", a.toString(), b.toString());
    assertEquals(1, run.exitCode(), run::toString);
    assertTrue(
        run.out().contains("shop/app=api egress ip 192.0.2.10: denied → allowed (1 flow)"),
        run::out);
    assertTrue(run.out().contains("shop/app=api egress world: denied → allowed"), run::out);
    assertTrue(run.out().contains("new: shop/api egress[2].toPorts[0] ("), run::out);
    assertTrue(run.out().contains("b/api.cilia:5:3)"), run::out);
    assertTrue(run.out().contains("old: shop/api egress ("), run::out);
    // The other direction reports the opposite change.
    Cli.Run back = Cli.run("diff", b.toString(), a.toString());
    assertEquals(1, back.exitCode(), back::toString);
    assertTrue(back.out().contains("allowed → denied"), back::out);
  }

  @Test
  void markdownIsATableAndJsonADocument() throws IOException {
    Path a = side("a", OLD);
    Path b = side("b", NEW);
    Cli.Run md = Cli.run("diff", "--format", "markdown", a.toString(), b.toString());
    assertEquals(1, md.exitCode(), md::toString);
    assertTrue(md.out().startsWith("### Cilia policy diff:"), md::out);
    assertTrue(
        md.out().contains("| workload | direction | peer | change | flows | example |"), md::out);
    assertTrue(md.out().contains("| `shop/app=api` | egress | `world` | **denied → allowed**"));
    Cli.Run json = Cli.run("diff", "--format", "json", a.toString(), b.toString());
    assertEquals(1, json.exitCode(), json::toString);
    JsonNode doc = JsonMapper.builder().build().readTree(json.out());
    assertEquals(1, doc.get("changedPolicies").asInt());
    assertTrue(doc.get("changes").size() >= 2, json::out);
    assertEquals("denied", doc.get("changes").get(0).get("before").asString());
  }

  @Test
  void errorsExitTwo() throws IOException {
    Path a = side("a", OLD);
    Path broken = side("broken", "policy api in namespace shop {\n  allow tcp 80 namespace x\n}\n");
    Cli.Run run = Cli.run("diff", a.toString(), broken.toString());
    assertEquals(2, run.exitCode(), run::toString);
    assertTrue(run.err().contains("error[CIL0101]"), run::err);
    assertEquals(2, Cli.run("diff", a.toString(), dir.resolve("missing").toString()).exitCode());
    assertEquals(2, Cli.run("diff", "--format", "html", a.toString(), a.toString()).exitCode());
    assertEquals(2, Cli.run("diff", "git:HEAD", "git:HEAD").exitCode());
  }

  @Test
  void yamlAndCiliaSidesCompare() throws IOException {
    Path yaml = dir.resolve("seed.yaml");
    Files.copy(Path.of("samples/yaml/l7-visibility.yaml"), yaml);
    Path cilia = dir.resolve("seed.cilia");
    Files.writeString(
        cilia,
        """
        cilium 1.18
        policy l7-visibility in namespace default {
          observe dns "*"
          observe http on 80, 8080 to namespace default
        }
        """);
    Cli.Run run = Cli.run("diff", yaml.toString(), cilia.toString());
    assertEquals(1, run.exitCode(), run::toString);
    // The observe-only program stops dropping Oracle.
    assertTrue(
        run.out().contains("a pod of namespace default egress ip 192.0.2.10: denied → allowed"),
        run::out);
    assertTrue(run.out().contains("old: default/l7-visibility egress ("), run::out);
    assertTrue(run.out().contains("seed.yaml:10:3)"), run::out);
  }

  @Test
  void gitRevisionsAreReadWithoutACheckout() throws Exception {
    Path repo = dir.resolve("repo");
    Files.createDirectories(repo.resolve("policies"));
    Files.writeString(repo.resolve("policies/api.cilia"), OLD);
    commitAll(repo);
    Files.writeString(repo.resolve("policies/api.cilia"), NEW);
    Cli.Run run =
        Cli.run("diff", "--format", "markdown", "git:HEAD", repo.resolve("policies").toString());
    assertEquals(1, run.exitCode(), run::toString);
    assertTrue(run.out().contains("`git:HEAD` →"), run::out);
    assertTrue(run.out().contains("git:HEAD:policies/api.cilia:"), run::out);
    assertTrue(run.out().contains("**denied → allowed**"), run::out);
    assertEquals(
        List.of(),
        Files.list(repo)
            .map(p -> p.getFileName().toString())
            .filter(n -> n.startsWith("ciliac"))
            .toList());
    Cli.Run bad = Cli.run("diff", "git:no-such-ref", repo.resolve("policies").toString());
    assertEquals(2, bad.exitCode(), bad::toString);
    assertTrue(bad.err().contains("git ls-tree failed"), bad::err);
  }

  @Test
  void anErrorAtTheRevisionNamesTheFileAtThatRevision() throws Exception {
    Path repo = dir.resolve("broken");
    Files.createDirectories(repo.resolve("policies"));
    Files.writeString(repo.resolve("policies/api.cilia"), OLD.replace("policy", "polcy"));
    commitAll(repo);
    Files.writeString(repo.resolve("policies/api.cilia"), NEW);
    Cli.Run run = Cli.run("diff", "git:HEAD", repo.resolve("policies").toString());
    assertEquals(2, run.exitCode(), run::toString);
    assertTrue(run.err().contains("git:HEAD:policies/api.cilia:"), run::err);
    assertFalse(run.err().contains("ciliac-diff"), run::err);
  }

  /** {@code git init} and one commit of everything in {@code repo}; skips without git. */
  private static void commitAll(Path repo) throws Exception {
    Assumptions.assumeTrue(
        git(repo, "init", "-q") && git(repo, "add", "-A"), "git is not available");
    assertTrue(
        git(
            repo,
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@example.com",
            "commit",
            "-q",
            "-m",
            "one"));
  }

  private static boolean git(Path repo, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("git", "-C", repo.toString()));
    command.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    }
  }
}
