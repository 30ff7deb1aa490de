package dev.cilia.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cilia.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code ciliac explain} on the payments sample: an allowed, a visible and a denied flow. */
class ExplainCommandTest {
  static final String PAYMENTS = "samples/payments.cilia";
  static final String API = "payments/app=payments-api,tier=web";

  @TempDir Path dir;

  static Cli.Run explain(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "explain";
    System.arraycopy(args, 0, all, 1, args.length);
    return Cli.run(all);
  }

  @Test
  void anAllowedFlowNamesTheRuleAndTheStatement() {
    Cli.Run run = explain("--from", API, "--to", "ip 10.20.30.5", "--port", "tcp/1521", PAYMENTS);
    assertEquals(0, run.exitCode(), run::toString);
    assertEquals(
        """
        ALLOWED: tcp/1521 from payments/app=payments-api,tier=web to ip 10.20.30.5 (Cilium 1.16)
          allowed by payments/payments-api egress[2].toPorts[0]
          rule: payments/payments-api egress[2].toPorts[0]
          from: samples/payments.cilia:21:3  allow oracle to oracle-prod

        source payments/app=payments-api,tier=web
          selected by payments/payments-api  samples/payments.cilia:11:8
          egress: ALLOWED: allowed by payments/payments-api egress[2].toPorts[0]
            rule: payments/payments-api egress[2].toPorts[0]
            from: samples/payments.cilia:21:3  allow oracle to oracle-prod

        destination ip 10.20.30.5
          not a pod: no policy selects it, and it has no ingress to evaluate
        """,
        run.out());
  }

  @Test
  void aVisibleFlowShowsTheProxyRuleAndBothEnds() {
    Cli.Run run =
        explain("--from", API, "--to", "payments/app=web", "--port", "tcp/8080", PAYMENTS);
    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(run.out().startsWith("ALLOWED_VISIBLE: tcp/8080 from " + API), run::out);
    assertTrue(
        run.out()
            .contains(
                "egress: ALLOWED_VISIBLE: redirected to the HTTP proxy by payments/payments-api"
                    + " egress[1].toPorts[0]"),
        run::out);
    assertTrue(
        run.out()
            .contains("from: samples/payments.cilia:18:3  observe http on 80, 8080 to namespace"),
        run::out);
    assertTrue(run.out().contains("destination payments/app=web\n  selected by no policy\n"));
    assertTrue(
        run.out().contains("  ingress: ALLOWED: ingress of payments/app=web is not enforced"));
  }

  @Test
  void aDeniedFlowNamesThePolicyThatEnforces() {
    Cli.Run run = explain("--from", API, "--to", "ip 203.0.113.7", "--port", "tcp/22", PAYMENTS);
    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(run.out().startsWith("DENIED: tcp/22 from " + API + " to ip 203.0.113.7"), run::out);
    assertTrue(run.out().contains("  rule: payments/payments-api egress\n"), run::out);
    assertTrue(
        run.out()
            .contains(
                "  from: samples/payments.cilia:11:8  policy payments-api in namespace payments {"),
        run::out);
  }

  @Test
  void aDenyRuleIsNamed() {
    Cli.Run run = explain("--from", API, "--to", "world", "--port", "tcp/25", PAYMENTS);
    assertTrue(run.out().startsWith("DENIED_BY_RULE: "), run::out);
    assertTrue(run.out().contains("rule: payments/payments-api egressDeny[0].toPorts[0]"));
    assertTrue(run.out().contains("from: samples/payments.cilia:27:3  deny tcp 25 to world"));
  }

  @Test
  void anFqdnShowsItsLookup() {
    Cli.Run run =
        explain(
            "--from", API, "--to", "fqdn bucket-7.s3.amazonaws.com", "--port", "tcp/443", PAYMENTS);
    assertTrue(run.out().startsWith("ALLOWED: "), run::out);
    assertTrue(
        run.out().contains("dns lookup of `bucket-7.s3.amazonaws.com` via kube-system/"), run::out);
    assertTrue(run.out().contains("  ALLOWED_VISIBLE (egress+ingress): "), run::out);
  }

