package dev.cilia.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cilia.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ciliac replay} and {@code ciliac suggest} on the sample namespace: Oracle, FTP control and
 * passive data, HTTPS to named hosts, the kube-apiserver and in-cluster calls, against the seed's
 * visibility policy with {@code enforce egress}.
 */
class ReplayCommandTest {
  static final String FLOWS = "samples/flows/default-namespace.jsonl";
  static final String SEED = "samples/flows/l7-visibility-enforced.cilia";

  @TempDir Path dir;

  /** The drops the missing statements cause: nothing more, nothing less. */
  static final List<String> EXPECTED_DROPS =
      List.of(
          "tcp/1521 from default/app=billing to ip 10.20.30.5",
          "tcp/1521 from default/app=billing to ip 10.20.31.7",
          "tcp/21 from default/app=billing to ftp.partner.example.com",
          "tcp/30017 from default/app=billing to ftp.partner.example.com",
          "tcp/30042 from default/app=billing to ftp.partner.example.com",
          "tcp/30088 from default/app=billing to ftp.partner.example.com",
          "tcp/443 from default/app=billing to api.bank.example.com",
          "tcp/443 from default/app=billing to auth.bank.example.com",
          "tcp/6443 from default/app=web to kube-apiserver",
          "tcp/5432 from default/app=web to finance/app=ledger");

  static List<String> drops(JsonNode report) {
    List<String> out = new ArrayList<>();
    for (JsonNode d : report.path("decisions")) {
      if (d.path("change").asString().equals("DROPPED")) {
        out.add(
            d.path("protocol").asString()
                + "/"
                + d.path("port").asInt()
                + " from "
                + d.path("source").asString()
                + " to "
                + d.path("destination").asString());
      }
    }
    return out;
  }

  @Test
  void replayListsExactlyTheFlowsTheMissingStatementsDrop() {
    Cli.Run json = Cli.run("replay", "--format", "json", "--flows", FLOWS, SEED);
    assertEquals(1, json.exitCode(), json::toString);
    JsonNode report = JsonMapper.builder().build().readTree(json.out());
    assertEquals(EXPECTED_DROPS, drops(report));
    assertEquals(15, report.path("flows").asInt());
    assertEquals(10, report.path("wouldBeDropped").asInt());
    assertEquals(81, report.path("read").path("records").asInt());
    assertEquals(1, report.path("problems").size());
    assertEquals(32, report.path("problems").get(0).path("line").asInt());

    Cli.Run text = Cli.run("replay", "--flows", FLOWS, SEED);
    assertEquals(1, text.exitCode(), text::toString);
    assertTrue(text.out().endsWith("\n15 flows, 10 would be dropped\n"), text::out);
    assertTrue(
        text.out()
            .contains(
                """
                  default/app=billing -> ip 10.20.30.5
                    tcp/1521 (3 records)
                    DENIED egress: egress is enforced and no allow matches tcp/1521 to ip 10.20.30.5
                    rule: default/l7-visibility egress
                    from: samples/flows/l7-visibility-enforced.cilia:6:8  policy l7-visibility in namespace default {
                """),
        text::out);
    assertTrue(
        text.out()
            .contains(
                "allowed now, dropped when Hubble saw them:\n"
                    + "  shop/app=frontend -> default/app=web: tcp/8080 (2 records)\n"),
        text::out);
    assertTrue(text.out().contains("L7 visibility would change:\n"), text::out);
    assertTrue(
        text.err().contains(FLOWS + ":32: warning[CIL0601]: line that is not a Hubble record"),
        text::err);
  }

  static final String PROPOSAL =
      """
      # Proposed by `ciliac suggest` from observed Hubble flows; review before use.
      cilium 1.16

      policy billing-observed-egress in namespace default {
        select app=billing
        enforce egress

        allow oracle to ip 10.20.30.5
        allow oracle to ip 10.20.31.7
        allow https to fqdn "*.bank.example.com"
        allow ftp passive 30017-30088 to fqdn "ftp.partner.example.com"
      }

      policy web-observed-egress in namespace default {
        select app=web
        enforce egress

        allow tcp 6443 to kube-apiserver
        allow postgres to pods app=ledger in namespace finance
      }
      """;

