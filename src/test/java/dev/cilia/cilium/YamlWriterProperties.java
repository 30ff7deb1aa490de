package dev.cilia.cilium;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cilia.cilium.model.CidrRule;
import dev.cilia.cilium.model.CiliumPolicy;
import dev.cilia.cilium.model.DefaultDeny;
import dev.cilia.cilium.model.EgressRule;
import dev.cilia.cilium.model.FqdnSelector;
import dev.cilia.cilium.model.HttpRule;
import dev.cilia.cilium.model.IcmpRule;
import dev.cilia.cilium.model.IngressRule;
import dev.cilia.cilium.model.L7Rules;
import dev.cilia.cilium.model.LogConfig;
import dev.cilia.cilium.model.PolicyRule;
import dev.cilia.cilium.model.PortProtocol;
import dev.cilia.cilium.model.PortRule;
import dev.cilia.cilium.model.RuleLabel;
import dev.cilia.cilium.model.ServiceSelector;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import tools.jackson.databind.JsonNode;

/**
 * The direct YAML writer gives the bytes of the Jackson mapper it replaces, for every golden
 * document and for generated models with tricky strings (indicators, YAML 1.1 words, numbers,
 * quotes, control characters, non-ASCII), every optional field set or absent, empty lists and maps,
 * and open maps of nested values; what it refuses, Jackson writes.
 */
class YamlWriterProperties {
  private static final List<String> TRICKY =
      List.of(
          "",
          " ",
          "a b",
          "yes",
          "No",
          "~",
          "null",
          "0x1F",
          "0o17",
          "017",
          ".NaN",
          "-.inf",
          "1_000",
          "1e3",
          "1.0.1",
          "1:20",
          "2001-01-01",
          "+1",
          "-",
          "- a",
          "---",
          "...",
          "a: b",
          "a:b",
          "a #b",
          "a#b",
          "#x",
          "x:",
          "*.example.com",
          "&anchor",
          "!tag",
          "|",
          ">",
          "%",
          "@",
          "`",
          "'q'",
          "\"q\"",
          "back\\slash",
          "{a: [b]}",
          "k8s:io.kubernetes.pod.namespace",
          "é",
          "\u00a0",
          "\u0085",
          "\u2028",
          "\ufeff",
          "😀",
          "tab\there",
          "bell\u0007",
          "esc\u001b",
          "nul\u0000",
          "del\u007f",
          "line\nbreak",
          "cr\rx",
          "x".repeat(126),
          "x".repeat(127),
          "x".repeat(128),
          "x".repeat(129),
          "y".repeat(300));

  @Example
  void everyGoldenDocumentIsWrittenAsJacksonWritesIt() {
    int documents = 0;
    for (GoldenDocuments.Golden golden : GoldenDocuments.policies()) {
      CiliumPolicy policy = PolicyYaml.fromTree(golden.tree());
      Optional<String> direct = YamlWriter.write(policy);
      assertTrue(direct.isPresent(), golden.file()::toString);
      assertEquals(PolicyYaml.jacksonWrite(policy), direct.get(), golden.file()::toString);
      documents++;
    }
    assertTrue(documents > 20, "golden documents: " + documents);
  }

  /** Models as the compiler builds them: the direct writer takes each, with Jackson's bytes. */
  @Property
  void sameBytesAsJackson(@ForAll("policies") CiliumPolicy policy) {
    String jackson = PolicyYaml.jacksonWrite(policy);
    Optional<String> direct = YamlWriter.write(policy);
    Statistics.collect(direct.isPresent() ? "direct" : "Jackson");
    if (direct.isPresent()) {
      assertEquals(jackson, direct.get());
      assertEquals(jackson, PolicyYaml.write(policy));
    } else {
      assertEquals(jackson, PolicyYaml.write(policy));
      assertTrue(refusable(jackson), jackson);
    }
  }

  /** The read-back: trees from the parser's events equal Jackson's trees of the same text. */
  @Property
  void sameTreesAsJackson(@ForAll("policies") CiliumPolicy policy) {
    String yaml = PolicyYaml.write(policy);
    Optional<List<tools.jackson.databind.JsonNode>> direct = EventTrees.read(yaml);
    Statistics.collect(direct.isPresent() ? "events" : "Jackson");
    List<tools.jackson.databind.JsonNode> jackson = PolicyYaml.jacksonTrees(yaml);
    assertEquals(jackson, PolicyYaml.readTrees(yaml));
    direct.ifPresent(trees -> assertEquals(jackson, trees));
  }