  @Test
  void ingressFromAnotherNamespace() {
    Cli.Run run =
        explain("--from", "frontend/app=web", "--to", API, "--port", "tcp/8080", PAYMENTS);
    assertTrue(run.out().startsWith("ALLOWED_VISIBLE: "), run::out);
    assertTrue(run.out().contains("source frontend/app=web\n  selected by no policy\n"));
    assertTrue(run.out().contains("rule: payments/payments-api ingress[0].toPorts[0]"));
  }

  @Test
  void jsonHasTheVerdictRulesAndStatements() {
    Cli.Run run =
        explain(
            "--format",
            "json",
            "--from",
            API,
            "--to",
            "ip 10.20.30.99",
            "--port",
            "tcp/1521",
            PAYMENTS);
    assertEquals(0, run.exitCode(), run::toString);
    JsonNode doc = JsonMapper.builder().build().readTree(run.out());
    assertEquals("1.16", doc.get("target").asString());
    assertEquals("DENIED", doc.get("result").get("verdict").asString());
    assertEquals("tcp", doc.get("flow").get("protocol").asString());
    assertEquals(1521, doc.get("flow").get("port").asInt());
    JsonNode source = doc.get("source");
    assertEquals("payments/payments-api", source.get("selectedBy").get(0).get("policy").asString());
    JsonNode rule = source.get("egress").get("rules").get(0);
    assertEquals("payments/payments-api egress", rule.get("rule").asString());
    assertEquals(11, rule.get("origin").get("line").asInt());
    assertEquals(false, doc.get("destination").get("pod").asBoolean());
  }

  @Test
  void badFlagsAreUsageErrors() {
    assertUsage(
        explain("--from", API, "--to", "ip 10.0.0.1", "--port", "tcp/99999", PAYMENTS),
        "--port: expected PROTOCOL/PORT such as tcp/1521");
    assertUsage(
        explain("--from", API, "--to", "ip 10.0.0.1", "--port", "icmp/8", PAYMENTS),
        "--port: expected PROTOCOL/PORT");
    assertUsage(
        explain("--from", "payments", "--to", "ip 10.0.0.1", "--port", "tcp/1", PAYMENTS),
        "--from: expected NAMESPACE/KEY=VALUE,… (a pod), `ip ADDRESS` or an entity");
    assertUsage(
        explain("--from", "payments/app", "--to", "world", "--port", "tcp/1", PAYMENTS),
        "--from: expected KEY=VALUE labels separated by commas, found `app`");
    assertUsage(
        explain("--from", "fqdn a.example.com", "--to", "world", "--port", "tcp/1", PAYMENTS),
        "--from: an fqdn is a destination only");
    assertUsage(
        explain("--from", API, "--to", "ip 10.0.0.300", "--port", "tcp/1", PAYMENTS),
        "--to: expected an IP address, found `10.0.0.300`");
    assertUsage(explain("--from", API, "--to", "world", PAYMENTS), "--port");
    assertUsage(
        explain("--format", "sarif", "--from", API, "--to", "world", "--port", "tcp/1", PAYMENTS),
        "--format sarif is not available for `explain`");
  }

  static void assertUsage(Cli.Run run, String message) {
    assertEquals(2, run.exitCode(), run::toString);
    assertTrue(run.err().contains(message), run::err);
    assertEquals("", run.out());
  }

