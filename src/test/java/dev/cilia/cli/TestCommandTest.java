package dev.cilia.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cilia.testing.Cli;
import dev.cilia.testing.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code ciliac test}: runs `test` blocks, prints failures and `N passed, N failed`. */
class TestCommandTest {
  @TempDir Path dir;

  Path file(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  static String lastLine(String out) {
    List<String> lines = out.lines().toList();
    return lines.get(lines.size() - 1);
  }

  @Test
  void everySampleTestPasses() {
    Cli.Run run = Cli.run("test", "samples/");
    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(lastLine(run.out()).matches("[1-9][0-9]* passed, 0 failed"), run::out);
    assertEquals(1, run.out().lines().count(), run::out);
  }

  @Test
  void aBrokenExpectationFailsReadably() {
    Cli.Run run = Cli.run("test", "samples/failing/broken-expectation.cilia");
    assertEquals(1, run.exitCode(), run::toString);
    // Notes of the compile are shown: what the tests rest on.
    assertTrue(run.err().contains("note[CIL0304]"), run::err);
    Golden.assertMatches(
        Path.of("src/test/resources/golden/failing/broken-expectation.out"), run.out());
  }

  @Test
  void jsonReportsEveryExpectation() {
    Cli.Run run = Cli.run("test", "--format", "json", "samples/failing/broken-expectation.cilia");
    assertEquals(1, run.exitCode(), run::toString);
    JsonNode doc = JsonMapper.builder().build().readTree(run.out());
    assertEquals(4, doc.get("passed").asInt());
    assertEquals(2, doc.get("failed").asInt());
    JsonNode expectations = doc.get("tests").get(0).get("expectations");
    assertEquals(6, expectations.size());
    JsonNode wrong = expectations.get(3);
    assertEquals("expect deny tcp 443 to ip 198.51.100.9", wrong.get("expect").asString());
    assertEquals(false, wrong.get("passed").asBoolean());
    assertEquals("ALLOWED", wrong.get("actual").get("verdict").asString());
    JsonNode rule = wrong.get("actual").get("rules").get(0);
    assertEquals("shop/api egress[1].toPorts[0]", rule.get("rule").asString());
    assertEquals(9, rule.get("origin").get("line").asInt());
    assertEquals("allow https to world", rule.get("origin").get("source").asString());
  }

  @Test
  void podToPodNeedsBothEnds() throws IOException {
    Path p =
        file(
            "p.cilia",
            """
            policy api in namespace shop {
              select app=api
              enforce egress
              allow postgres to pods app=db
            }

            policy db in namespace shop {
              select app=db
              enforce ingress
              allow postgres from pods app=billing
            }

            test "the db does not let the api in" for pods app=api in namespace shop {
              expect deny postgres to pods app=db in namespace shop
              expect deny postgres to pods app=cache in namespace shop
            }

            test "billing gets in" for pods app=billing in namespace shop {
              expect allow postgres to pods app=db in namespace shop
            }
            """);
    Cli.Run run = Cli.run("test", p.toString());
    assertEquals(0, run.exitCode(), run::toString);
    assertEquals("3 passed, 0 failed\n", run.out());
  }

  @Test
  void everyPortOfAnExpectationMustPass() throws IOException {
    Path p =
        file(
            "p.cilia",
            """
            policy api in namespace shop {
              enforce egress
              allow tcp 8000-8009 to world
            }

            test "a range" for pods app=api in namespace shop {
              expect allow tcp 8000-8009 to world
              expect allow tcp 8005-8010 to world
            }
            """);
    Cli.Run run = Cli.run("test", p.toString());
    assertEquals(1, run.exitCode(), run::toString);
    assertTrue(run.out().contains("flow:     tcp/8010 from shop/app=api to world"), run::out);
    assertTrue(run.out().endsWith("1 passed, 1 failed\n"), run::out);
  }

  @Test
  void anUnknownVerdictFailsWithItsReason() throws IOException {
    Path p =
        file(
            "p.cilia",
            """
            cilium 1.18
            policy api in namespace shop {
              enforce egress
              allow tcp 80 to service backend in namespace shop
            }

            test "services depend on live objects" for pods app=api in namespace shop {
              expect allow tcp 80 to ip 10.96.0.10
            }
            """);
    Cli.Run run = Cli.run("test", p.toString());
    assertEquals(1, run.exitCode(), run::toString);
    assertTrue(run.out().contains("actual:   UNKNOWN (egress): "), run::out);
    assertTrue(run.out().endsWith("0 passed, 1 failed\n"), run::out);
  }

  @Test
  void anFqdnNeedsItsLookupToPass() throws IOException {
    Path p =
        file(
            "p.cilia",
            """
            policy api in namespace shop {
              select app=api
              enforce egress
              allow https to fqdn "api.example.com"
            }

            policy dns in namespace kube-system {
              select k8s-app=kube-dns
              enforce ingress
              allow dns from namespace billing
            }

            test "the resolver does not answer shop" for pods app=api in namespace shop {
              expect allow tcp 443 to fqdn "api.example.com"
            }
            """);
    Cli.Run run = Cli.run("test", p.toString());
    assertEquals(1, run.exitCode(), run::toString);
    assertTrue(
        run.out()
            .contains(
                "flow:     DNS lookup of `api.example.com` from shop/app=api via"
                    + " kube-system/k8s-app=kube-dns"),
        run::out);
    assertTrue(run.out().contains("actual:   DENIED (ingress): "), run::out);
    assertTrue(run.out().contains("rule:     kube-system/dns ingress"), run::out);
  }

  @Test
  void testsRunAgainstDocumentsOfTheirTarget() throws IOException {
    Path p =
        file(
            "p.cilia",
            """
            cilium 1.15
            policy api in namespace shop {
              enforce egress
              allow https to world
            }
            """);
    Path t =
        file(
            "t.cilia",
            """
            cilium 1.18
            test "another target sees no policy" for pods app=api in namespace shop {
              expect allow tcp 22 to world
            }
            """);
    Cli.Run mismatch = Cli.run("test", p.toString(), t.toString());
    assertEquals(1, mismatch.exitCode(), mismatch::toString);
    assertTrue((mismatch.out() + mismatch.err()).contains("error[CIL0310]"), mismatch::toString);
    Cli.Run same = Cli.run("test", "--cilium", "1.16", p.toString(), t.toString());
    assertEquals(1, same.exitCode(), same::toString);
    assertTrue(same.out().endsWith("0 passed, 1 failed\n"), same::out);
  }

  @Test
  void noTestsIsZeroOfEach() {
    Cli.Run run = Cli.run("test", "samples/common.cilia");
    assertEquals(0, run.exitCode(), run::toString);
    assertEquals("0 passed, 0 failed\n", run.out());
  }

  @Test
  void compileErrorsAreReportedAndFail() {
    Cli.Run run = Cli.run("test", "samples/errors/deny-drops-allow.cilia");
    assertEquals(1, run.exitCode());
    assertTrue(run.err().contains("error[CIL0301]"), run::err);
    assertEquals("", run.out());
  }

  @Test
  void sarifAndMissingFilesAreUsageErrors() {
    Cli.Run sarif = Cli.run("test", "--format", "sarif", "samples/payments.cilia");
    assertEquals(2, sarif.exitCode());
    assertTrue(sarif.err().contains("--format sarif is not available for `test`"), sarif::err);
    Cli.Run missing = Cli.run("test", "no-such.cilia");
    assertEquals(2, missing.exitCode());
    assertTrue(missing.err().contains("no-such.cilia"), missing::err);
  }

  @Test
  void jsonHoldsTheWarningsAndNotesTheTestsRestOn() {
    Cli.Run run = Cli.run("test", "--format", "json", "samples/shop-checkout.cilia");
    assertEquals(0, run.exitCode(), run::toString);
    JsonNode doc = JsonMapper.builder().build().readTree(run.out());
    List<String> codes = new java.util.ArrayList<>();
    doc.get("diagnostics").forEach(d -> codes.add(d.get("code").asString()));
    assertTrue(codes.contains("CIL0313"), codes::toString);
    assertTrue(codes.contains("CIL0305"), codes::toString);
    JsonNode widening = doc.get("diagnostics").get(codes.indexOf("CIL0313"));
    assertEquals("warning", widening.get("severity").asString());
    assertEquals("samples/shop-checkout.cilia", widening.get("file").asString());
    assertEquals(14, widening.get("related").get(0).get("line").asInt());
    assertTrue(doc.get("warnings").asInt() >= 1, doc::toString);
    assertEquals(0, doc.get("failed").asInt());
  }

  @Test
  void theClusterDomainIsSettable() throws IOException {
    Path p =
        file(
            "corp.cilia",
            """
            cilium 1.16
            policy cart in namespace shop {
              select app=cart
              enforce egress
              allow redis to pods app=redis
              allow https to fqdn "api.example.com"
            }
            test "lookups in corp.internal" for pods app=cart in namespace shop {
              expect visible dns "redis.shop.svc.corp.internal"
              expect visible dns "api.example.com.shop.svc.corp.internal"
              expect allow tcp 6379 to pods app=redis in namespace shop
              expect allow tcp 443 to fqdn "api.example.com"
            }
            """);
    for (String strict : new String[] {"", "  enforce dns\n"}) {
      Path f =
          file(
              "corp.cilia",
              Files.readString(p).replace("  enforce egress\n", "  enforce egress\n" + strict));
      Cli.Run run = Cli.run("test", "--cluster-domain", "corp.internal", f.toString());
      assertEquals(0, run.exitCode(), run::toString);
      assertEquals("4 passed, 0 failed", lastLine(run.out()), run::out);
      Cli.Run compiled = Cli.run("compile", "--cluster-domain", "corp.internal", f.toString());
      assertEquals(0, compiled.exitCode(), compiled::toString);
      if (!strict.isEmpty()) {
        assertTrue(
            compiled.out().contains("matchPattern: \"*.shop.svc.corp.internal\""), compiled::out);
        assertTrue(
            compiled.out().contains("matchName: api.example.com.svc.corp.internal"), compiled::out);
        assertTrue(compiled.err().contains("warning[CIL0317]"), compiled::err);
      }
    }
    Cli.Run bad = Cli.run("test", "--cluster-domain", "Corp..internal", p.toString());
    assertEquals(2, bad.exitCode(), bad::toString);
    assertTrue(bad.err().contains("is not a cluster domain"), bad::err);
  }

  @Test
  void theShopSampleReportsTheVisibilityPolicysWidening() {
    for (String target : new String[] {"1.13", "1.16"}) {
      Cli.Run run = Cli.run("test", "--cilium", target, "samples/shop-checkout.cilia");
      assertEquals(0, run.exitCode(), run::toString);
      assertTrue(run.out().endsWith(" passed, 0 failed\n"), run::out);
      assertTrue(run.err().contains("warning[CIL0313]"), run::err);
      assertTrue(run.err().contains("--> samples/shop-checkout.cilia:14:3"), run::err);
    }
  }

  @Test
  void aTestThatChecksNothingSaysSo() throws IOException {
    Path p =
        file(
            "vacuous.cilia",
            """
            cilium 1.16
            policy api in namespace shop {
              select app=api
              enforce egress
              allow https to world
            }
            test "typo" for pods app=api in namespace shpo {
              expect allow tcp 22 to world
            }
            """);
    Cli.Run run = Cli.run("test", p.toString());
    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(run.err().contains("warning[CIL0312]"), run::err);
    assertTrue(run.err().contains("did you mean `shop`?"), run::err);
    assertTrue(
        run.out().contains("note:     passes only because no policy selects shpo/app=api"),
        run::out);
  }
}
