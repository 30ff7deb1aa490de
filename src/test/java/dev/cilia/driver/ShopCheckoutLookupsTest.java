package dev.cilia.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cilia.cilium.Target;
import dev.cilia.diag.Code;
import dev.cilia.diag.Diagnostic;
import dev.cilia.emit.Emitted;
import dev.cilia.eval.Endpoint;
import dev.cilia.eval.Evaluator;
import dev.cilia.eval.Protocol;
import dev.cilia.eval.Verdict;
import dev.cilia.verify.NameResolution;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenario of the shop: checkout enforces egress to Oracle, FTP with its passive range, S3 over
 * HTTPS, Redis in {@code shop} and the API server, beside a namespace-wide visibility policy. Every
 * declared flow and every lookup it starts with pass for glibc, musl and c-ares clients on 1.13 and
 * 1.16, with the default DNS item and under {@code enforce dns}, for {@code cluster.local} and for
 * a cluster domain given with {@code --cluster-domain}; the visibility policy's widening is
 * reported.
 */
class ShopCheckoutLookupsTest {
  static final Path SAMPLE = Path.of("samples/shop-checkout.cilia");
  static final Endpoint.Pod CHECKOUT =
      new Endpoint.Pod("shop", Map.of("app", "checkout"), Map.of());
  static final Endpoint.Pod REDIS = new Endpoint.Pod("shop", Map.of("app", "redis"), Map.of());

  @TempDir Path dir;

  record Run(Compilation.Outcome outcome, Evaluator evaluator) {}

  Run compile(Path file, Target target, Optional<String> domain) throws InputError {
    Compilation.Outcome outcome =
        Compilation.run(
            new Compilation.Options(
                List.of(file),
                false,
                Optional.of(file.toAbsolutePath().getParent()),
                Optional.of(target),
                domain));
    assertFalse(outcome.hasErrors(), () -> outcome.diagnostics().toString());
    return new Run(
        outcome, new Evaluator(target, outcome.documents().stream().map(Emitted::model).toList()));
  }

  /** Every written form of every declared name resolves for every client. */
  static void everyLookupResolves(Run run, String domain) {
    NameResolution.SearchList search = new NameResolution.SearchList(domain, List.of());
    List<Endpoint> destinations =
        List.of(
            new Endpoint.Fqdn("ftp.partner.example.com"),
            new Endpoint.Fqdn("bucket-7.s3.amazonaws.com"),
            REDIS,
            new Endpoint.Entity("kube-apiserver"));
    for (Endpoint d : destinations) {
      NameResolution.Names names = NameResolution.names(CHECKOUT, d, search).orElseThrow();
      List<NameResolution.Result> results =
          NameResolution.resolveAll(run.evaluator(), CHECKOUT, names, search);
      assertEquals(names.written().size() * 3, results.size());
      for (NameResolution.Result r : results) {
        assertTrue(r.resolved(), () -> r.client().word() + " " + r.written() + ": " + r.reason());
      }
    }
    Verdict redis = run.evaluator().dnsLookup(CHECKOUT, "redis.shop.svc." + domain);
    assertEquals(Verdict.Kind.ALLOWED_VISIBLE, redis.kind(), redis::toString);
    Verdict searched =
        run.evaluator().dnsLookup(CHECKOUT, "ftp.partner.example.com.shop.svc." + domain);
    assertEquals(Verdict.Kind.ALLOWED_VISIBLE, searched.kind(), searched::toString);
  }

  static void declaredFlowsPass(Run run) {
    Evaluator e = run.evaluator();
    assertTrue(e.decide(CHECKOUT, Endpoint.ip("10.20.30.5"), Protocol.TCP, 1521).passes());
    Endpoint ftp = new Endpoint.Fqdn("ftp.partner.example.com");
    assertTrue(e.decide(CHECKOUT, ftp, Protocol.TCP, 21).passes());
    assertTrue(e.decide(CHECKOUT, ftp, Protocol.TCP, 30042).passes());
    Endpoint s3 = new Endpoint.Fqdn("bucket-7.s3.amazonaws.com");
    assertTrue(e.decide(CHECKOUT, s3, Protocol.TCP, 443).passes());
    assertTrue(e.decide(CHECKOUT, REDIS, Protocol.TCP, 6379).passes());
  }

  @Test
  void everyDeclaredFlowAndItsLookupsPassOn113And116() throws InputError {
    for (Target target : List.of(Target.V1_13, Target.V1_16)) {
      Run run = compile(SAMPLE, target, Optional.empty());
      declaredFlowsPass(run);
      everyLookupResolves(run, "cluster.local");
      List<Diagnostic> widening =
          run.outcome().diagnostics().stream().filter(d -> d.code() == Code.CIL0313).toList();
      assertFalse(widening.isEmpty(), () -> target + ": " + run.outcome().diagnostics());
    }
  }

  @Test
  void anotherClusterDomainReachesTheProofAndTheLookups() throws InputError, IOException {
    Path file = dir.resolve("shop-checkout.cilia");
    Files.writeString(file, Files.readString(SAMPLE).replace("cluster.local", "corp.internal"));
    Path strict = dir.resolve("strict").resolve("shop-checkout.cilia");
    Files.createDirectories(strict.getParent());
    Files.writeString(
        strict,
        Files.readString(file)
            .replace(
                "  select app=checkout\n  enforce egress\n",
                "  select app=checkout\n  enforce egress\n  enforce dns\n"));
    for (Target target : List.of(Target.V1_13, Target.V1_16)) {
      Run run = compile(file, target, Optional.of("corp.internal"));
      declaredFlowsPass(run);
      everyLookupResolves(run, "corp.internal");
      Run narrow = compile(strict, target, Optional.of("corp.internal"));
      assertTrue(
          narrow.outcome().diagnostics().stream().anyMatch(d -> d.code() == Code.CIL0317),
          () -> narrow.outcome().diagnostics().toString());
      declaredFlowsPass(narrow);
      everyLookupResolves(narrow, "corp.internal");
      // Checkout's own DNS item lists names; the visibility policy still allows every name.
      String checkout =
          narrow.outcome().documents().stream()
              .filter(d -> d.policy().name().equals("checkout"))
              .findFirst()
              .orElseThrow()
              .yaml();
      assertFalse(checkout.contains("matchPattern: \"*\"\n"), checkout);
      assertTrue(
          checkout.contains("matchName: redis.shop.svc.corp.internal")
              || checkout.contains("matchPattern: \"*.shop.svc.corp.internal\""),
          checkout);
    }
  }
}
