package dev.cilia.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cilia.diag.Diagnostic;
import dev.cilia.driver.Compilation;
import dev.cilia.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks of the {@code monitoring} block: where they point, what they say, and exit 1. */
class MonitoringCheckerTest {
  @TempDir Path dir;

  Compilation.Outcome compile(String text) throws Exception {
    Path file = dir.resolve("input.cilia");
    Files.writeString(file, text);
    return Compilation.run(
        new Compilation.Options(List.of(file), false, Optional.of(dir), Optional.empty()));
  }

  static List<String> codes(Compilation.Outcome outcome) {
    return outcome.diagnostics().stream().map(d -> d.code().name()).toList();
  }

  static Diagnostic only(Compilation.Outcome outcome, String code) {
    List<Diagnostic> found =
        outcome.diagnostics().stream().filter(d -> d.code().name().equals(code)).toList();
    assertEquals(1, found.size(), outcome.diagnostics()::toString);
    return found.get(0);
  }

  static final String BILLING =
      """
      policy billing in namespace billing {
        select app=billing
        enforce egress
        allow tcp 1521 to ip 10.20.30.5
      }
      """;

  @Test
  void anEmptyBlockIsClean() throws Exception {
    Compilation.Outcome outcome =
        compile(
            BILLING
                + "policy web in namespace billing {\n  observe http on 80\n}\nmonitoring {\n}\n");
    // The block itself reports nothing; the policies' own notes and warnings are not its concern.
    assertEquals(
        List.of(), codes(outcome).stream().filter(c -> c.toString().startsWith("CIL08")).toList());
    assertEquals(4, outcome.monitoring().size());
  }

  @Test
  void alertLabelsMissingFromTheMetricsAreAnErrorWithTheFullOption() throws Exception {
    Compilation.Outcome outcome =
        compile(
            BILLING + "monitoring {\n  metrics \"drop:labelsContext=source_app\", \"tcp\"\n}\n");
    assertTrue(outcome.hasErrors());
    assertTrue(outcome.monitoring().isEmpty());
    assertTrue(outcome.documents().isEmpty(), "no partial output");
    Diagnostic d = only(outcome, "CIL0807");
    assertEquals(7, d.span().line());
    assertTrue(d.message().contains("source_namespace, destination_ip"), d.message());
    assertEquals(
        Optional.of("list it as \"drop:labelsContext=source_namespace,source_app,destination_ip\""),
        d.hint());
    assertEquals(4, d.related().get(0).span().line());
  }

  @Test
  void theL7AlertsNeedThePolicyMetric() throws Exception {
    String policy = "policy v in namespace shop {\n  observe dns \"*\"\n}\n";
    Diagnostic d =
        only(compile(policy + "monitoring {\n  metrics \"dns\", \"drop\"\n}\n"), "CIL0807");
    assertTrue(d.message().contains("need the metric `policy`"), d.message());
    assertTrue(d.hint().orElseThrow().contains("alerts drops, lost"), d.hint()::toString);
    assertFalse(
        codes(
                compile(
                    policy
                        + "monitoring {\n  metrics \"dns\", \"drop\"\n  alerts drops, lost\n}\n"))
            .contains("CIL0807"));
  }

  @Test
  void httpMetricsAndHttpVisibilityGoTogether() throws Exception {
    Diagnostic noProxy = only(compile(BILLING + "monitoring {\n  alerts lost\n}\n"), "CIL0805");
    assertEquals(6, noProxy.span().line());
    assertTrue(noProxy.message().contains("default metrics include `http`"));
    Diagnostic off =
        only(
            compile(
                "policy web in namespace shop {\n  observe http on 8080\n}\n"
                    + "monitoring {\n  metrics \"drop\"\n  alerts lost\n}\n"),
            "CIL0806");
    assertEquals(2, off.span().line());
  }

  @Test
  void podsWithoutAnAppLabelAreANoteAtTheSelector() throws Exception {
    Diagnostic d =
        only(
            compile(
                "policy web in namespace shop {\n  select tier=web\n  observe http on 80\n}\n"
                    + "monitoring {\n}\n"),
            "CIL0808");
    assertEquals(2, d.span().line());
    assertEquals(10, d.span().column());
    assertTrue(d.message().contains("unknown app"));
    assertFalse(
        codes(
                compile(
                    "policy web in namespace shop {\n  select k8s-app=web\n  observe http on 80\n}\n"
                        + "monitoring {\n}\n"))
            .contains("CIL0808"));
  }

  @Test
  void settingsAreChecked() throws Exception {
    assertEquals(
        List.of("CIL0803"), codes(compile("monitoring {\n  agent-port 70000\n  alerts lost\n}\n")));
    assertEquals(
        List.of("CIL0803"),
        codes(compile("monitoring {\n  metrics \"drop:labelsContext=pod\"\n  alerts lost\n}\n")));
    assertEquals(
        List.of("CIL0803"), codes(compile("monitoring {\n  metrics \"dorp\"\n  alerts lost\n}\n")));
    assertEquals(
        List.of("CIL0803"),
        codes(compile("monitoring {\n  namespace Kube_System\n  alerts lost\n}\n")));
    assertEquals(
        List.of("CIL0803"), codes(compile("monitoring {\n  label release\n  alerts lost\n}\n")));
    assertEquals(
        List.of("CIL0803"), codes(compile("monitoring {\n  interval 30s, 1m\n  alerts lost\n}\n")));
    assertEquals(
        List.of("CIL0802"), codes(compile("monitoring {\n  scrape 30s\n  alerts lost\n}\n")));
  }

  @Test
  void oneBlockPerProgramAcrossImports() throws Exception {
    Files.writeString(dir.resolve("shared.cilia"), "monitoring {\n  alerts lost\n}\n");
    Diagnostic d =
        only(compile("import \"shared.cilia\"\nmonitoring {\n  alerts lost\n}\n"), "CIL0801");
    assertEquals(1, d.related().size());
  }

  @Test
  void monitoringStillNamesALet() throws Exception {
    Compilation.Outcome outcome =
        compile(
            "let monitoring = namespace monitoring\n"
                + "policy scrape in namespace shop {\n  enforce ingress\n"
                + "  allow tcp 8080 from monitoring\n}\n");
    assertEquals(List.of(), codes(outcome));
    assertTrue(outcome.monitoring().isEmpty());
  }

  @Test
  void errorsExitWithOneAndWriteNothing() throws Exception {
    Path file = dir.resolve("bad.cilia");
    Files.writeString(file, BILLING + "monitoring {\n  metrics \"drop\"\n}\n");
    Path out = dir.resolve("out");
    Cli.Run run = Cli.run("compile", file.toString(), "-o", out.toString());
    assertEquals(1, run.exitCode());
    assertTrue(run.err().contains("error[CIL0807]"), run.err());
    assertFalse(Files.exists(out));
  }
}
