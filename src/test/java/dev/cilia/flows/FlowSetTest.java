package dev.cilia.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The reader on upstream samples and on synthetic records for what no public capture has. */
class FlowSetTest {
  static final Path REFERENCE = Path.of("..", "shared", "reference", "hubble-flows");

  static FlowSet read(String text) throws IOException {
    return read(text.getBytes(StandardCharsets.UTF_8));
  }

  static FlowSet read(byte[] bytes) throws IOException {
    FlowSet set = new FlowSet();
    set.read("test.json", new ByteArrayInputStream(bytes));
    return set;
  }

  static FlowSet reference(String name) throws IOException {
    if (!Files.isDirectory(REFERENCE)) {
      if (System.getenv("CI") != null) {
        throw new AssertionError("reference flows missing at " + REFERENCE.toAbsolutePath());
      }
      Assumptions.assumeTrue(
          false,
          "reference Hubble flows not found at " + REFERENCE.toAbsolutePath() + "; skipping");
    }
    FlowSet set = new FlowSet();
    try (InputStream in = Files.newInputStream(REFERENCE.resolve(name))) {
      set.read(name, in);
    }
    return set;
  }

  /** records, new connections, distinct, replies, other packets, unidentified. */
  static void counts(
      FlowSet set, long records, long flows, int distinct, long replies, long other) {
    FlowSet.Counts c = set.counts();
    assertEquals(List.of(), set.problems());
    assertEquals(records, c.records(), c::toString);
    assertEquals(flows, c.flows(), c::toString);
    assertEquals(distinct, set.flows().size(), c::toString);
    assertEquals(replies, c.replies(), c::toString);
    assertEquals(other, c.notInitiating(), c::toString);
  }

  @Test
  void upstreamSamplesReadWithoutError() throws IOException {
    String otel = "cilium__hubble-otel__testdata__basic-sample-";
    counts(reference(otel + "10-flows.json"), 10, 1, 1, 5, 4);
    counts(reference(otel + "5-dns-flows.json"), 5, 3, 1, 2, 0);
    counts(reference(otel + "5-http-flows.json"), 5, 3, 3, 2, 0);
    counts(reference(otel + "400-tcp-flows.json"), 400, 103, 11, 132, 165);
    counts(reference(otel + "400-udp-flows.json"), 400, 252, 3, 148, 0);
    counts(reference(otel + "400-icmpv4-flows.json"), 18, 11, 2, 4, 3);
    FlowSet export =
        reference(
            "cilium__cilium__Documentation__observability__hubble__configuration__export.rst.jsonl");
    counts(export, 2, 1, 1, 0, 1);
    ObservedFlow xwing = export.flows().get(0);
    assertEquals("tcp/80 from default/ to default/", xwing.toString());
    assertEquals(1, xwing.policyDropped());
    FlowSet printer =
        reference("cilium__hubble__pkg__printer__printer_test.go.v0.10.0.expected.jsonl");
    assertEquals(Map.of("debug_event", 1L), printer.counts().nonFlow());
    assertEquals(2, printer.counts().records());
    assertEquals(2, printer.counts().unidentified());
  }

  @Test
  void dnsAnswersNameLaterFlowsAndUdpFlowsCollapse() throws IOException {
    FlowSet udp = reference("cilium__hubble-otel__testdata__basic-sample-400-udp-flows.json");
    ObservedFlow first = udp.flows().get(0);
    assertEquals("udp", first.protocol());
    assertEquals(53, first.port());
    assertTrue(first.proxied());
    assertTrue(first.records() > 1);
    assertTrue(!first.dnsQueries().isEmpty(), first::toString);
  }

  static final String POD =
      "{\"namespace\":\"default\",\"labels\":[\"k8s:app=billing\",\"k8s:pod-template-hash=6f9\","
          + "\"k8s:io.kubernetes.pod.namespace=default\","
          + "\"k8s:io.cilium.k8s.namespace.labels.team=pay\"],\"pod_name\":\"billing-6f9-x\"}";

  @Test
  void destinationNamesEgressDeniedByAndVolatileLabels() throws IOException {
    FlowSet set =
        read(
            "{\"flow\":{\"verdict\":\"DROPPED\",\"drop_reason_desc\":\"POLICY_DENY\","
                + "\"IP\":{\"source\":\"10.0.0.1\",\"destination\":\"52.1.2.3\"},"
                + "\"l4\":{\"TCP\":{\"source_port\":40000,\"destination_port\":443,"
                + "\"flags\":{\"SYN\":true}}},\"source\":"
                + POD
                + ",\"destination\":{\"identity\":16777217,\"labels\":[\"reserved:world\","
                + "\"cidr:52.1.2.3/32\",\"fqdn:api.example.com\"]},"
                + "\"destination_names\":[\"API.example.com.\"],"
                + "\"egress_denied_by\":[{\"name\":\"no-https\",\"namespace\":\"default\","
                + "\"labels\":[],\"revision\":\"18446744073709551615\",\"kind\":\"CNP\"}],"
                + "\"traffic_direction\":\"EGRESS\",\"is_reply\":false,\"emitter\":{\"x\":1}}}\n");
    ObservedFlow f = set.flows().get(0);
    assertEquals(
        new Peer.Workload(
            "default",
            new java.util.TreeMap<>(Map.of("app", "billing")),
            new java.util.TreeMap<>(Map.of("team", "pay"))),
        f.source());
    assertEquals(new Peer.World("52.1.2.3", List.of("api.example.com")), f.destination());
    assertEquals(java.util.Set.of("default/no-https"), f.deniedBy());
    assertEquals(1, f.policyDropped());
  }