  @Test
  void filesForSeveralTargetsNeedCilium() throws IOException {
    Path other = dir.resolve("other.cilia");
    Files.writeString(other, "cilium 1.18\npolicy x in namespace y {\n  allow to world\n}\n");
    Cli.Run run =
        explain("--from", API, "--to", "world", "--port", "tcp/1", PAYMENTS, other.toString());
    assertEquals(2, run.exitCode(), run::toString);
    assertTrue(
        run.err().contains("several Cilium versions (1.16, 1.18); choose one with --cilium"));
    Cli.Run chosen =
        explain(
            "--cilium",
            "1.18",
            "--from",
            API,
            "--to",
            "world",
            "--port",
            "tcp/1",
            PAYMENTS,
            other.toString());
    assertEquals(0, chosen.exitCode(), chosen::toString);
    assertTrue(chosen.out().contains("(Cilium 1.18)"), chosen::out);
  }

  @Test
  void compileErrorsFail() {
    Cli.Run run =
        explain(
            "--from",
            "shop/app=api",
            "--to",
            "world",
            "--port",
            "tcp/443",
            "samples/errors/deny-drops-allow.cilia");
    assertEquals(1, run.exitCode());
    assertTrue(run.err().contains("error[CIL0301]"), run::err);
  }

  @Test
  void aQuotedFqdnIsReadAsTheLanguageWritesIt() {
    Cli.Run run =
        explain(
            "--from",
            API,
            "--to",
            "fqdn \"ftp.partner.example.com\"",
            "--port",
            "tcp/21",
            PAYMENTS);
    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(run.out().startsWith("ALLOWED: tcp/21 from " + API), run::out);
    assertTrue(run.out().contains("musl resolves `ftp.partner.example.com`: "), run::out);
  }

  @Test
  void invalidNamesNamespacesAndLabelsAreUsageErrors() {
    for (String[] bad :
        new String[][] {
          {"--from", API, "--to", "fqdn \"api example.com\""},
          {"--from", API, "--to", "fqdn *.example.com"},
          {"--from", "Payments/app=api", "--to", "world"},
          {"--from", "payments/app=a/b", "--to", "world"},
          {"--from", "payments/-app=api", "--to", "world"},
        }) {
      Cli.Run run = explain(bad[0], bad[1], bad[2], bad[3], "--port", "tcp/443", PAYMENTS);
      assertEquals(2, run.exitCode(), run::toString);
      assertTrue(
          run.err()
              .startsWith(
                  bad[2].equals("--to") && bad[3].startsWith("fqdn") ? "--to: " : "--from: "),
          run::err);
    }
    Cli.Run port = explain("--from", API, "--to", "world", "--port", "tcp/70000", PAYMENTS);
    assertEquals(2, port.exitCode(), port::toString);
  }

  @Test
  void inClusterLookupsAreShownPerClient() {
    Cli.Run run =
        explain(
            "--from",
            "shop/app=checkout",
            "--to",
            "shop/app=redis",
            "--port",
            "tcp/6379",
            "samples/shop-checkout.cilia");
    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(
        run.out()
            .contains(
                "c-ares resolves `redis.shop`: redis.shop.shop.svc.cluster.local NXDOMAIN,"
                    + " redis.shop.svc.cluster.local answered"),
        run::out);
  }

  @Test
  void theClusterDomainShapesTheLookupsOfCiliaAndYaml() {
    Cli.Run run =
        Cli.run(
            "explain",
            "--cluster-domain",
            "corp.internal",
            "--from",
            "shop/app=checkout",
            "--to",
            "shop/app=redis",
            "--port",
            "tcp/6379",
            "samples/shop-checkout.cilia");
    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(
        run.out().contains("musl resolves `redis`: redis.shop.svc.corp.internal answered"),
        run::out);
    Cli.Run yaml =
        Cli.run(
            "explain",
            "--cluster-domain",
            "corp.internal",
            "--from",
            "default/app=web",
            "--to",
            "fqdn \"api.example.com\"",
            "--port",
            "tcp/443",
            "samples/yaml/l7-visibility.yaml");
    assertEquals(0, yaml.exitCode(), yaml::toString);
    assertTrue(yaml.out().contains("api.example.com.default.svc.corp.internal"), yaml::out);
  }
}