  /** The read-back into the model: by hand as Jackson reads it, or left to Jackson. */
  @Property
  void sameModelAsJackson(@ForAll("policies") CiliumPolicy policy) {
    for (JsonNode tree : PolicyYaml.readTrees(PolicyYaml.write(policy))) {
      Optional<CiliumPolicy> direct = TreeModel.read(tree);
      Statistics.collect(direct.isPresent() ? "by hand" : "Jackson");
      CiliumPolicy jackson = PolicyYaml.jacksonFromTree(tree);
      assertEquals(jackson, PolicyYaml.fromTree(tree));
      direct.ifPresent(model -> assertEquals(jackson, model));
    }
  }

  @Example
  void everyGoldenDocumentIsReadByHandAsJacksonReadsIt() {
    int documents = 0;
    for (GoldenDocuments.Golden golden : GoldenDocuments.policies()) {
      Optional<CiliumPolicy> direct = TreeModel.read(golden.tree());
      assertTrue(direct.isPresent(), golden.file()::toString);
      assertEquals(
          PolicyYaml.jacksonFromTree(golden.tree()), direct.get(), golden.file()::toString);
      documents++;
    }
    assertTrue(documents > 20, "golden documents: " + documents);
  }

  @Example
  void whatOnlyJacksonReadsIntoTheModelGoesToJackson() {
    for (String text :
        List.of(
            "kind: CiliumNetworkPolicy\nstatus: {}\n",
            "spec:\n  egress:\n  - toPorts:\n    - ports:\n      - port: 80\n",
            "spec:\n  enableDefaultDeny:\n    egress: 'false'\n",
            "metadata:\n  name: p\n  ownerReferences: []\n",
            "spec:\n  endpointSelector:\n    matchLabels: {}\n    extra: 1\n",
            "spec:\n  egress:\n  - authentication:\n      weight: 12345678901\n")) {
      JsonNode tree = PolicyYaml.readTrees(text).get(0);
      assertTrue(TreeModel.read(tree).isEmpty(), text);
      assertEquals(PolicyYaml.jacksonFromTree(tree), PolicyYaml.fromTree(tree), text);
    }
    // A scalar where a list belongs: Jackson's error, not one of the hand reader's.
    JsonNode scalar = PolicyYaml.readTrees("spec:\n  egress:\n  - toEntities: world\n").get(0);
    assertTrue(TreeModel.read(scalar).isEmpty());
    assertThrows(
        tools.jackson.databind.exc.MismatchedInputException.class,
        () -> PolicyYaml.fromTree(scalar));
    JsonNode nulls = PolicyYaml.readTrees("kind: null\nspec: {}\n").get(0);
    assertTrue(TreeModel.read(nulls).isEmpty());
    assertEquals(PolicyYaml.jacksonFromTree(nulls), PolicyYaml.fromTree(nulls));
  }

  @Example
  void everyGoldenStreamIsReadFromEventsAsJacksonReadsIt() throws IOException {
    List<Path> files = GoldenDocuments.files();
    int direct = 0;
    for (Path file : files) {
      String text = Files.readString(file);
      Optional<List<tools.jackson.databind.JsonNode>> trees = EventTrees.read(text);
      assertEquals(PolicyYaml.jacksonTrees(text), PolicyYaml.readTrees(text), file::toString);
      if (trees.isPresent()) {
        assertEquals(PolicyYaml.jacksonTrees(text), trees.get(), file::toString);
        direct++;
      } else {
        // Monitoring output (Helm values, rules) may hold what only Jackson reads; policies not.
        assertTrue(file.toString().contains("golden/monitoring/"), file::toString);
      }
    }
    assertTrue(direct >= 19, "golden streams read from events: " + direct);
  }

  /** The number test agrees with the JSON schema resolver's float pattern (ints included). */
  @Property
  void numbersAsTheResolverSeesThem(
      @ForAll
          @net.jqwik.api.constraints.Chars({
            '0', '1', '9', '.', '-', '+', 'e', 'E', 'i', 'n', 'f', 'a'
          })
          @net.jqwik.api.constraints.StringLength(max = 8)
          String value) {
    java.util.regex.Pattern resolver =
        java.util.regex.Pattern.compile(
            "^(-?(0|[1-9][0-9]*)(\\.[0-9]*)?([eE][-+]?[0-9]+)?)|(-?\\.inf)|(\\.nan)$");
    assertEquals(resolver.matcher(value).matches(), EventTrees.isNumber(value), value);
  }