  @Test
  void camelCaseIpv6SctpAndNumericEnumsRead() throws IOException {
    FlowSet set =
        read(
            "{\"verdict\":1,\"IP\":{\"source\":\"fd00::10\",\"destination\":\"2001:db8:0:0::7\","
                + "\"ipVersion\":\"IPv6\"},\"l4\":{\"SCTP\":{\"sourcePort\":4000,"
                + "\"destinationPort\":2905}},\"source\":"
                + POD.replace("pod_name", "podName")
                + ",\"destination\":{\"labels\":[\"reserved:world-ipv6\"]},"
                + "\"destinationNames\":[\"sig.example.net\"],\"trafficDirection\":\"EGRESS\","
                + "\"isReply\":false}\n"
                + "{\"flow\":{\"verdict\":\"AUDIT\",\"IP\":{\"source\":\"10.0.0.1\","
                + "\"destination\":\"10.0.0.9\"},\"l4\":{\"UDP\":{\"sourcePort\":5000,"
                + "\"destinationPort\":\"514\"}},\"source\":"
                + POD
                + ",\"destination\":{\"labels\":[\"reserved:kube-apiserver\",\"reserved:host\"]},"
                + "\"isReply\":{\"value\":false}}}\n");
    List<ObservedFlow> flows = set.flows();
    assertEquals(2, flows.size(), set.counts()::toString);
    assertEquals("sctp", flows.get(0).protocol());
    assertEquals(2905, flows.get(0).port());
    assertEquals(
        new Peer.World("2001:db8:0:0:0:0:0:7", List.of("sig.example.net")),
        flows.get(0).destination());
    assertEquals(1, flows.get(0).forwarded());
    assertEquals(new Peer.Entity("kube-apiserver"), flows.get(1).destination());
    assertEquals(514, flows.get(1).port());
    assertEquals(1, flows.get(1).audited());
  }

  static final String LINE =
      "{\"flow\":{\"verdict\":\"FORWARDED\",\"IP\":{\"source\":\"10.0.0.1\",\"destination\":"
          + "\"10.20.30.5\"},\"l4\":{\"TCP\":{\"source_port\":40000,\"destination_port\":1521,"
          + "\"flags\":{\"SYN\":true}}},\"source\":"
          + POD
          + ",\"destination\":{\"labels\":[\"reserved:world\"]},\"is_reply\":false},"
          + "\"node_name\":\"n1\",\"time\":\"2026-01-01T00:00:00Z\"}";

  @Test
  void layoutsPrefixesGzipAndJunkLines() throws IOException {
    String inner = LINE.substring("{\"flow\":".length(), LINE.indexOf(",\"node_name\":\"n1\""));
    String pretty =
        "{\n  \"flow\": " + inner.replace(",\"", ",\n    \"") + ",\n  \"node_name\": \"n1\"\n}";
    String text =
        LINE
            + "\n\n"
            + "flows.json:"
            + LINE
            + "\n"
            + "2026-01-01T00:00:00.1Z stdout F "
            + LINE
            + "\n"
            + "not json at all\n"
            + "{\"flow\": {\"verdict\": \n"
            + "}\n"
            + "[1, 2]\n"
            + "{\"something\":\"else\"}\n"
            + "{\"lost_events\":{\"num_events_lost\":\"3\"}}{\"node_status\":{}}\n";
    FlowSet set = read(text);
    assertEquals(3, set.counts().records(), set.counts()::toString);
    assertEquals(1, set.flows().size());
    assertEquals(3, set.flows().get(0).records());
    assertEquals(Map.of("lost_events", 1L, "node_status", 1L), set.counts().nonFlow());
    assertEquals(
        List.of(5L, 6L, 8L, 9L),
        set.problems().stream().map(FlowSet.Problem::line).toList(),
        set.problems()::toString);

    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(("[" + LINE + ",\n" + LINE + "]").getBytes(StandardCharsets.UTF_8));
    }
    FlowSet array = read(gz.toByteArray());
    assertEquals(2, array.counts().records(), array.counts()::toString);
    assertEquals(List.of(), array.problems());

    FlowSet prettyPrinted = read(pretty + "\n" + pretty + "\n");
    assertEquals(2, prettyPrinted.counts().records(), () -> pretty + prettyPrinted.problems());
  }

  @Test
  void repliesAndNonInitiatingPacketsAreLeftOut() throws IOException {
    String reply = LINE.replace("\"is_reply\":false", "\"is_reply\":true");
    String legacyReply = LINE.replace("\"is_reply\":false", "\"reply\":true");
    String ack = LINE.replace("{\"SYN\":true}", "{\"SYN\":true,\"ACK\":true}");
    String psh = LINE.replace("{\"SYN\":true}", "{\"PSH\":true}");
    FlowSet set = read(String.join("\n", reply, legacyReply, ack, psh, LINE) + "\n");
    assertEquals(2, set.counts().replies());
    assertEquals(2, set.counts().notInitiating());
    assertEquals(1, set.counts().flows());
  }
}