  @Test
  void suggestProposesWhatMakesReplayDropNothing() throws IOException {
    Cli.Run suggest = Cli.run("suggest", "--flows", FLOWS, SEED);
    assertEquals(0, suggest.exitCode(), suggest::toString);
    assertEquals(PROPOSAL, suggest.out());
    assertTrue(suggest.err().contains("15 flows, 0 would be dropped"), suggest::err);

    Path proposal = dir.resolve("suggested.cilia");
    Files.writeString(proposal, suggest.out());
    Path seed = dir.resolve("seed.cilia");
    Files.copy(Path.of(SEED), seed);
    Cli.Run replay = Cli.run("replay", "--flows", FLOWS, seed.toString(), proposal.toString());
    assertEquals(0, replay.exitCode(), replay::toString);
    assertTrue(replay.out().endsWith("15 flows, 0 would be dropped\n"), replay::out);

    Cli.Run fmt = Cli.run("fmt", "--check", proposal.toString());
    assertEquals(0, fmt.exitCode(), fmt::toString);
  }

  @Test
  void suggestWithoutPoliciesProposesEgressForEveryWorkload() {
    Cli.Run suggest = Cli.run("suggest", "--flows", FLOWS);
    assertEquals(0, suggest.exitCode(), suggest::toString);
    assertTrue(suggest.out().contains("policy frontend-observed-egress in namespace shop {"));
    assertTrue(suggest.out().contains("  observe dns \"*\"\n"), suggest::out);
    assertTrue(!suggest.out().contains("udp 53"), suggest::out);
    assertTrue(suggest.err().contains("0 would be dropped"), suggest::err);
  }

  @Test
  void sarifPutsEachDropGroupAtTheDecidingPolicy() {
    Cli.Run sarif = Cli.run("replay", "--format", "sarif", "--flows", FLOWS, SEED);
    assertEquals(1, sarif.exitCode(), sarif::toString);
    JsonNode log = JsonMapper.builder().build().readTree(sarif.out());
    JsonNode results = log.path("runs").get(0).path("results");
    List<String> codes = new ArrayList<>();
    results.forEach(r -> codes.add(r.path("ruleId").asString()));
    assertEquals(7, codes.stream().filter("CIL0603"::equals).count(), sarif::out);
    assertEquals(1, codes.stream().filter("CIL0604"::equals).count(), sarif::out);
    assertEquals(2, codes.stream().filter("CIL0605"::equals).count(), sarif::out);
  }

  @Test
  void flowFilesWithoutFlowsFailAndMissingFilesAreUsageErrors() throws IOException {
    Path empty = dir.resolve("empty.json");
    Files.writeString(empty, "{\"node_status\":{}}\n");
    Cli.Run none = Cli.run("replay", "--flows", empty.toString(), SEED);
    assertEquals(1, none.exitCode(), none::toString);
    assertTrue(none.err().contains("error[CIL0602]"), none::err);
    assertTrue(none.out().endsWith("0 flows, 0 would be dropped\n"), none::out);

    Cli.Run missing = Cli.run("replay", "--flows", dir.resolve("nope.json").toString(), SEED);
    assertEquals(2, missing.exitCode(), missing::toString);
    assertTrue(missing.err().startsWith("ciliac: cannot read flow file "), missing::err);
  }

  @Test
  void aFlowThePoliciesAllowReplaysAsAllowed() throws IOException {
    Path flows = dir.resolve("oracle.json");
    Files.writeString(
        flows,
        Files.readAllLines(Path.of(FLOWS)).stream()
            .filter(l -> l.contains("\"destination\":\"10.20.30.5\""))
            .reduce("", (a, b) -> a + b + "\n"));
    Path policy = dir.resolve("oracle.cilia");
    Files.writeString(
        policy,
        """
        cilium 1.16

        policy billing in namespace default {
          select app=billing
          enforce egress

          allow oracle to ip 10.20.30.5
        }
        """);
    Cli.Run run = Cli.run("replay", "--flows", flows.toString(), policy.toString());
    assertEquals(0, run.exitCode(), run::toString);
    assertEquals("1 flow, 0 would be dropped\n", run.out());
  }

  @Test
  void ciliacTestReplaysFlowsAfterTheTests() {
    Cli.Run run = Cli.run("test", "--flows", FLOWS, SEED);
    assertEquals(1, run.exitCode(), run::toString);
    assertTrue(run.out().startsWith("0 passed, 0 failed\n"), run::out);
    assertTrue(run.out().endsWith("15 flows, 10 would be dropped\n"), run::out);

    Cli.Run passing = Cli.run("test", "--flows", FLOWS, "samples/l7-visibility.cilia");
    assertEquals(0, passing.exitCode(), passing::toString);
    assertTrue(passing.out().endsWith("15 flows, 0 would be dropped\n"), passing::out);
  }
}
