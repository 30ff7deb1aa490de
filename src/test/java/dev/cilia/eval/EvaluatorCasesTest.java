package dev.cilia.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cilia.cilium.PolicyYaml;
import dev.cilia.cilium.Target;
import dev.cilia.cilium.model.CiliumPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The evaluator's cases as data: {@code src/test/resources/eval/cases.yaml} holds named cases, each
 * policies (named shared documents, full YAML, or {@code cnp}/{@code ccnp} with a {@code spec}),
 * the targets to run on, and flows with the verdict expected. One dynamic test per case and target.
 *
 * <p>A flow is {@code {from: EP, to: EP, port: tcp/1521}} ({@code side: egress|ingress} asks one
 * side only) or {@code {from: EP, lookup: NAME}} for a DNS lookup; it expects {@code expect: KIND}
 * and optionally {@code sides}, {@code rule} (the first deciding rule), {@code rules} (all of them)
 * and {@code reason} (a part of the reason). An endpoint is {@code NS/k=v,k=v} (a pod, {@code NS/}
 * without labels, {@code NS/k=v [nk=nv]} with namespace labels), {@code ip A}, {@code fqdn NAME},
 * {@code entity NAME} or {@code kube-dns}.
 */
class EvaluatorCasesTest {
  static final String CASES = "/eval/cases.yaml";

  static JsonNode cases() throws IOException {
    try (InputStream in = EvaluatorCasesTest.class.getResourceAsStream(CASES)) {
      return YAMLMapper.builder().build().readTree(in);
    }
  }

  @TestFactory
  Stream<DynamicNode> everyCase() throws IOException {
    JsonNode root = cases();
    Map<String, String> shared = new LinkedHashMap<>();
    root.get("documents")
        .properties()
        .forEach(e -> shared.put(e.getKey(), e.getValue().asString()));
    List<DynamicNode> out = new ArrayList<>();
    for (JsonNode c : root.get("cases")) {
      String name = c.get("name").asString();
      List<CiliumPolicy> policies = new ArrayList<>();
      for (JsonNode d : c.path("use")) {
        policies.add(PolicyYaml.read(shared.get(d.asString())));
      }
      for (JsonNode d : c.path("policies")) {
        policies.add(PolicyYaml.read(document(d, shared)));
      }
      List<DynamicTest> perTarget = new ArrayList<>();
      for (Target target : targets(c.get("targets"))) {
        perTarget.add(
            DynamicTest.dynamicTest(
                target.toString(), () -> run(c, new Evaluator(target, policies))));
      }
      out.add(DynamicContainer.dynamicContainer(name, perTarget));
    }
    return out.stream();
  }

  /** At least as many cases as the hand-written list had, each with a distinct name. */
  @org.junit.jupiter.api.Test
  void casesAreNamedOnce() throws IOException {
    List<String> names = new ArrayList<>();
    cases().get("cases").forEach(c -> names.add(c.get("name").asString()));
    assertEquals(names.size(), names.stream().distinct().count(), names::toString);
    assertTrue(names.size() >= 45, () -> names.size() + " cases");
  }

  static String document(JsonNode d, Map<String, String> shared) {
    if (d.isString()) {
      return shared.getOrDefault(d.asString(), d.asString());
    }
    String spec = d.get("spec").asString();
    if (d.has("cnp")) {
      String[] name = d.get("cnp").asString().split("/", 2);
      return EvaluatorTest.cnp(name[0], name[1], spec);
    }
    return EvaluatorTest.ccnp(d.get("ccnp").asString(), spec);
  }

  static List<Target> targets(JsonNode node) {
    if (node == null || node.asString("").equals("all")) {
      return Target.all();
    }
    List<Target> out = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(t -> out.add(target(t.asString())));
    } else {
      out.add(target(node.asString()));
    }
    return out;
  }

  private static Target target(String text) {
    return Target.parse(text).orElseThrow(() -> new IllegalArgumentException("target " + text));
  }

  static void run(JsonNode c, Evaluator e) {
    for (JsonNode f : c.get("flows")) {
      Endpoint from = endpoint(f.get("from").asString());
      Verdict v;
      String what;
      if (f.has("lookup")) {
        what = "lookup of " + f.get("lookup").asString() + " from " + from;
        v = e.dnsLookup((Endpoint.Pod) from, f.get("lookup").asString());
      } else {
        Endpoint to = endpoint(f.get("to").asString());
        String[] port = f.get("port").asString().split("/", 2);
        Protocol protocol =
            Protocol.parse(port[0]).orElseThrow(() -> new IllegalArgumentException(port[0]));
        Flow flow = new Flow(from, to, protocol, Integer.parseInt(port[1]));
        what = flow.toString();
        v =
            f.has("side")
                ? e.decide(
                    flow, f.get("side").asString().equals("egress") ? Side.EGRESS : Side.INGRESS)
                : e.decide(flow);
      }
      String context = what + ": " + v;
      assertEquals(Verdict.Kind.valueOf(f.get("expect").asString()), v.kind(), context);
      if (f.has("sides")) {
        List<String> sides = new ArrayList<>();
        f.get("sides").forEach(s -> sides.add(s.asString()));
        assertEquals(sides, v.sides().stream().map(Side::word).toList(), context);
      }
      if (f.has("rule")) {
        assertTrue(!v.rules().isEmpty(), context);
        assertEquals(f.get("rule").asString(), v.rules().get(0).toString(), context);
      }
      if (f.has("rules")) {
        List<String> rules = new ArrayList<>();
        f.get("rules").forEach(r -> rules.add(r.asString()));
        assertEquals(rules, v.rules().stream().map(RuleRef::toString).toList(), context);
      }
      if (f.has("reason")) {
        assertTrue(v.reason().contains(f.get("reason").asString()), context);
      }
    }
  }

  /**
   * {@code NS/k=v,k=v [nk=nv]}, {@code ip A}, {@code fqdn NAME}, {@code entity NAME}, {@code
   * kube-dns}.
   */
  static Endpoint endpoint(String text) {
    if (text.equals("kube-dns")) {
      return Evaluator.KUBE_DNS;
    }
    if (text.startsWith("ip ")) {
      return Endpoint.ip(text.substring(3));
    }
    if (text.startsWith("fqdn ")) {
      return new Endpoint.Fqdn(text.substring(5));
    }
    if (text.startsWith("entity ")) {
      return new Endpoint.Entity(text.substring(7));
    }
    String labels = text;
    Map<String, String> namespaceLabels = new LinkedHashMap<>();
    int bracket = text.indexOf(" [");
    if (bracket >= 0) {
      namespaceLabels = pairs(text.substring(bracket + 2, text.length() - 1));
      labels = text.substring(0, bracket);
    }
    int slash = labels.indexOf('/');
    return new Endpoint.Pod(
        labels.substring(0, slash), pairs(labels.substring(slash + 1)), namespaceLabels);
  }

  private static Map<String, String> pairs(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    if (text.isEmpty()) {
      return out;
    }
    for (String pair : text.split(",")) {
      String[] kv = pair.split("=", 2);
      out.put(kv[0], kv[1]);
    }
    return out;
  }
}