  @Example
  void whatOnlyJacksonReadsGoesToJackson() {
    for (String text :
        List.of(
            "a: !!str 1\n",
            "a: &x b\nc: *x\n",
            "a: 1\na: 2\n",
            "a:\n",
            "a: null\n",
            "a: 1.5\n",
            "a: 12345678901\n",
            "a: ${HOME}\n",
            "a: +1\n",
            "? [a]\n: b\n",
            "a: [unclosed\n")) {
      assertTrue(EventTrees.read(text).isEmpty(), text);
    }
    String kinds =
        "a: 'x'\nb: \"0x1F\"\nc: true\nd: -42\ne: plain text\nf: []\ng: {}\n"
            + "h: 10.20.30.0/24\ni: 2001:db8::/32\nj: 0.5x\n";
    assertTrue(EventTrees.read(kinds).isPresent());
    assertEquals(PolicyYaml.jacksonTrees(kinds), EventTrees.read(kinds).get());
    String stream = "---\na: 1\n---\nb: x\n";
    assertEquals(2, EventTrees.read(stream).get().size());
    assertEquals(PolicyYaml.jacksonTrees(stream), PolicyYaml.readTrees(stream));
  }

  /** What the direct writer may refuse: a line break in a string, or a long key. */
  private static boolean refusable(String yaml) {
    return yaml.contains("|")
        || yaml.contains("? ")
        || yaml.contains("\\n")
        || yaml.contains("\\r")
        || yaml.contains("\\N")
        || yaml.contains("\\u2028")
        || yaml.contains("\\u2029")
        || yaml.contains("\\L")
        || yaml.contains("\\P");
  }

  @Example
  void unknownValuesGoToJackson() {
    Map<String, Object> auth = new LinkedHashMap<>();
    auth.put("mode", "required");
    auth.put("weight", 0.5);
    IngressRule rule = new IngressRule(null, null, null, null, null, null, null, null, null, auth);
    CiliumPolicy policy = policy(meta("p", "ns"), rule(List.of(rule), null));
    assertTrue(YamlWriter.write(policy).isEmpty());
    assertEquals(PolicyYaml.jacksonWrite(policy), PolicyYaml.write(policy));

    ObjectMeta extra = meta("p", "ns");
    extra.setAdditionalProperty("x-extra", List.of(1, "two"));
    CiliumPolicy withExtra = policy(extra, rule(null, null));
    assertTrue(YamlWriter.write(withExtra).isEmpty());
    assertEquals(PolicyYaml.jacksonWrite(withExtra), PolicyYaml.write(withExtra));
  }

