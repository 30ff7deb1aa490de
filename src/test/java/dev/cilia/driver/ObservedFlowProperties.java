package dev.cilia.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Replay and suggest on generated flows: what {@code suggest} proposes makes replay of the same
 * flows drop nothing, and a flow declared in {@code .cilia} replays as allowed.
 */
class ObservedFlowProperties {
  /** One generated connection: a source pod, a destination, a protocol and a port. */
  record Conn(String app, String namespace, String destination, String protocol, int port) {}

  static final List<String> DESTINATIONS =
      List.of(
          "world 10.20.30.5",
          "world 198.51.100.21 ftp.partner.example.com",
          "world 203.0.113.10 api.bank.example.com",
          "world 203.0.113.11 auth.bank.example.com",
          "world 192.0.2.44",
          "kube-apiserver",
          "host",
          "pod finance ledger",
          "pod default api",
          "pod shop cart");

  @Provide
  Arbitrary<List<Conn>> connections() {
    Arbitrary<Conn> conn =
        Combinators.combine(
                Arbitraries.of("billing", "web", "batch"),
                Arbitraries.of("default", "jobs"),
                Arbitraries.of(DESTINATIONS),
                Arbitraries.of("TCP", "TCP", "UDP"),
                Arbitraries.oneOf(
                    Arbitraries.of(21, 443, 1521, 5432, 6443, 8080, 53),
                    Arbitraries.integers().between(1, 65535)))
            .as(Conn::new);
    return conn.list().ofMinSize(1).ofMaxSize(12);
  }

  static String endpoint(String kind, String namespace, String app) {
    return "{\"namespace\":\""
        + namespace
        + "\",\"labels\":[\"k8s:app="
        + app
        + "\",\"k8s:pod-template-hash=5f6\",\"k8s:io.kubernetes.pod.namespace="
        + namespace
        + "\"]}";
  }

  static String record(Conn c) {
    String[] d = c.destination().split(" ");
    String destination;
    String ip;
    String names = "";
    switch (d[0]) {
      case "world" -> {
        destination = "{\"labels\":[\"reserved:world\"]}";
        ip = d[1];
        if (d.length > 2) {
          names = ",\"destination_names\":[\"" + d[2] + "\"]";
        }
      }
      case "pod" -> {
        destination = endpoint("pod", d[1], d[2]);
        ip = "10.244.9.9";
      }
      default -> {
        destination = "{\"labels\":[\"reserved:" + d[0] + "\"]}";
        ip = "172.18.0.3";
      }
    }
    String l4 =
        c.protocol().equals("TCP")
            ? "{\"TCP\":{\"source_port\":40000,\"destination_port\":"
                + c.port()
                + ",\"flags\":{\"SYN\":true}}}"
            : "{\"UDP\":{\"source_port\":40000,\"destination_port\":" + c.port() + "}}";
    return "{\"flow\":{\"verdict\":\"FORWARDED\",\"IP\":{\"source\":\"10.244.1.1\","
        + "\"destination\":\""
        + ip
        + "\"},\"l4\":"
        + l4
        + ",\"source\":"
        + endpoint("pod", c.namespace(), c.app())
        + ",\"destination\":"
        + destination
        + names
        + ",\"traffic_direction\":\"EGRESS\",\"is_reply\":false}}";
  }

  static Path write(Path dir, List<Conn> conns) throws IOException {
    List<String> lines = new ArrayList<>();
    conns.forEach(c -> lines.add(record(c)));
    Path file = dir.resolve("flows.jsonl");
    Files.write(file, lines);
    return file;
  }

  static final String SEED =
      """
      cilium 1.16

      policy l7-visibility in namespace default {
        enforce egress

        observe dns "*"
        observe http on 80, 8080 to namespace default
      }
      """;

  @Property(tries = 12)
  void replayingTheFlowsSuggestWasBuiltFromDropsNothing(
      @ForAll("connections") List<Conn> conns, @ForAll boolean withSeed) throws Exception {
    Path dir = Files.createTempDirectory("cilia-flows");
    try {
      Path flows = write(dir, conns);
      List<Path> policies = new ArrayList<>();
      if (withSeed) {
        Path seed = dir.resolve("seed.cilia");
        Files.writeString(seed, SEED);
        policies.add(seed);
      }
      Path scratch = Files.createDirectories(dir.resolve("scratch"));
      Suggest.Result r =
          Suggest.run(
              new Compilation.Options(policies, false, Optional.empty(), Optional.empty()),
              List.of(flows.toString()),
              InputStream.nullInputStream(),
              scratch);
      assertTrue(r.compiles(), () -> r.text() + r.diagnostics());
      assertTrue(r.holds(), () -> r.text() + r.after().map(Replay.Result::text).orElse(""));
      assertTrue(r.before().flows() > 0);
      if (withSeed) {
        // The seed drops at least the outside flows that are not DNS or HTTP in the namespace.
        assertEquals(r.needed() > 0, r.before().dropped() > 0);
      }
    } finally {
      delete(dir);
    }
  }

  @Provide
  Arbitrary<Conn> declared() {
    return Combinators.combine(
            Arbitraries.of("billing", "web"),
            Arbitraries.just("default"),
            Arbitraries.of("world 10.20.30.5", "world 192.0.2.44", "pod finance ledger"),
            Arbitraries.of("TCP", "UDP"),
            Arbitraries.integers().between(1, 65535))
        .as(Conn::new);
  }

  @Property(tries = 12)
  void aFlowDeclaredInCiliaReplaysAsAllowed(@ForAll("declared") Conn c) throws Exception {
    Path dir = Files.createTempDirectory("cilia-flows");
    try {
      Path flows = write(dir, List.of(c));
      String[] d = c.destination().split(" ");
      String peer =
          d[0].equals("world") ? "ip " + d[1] : "pods app=" + d[2] + " in namespace " + d[1];
      Path policy = dir.resolve("declared.cilia");
      Files.writeString(
          policy,
          "cilium 1.16\n\npolicy declared in namespace default {\n  select app="
              + c.app()
              + "\n  enforce egress\n\n  allow "
              + c.protocol().toLowerCase(java.util.Locale.ROOT)
              + " "
              + c.port()
              + " to "
              + peer
              + "\n}\n");
      Replay.Outcome outcome =
          Replay.run(
              new Compilation.Options(List.of(policy), false, Optional.empty(), Optional.empty()),
              List.of(flows.toString()),
              InputStream.nullInputStream());
      Replay.Result r = outcome.result().orElseThrow(() -> new AssertionError(outcome));
      assertEquals(1, r.flows(), r::text);
      assertEquals(0, r.dropped(), r::text);
      assertTrue(r.judged().get(0).decision().verdict().passes(), r::text);
    } finally {
      delete(dir);
    }
  }

  static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