  @Provide
  Arbitrary<String> strings() {
    Arbitrary<String> chars =
        Arbitraries.strings()
            .withChars("0123456789._:-+eExXoObBtTzZ aA~<=#'\"\\\t/@;()!?*&%$>|^,[]{}`")
            .withChars('\u0001', '\u007f', '\u00a0', '\u00e9', '\u0100', '\ufeff', '\u2603')
            .ofMaxLength(10);
    Arbitrary<String> emoji = Arbitraries.of("😀", "a😀b", "\ud83d\ude00:", "𝄞 x").map(s -> s);
    Arbitrary<String> words =
        Arbitraries.strings().alpha().numeric().withChars("-./").ofLength(1).ofMaxLength(20);
    return Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.of(TRICKY)),
        Tuple.of(4, chars),
        Tuple.of(1, emoji),
        Tuple.of(3, words));
  }

  @Provide
  Arbitrary<CiliumPolicy> policies() {
    Arbitrary<PolicyRule> rule = rules();
    return Combinators.combine(
            strings().injectNull(0.05),
            metas(),
            rule.injectNull(0.1),
            rule.list().ofMaxSize(2).injectNull(0.8))
        .as((kind, meta, spec, specs) -> new CiliumPolicy("cilium.io/v2", kind, meta, spec, specs));
  }

  private Arbitrary<ObjectMeta> metas() {
    return Combinators.combine(
            strings().injectNull(0.1),
            strings().injectNull(0.4),
            stringMap().injectNull(0.3),
            stringMap().injectNull(0.7),
            Arbitraries.longs().between(0, 9).injectNull(0.8),
            strings().list().ofMaxSize(2).injectNull(0.8))
        .as(
            (name, ns, labels, annotations, generation, finalizers) -> {
              ObjectMeta m = meta(name, ns);
              m.setLabels(labels);
              m.setAnnotations(annotations);
              m.setGeneration(generation);
              m.setFinalizers(finalizers);
              return m;
            });
  }

  private Arbitrary<Map<String, String>> stringMap() {
    return Arbitraries.maps(strings(), strings()).ofMaxSize(3).map(LinkedHashMap::new);
  }

  private Arbitrary<LabelSelector> selectors() {
    Arbitrary<LabelSelectorRequirement> requirement =
        Combinators.combine(
                strings(),
                Arbitraries.of("In", "NotIn", "Exists", "DoesNotExist"),
                strings().list().ofMaxSize(3).injectNull(0.3))
            .as(LabelSelectorRequirement::new);
    return Combinators.combine(
            requirement.list().ofMaxSize(2).injectNull(0.5), stringMap().injectNull(0.2))
        .as(LabelSelector::new);
  }

  /** Open values as Jackson reads them: strings, numbers, booleans, lists and maps of them. */
  private Arbitrary<Object> open(int depth) {
    Arbitrary<Object> leaf =
        Arbitraries.oneOf(
            strings().map(s -> (Object) s),
            Arbitraries.integers().map(i -> (Object) i),
            Arbitraries.longs().map(l -> (Object) l),
            Arbitraries.of(BigInteger.TEN.pow(30)).map(b -> (Object) b),
            Arbitraries.of(true, false).map(b -> (Object) b));
    if (depth == 0) {
      return leaf;
    }
    return Arbitraries.frequencyOf(
        Tuple.of(3, leaf),
        Tuple.of(1, open(depth - 1).list().ofMaxSize(3).map(l -> (Object) new ArrayList<>(l))),
        Tuple.of(1, openMap(depth - 1).map(m -> (Object) m)));
  }

  private Arbitrary<Map<String, Object>> openMap(int depth) {
    return Arbitraries.maps(strings(), open(depth)).ofMaxSize(3).map(LinkedHashMap::new);
  }

  private Arbitrary<PortRule> portRules() {
    Arbitrary<PortProtocol> port =
        Combinators.combine(
                strings(),
                Arbitraries.integers().between(1, 65535).injectNull(0.7),
                Arbitraries.of("TCP", "UDP", "ANY").injectNull(0.2))
            .as(PortProtocol::new);
    Arbitrary<HttpRule> http =
        Combinators.combine(
                strings().injectNull(0.5),
                strings().injectNull(0.5),
                strings().injectNull(0.7),
                strings().list().ofMaxSize(2).injectNull(0.7),
                openMap(1).list().ofMaxSize(2).injectNull(0.8))
            .as(HttpRule::new);
    Arbitrary<FqdnSelector> fqdn =
        Combinators.combine(strings().injectNull(0.5), strings().injectNull(0.5))
            .as(FqdnSelector::new);
    Arbitrary<L7Rules> l7 =
        Combinators.combine(
                http.list().ofMaxSize(2).injectNull(0.5),
                openMap(1).list().ofMaxSize(1).injectNull(0.9),
                fqdn.list().ofMaxSize(2).injectNull(0.5),
                strings().injectNull(0.9),
                stringMap().list().ofMaxSize(2).injectNull(0.9))
            .as(L7Rules::new);
    return Combinators.combine(
            port.list().ofMaxSize(3).injectNull(0.1),
            l7.injectNull(0.5),
            strings().list().ofMaxSize(2).injectNull(0.8),
            openMap(1).injectNull(0.9),
            openMap(1).injectNull(0.9),
            openMap(1).injectNull(0.9))
        .as(PortRule::new);
  }

  private Arbitrary<EgressRule> egress() {
    Arbitrary<List<LabelSelector>> selectors = selectors().list().ofMaxSize(2).injectNull(0.5);
    Arbitrary<CidrRule> cidr =
        Combinators.combine(
                strings().injectNull(0.1),
                strings().injectNull(0.9),
                selectors().injectNull(0.9),
                strings().list().ofMaxSize(2).injectNull(0.5))
            .as(CidrRule::new);
    Arbitrary<ServiceSelector> service =
        Combinators.combine(
                Combinators.combine(strings(), strings().injectNull(0.3))
                    .as(ServiceSelector.K8sService::new)
                    .injectNull(0.2),
                openMap(1).injectNull(0.8))
            .as(ServiceSelector::new);
    Arbitrary<FqdnSelector> fqdn =
        Combinators.combine(strings().injectNull(0.5), strings().injectNull(0.5))
            .as(FqdnSelector::new);
    Arbitrary<IcmpRule> icmp =
        Combinators.combine(strings().injectNull(0.3), strings())
            .as(IcmpRule.IcmpField::new)
            .list()
            .ofMaxSize(2)
            .map(IcmpRule::new);
    Arbitrary<EgressRule> first =
        Combinators.combine(
                selectors,
                selectors,
                strings().list().ofMaxSize(2).injectNull(0.7),
                cidr.list().ofMaxSize(2).injectNull(0.7),
                strings().list().ofMaxSize(2).injectNull(0.7),
                service.list().ofMaxSize(2).injectNull(0.8),
                fqdn.list().ofMaxSize(2).injectNull(0.7),
                selectors)
            .as(
                (a, b, c, d, e, f, g, h) ->
                    new EgressRule(a, b, c, d, e, f, g, h, null, null, null, null));
    return Combinators.combine(
            first,
            openMap(1).list().ofMaxSize(2).injectNull(0.9),
            portRules().list().ofMaxSize(2).injectNull(0.4),
            icmp.list().ofMaxSize(2).injectNull(0.8),
            openMap(2).injectNull(0.8))
        .as(
            (r, groups, ports, icmps, auth) ->
                new EgressRule(
                    r.toEndpoints(),
                    r.toRequires(),
                    r.toCIDR(),
                    r.toCIDRSet(),
                    r.toEntities(),
                    r.toServices(),
                    r.toFQDNs(),
                    r.toNodes(),
                    groups,
                    ports,
                    icmps,
                    auth));
  }

  private Arbitrary<IngressRule> ingress() {
    return egress()
        .map(
            e ->
                new IngressRule(
                    e.toEndpoints(),
                    e.toRequires(),
                    e.toCIDR(),
                    e.toCIDRSet(),
                    e.toEntities(),
                    e.toNodes(),
                    e.toGroups(),
                    e.toPorts(),
                    e.icmps(),
                    e.authentication()));
  }

  private Arbitrary<PolicyRule> rules() {
    Arbitrary<DefaultDeny> deny =
        Combinators.combine(
                Arbitraries.of(true, false).injectNull(0.4),
                Arbitraries.of(true, false).injectNull(0.4))
            .as(DefaultDeny::new);
    Arbitrary<RuleLabel> label =
        Combinators.combine(strings(), strings().injectNull(0.3), strings().injectNull(0.3))
            .as(RuleLabel::new);
    Arbitrary<PolicyRule> first =
        Combinators.combine(
                strings().injectNull(0.5),
                selectors().injectNull(0.1),
                selectors().injectNull(0.9),
                deny.injectNull(0.5),
                ingress().list().ofMaxSize(2).injectNull(0.5),
                ingress().list().ofMaxSize(1).injectNull(0.8))
            .as(
                (d, es, ns, dd, in, inDeny) ->
                    new PolicyRule(d, es, ns, dd, in, inDeny, null, null, null, null));
    return Combinators.combine(
            first,
            egress().list().ofMaxSize(2).injectNull(0.4),
            egress().list().ofMaxSize(1).injectNull(0.8),
            label.list().ofMaxSize(2).injectNull(0.7),
            strings().map(LogConfig::new).injectNull(0.8))
        .as(
            (r, eg, egDeny, labels, log) ->
                new PolicyRule(
                    r.description(),
                    r.endpointSelector(),
                    r.nodeSelector(),
                    r.enableDefaultDeny(),
                    r.ingress(),
                    r.ingressDeny(),
                    eg,
                    egDeny,
                    labels,
                    log));
  }

  private static ObjectMeta meta(String name, String namespace) {
    ObjectMeta meta = new ObjectMeta();
    meta.setName(name);
    meta.setNamespace(namespace);
    return meta;
  }

  private static PolicyRule rule(List<IngressRule> ingress, List<EgressRule> egress) {
    return new PolicyRule(
        null, new LabelSelector(), null, null, ingress, null, egress, null, null, null);
  }

  private static CiliumPolicy policy(ObjectMeta meta, PolicyRule spec) {
    return new CiliumPolicy("cilium.io/v2", "CiliumNetworkPolicy", meta, spec, null);
  }
}
