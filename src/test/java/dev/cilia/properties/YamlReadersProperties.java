package dev.cilia.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cilia.cilium.PolicyYaml;
import dev.cilia.cilium.Target;
import dev.cilia.cilium.YamlScalars;
import dev.cilia.cilium.model.CiliumPolicy;
import dev.cilia.cilium.model.PolicyRule;
import dev.cilia.cilium.model.RuleLabel;
import dev.cilia.diag.Code;
import dev.cilia.diag.Diagnostic;
import dev.cilia.lint.Linter;
import dev.cilia.source.SourceFile;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.json.JsonMapper;

/**
 * Emitted YAML reads the same everywhere: a YAML 1.1 reader (snakeyaml, the rules of PyYAML and Go
 * yaml.v2) and a YAML 1.2 reader (snakeyaml-engine, the rules of Go yaml.v3 and kubectl) give the
 * tree the policy was written from, and {@code ciliac lint} reads it without a YAML error. Strings
 * are drawn from the forms one reader or the other resolves to something else. The default build
 * runs {@code jqwik.tries} (1,000) tries; {@code -Djqwik.tries=10000} or {@code -Pproperties-long}
 * run more.
 */
class YamlReadersProperties {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Set<Code> YAML_ERRORS = EnumSet.of(Code.CIL0501, Code.CIL0502, Code.CIL0503);

  /** Words and forms that YAML 1.1 or 1.2 resolves to a non-string, or that YAML parses. */
  private static final List<String> TRICKY =
      List.of(
          "0x1F",
          "0o17",
          ".NaN",
          ".nan",
          "-.inf",
          ".Inf",
          "1_000",
          "0b101",
          "2001-01-01",
          "2001-12-14t21:59:43.10-05:00",
          "<<",
          "=",
          "~",
          "null",
          "Null",
          "NULL",
          "yes",
          "No",
          "ON",
          "off",
          "y",
          "n",
          "Y",
          "N",
          "true",
          "False",
          "1e3",
          "1E+3",
          "+1",
          "-1",
          "017",
          "1:20",
          "190:20:30.15",
          "1.0.1",
          "10.0.0.0",
          "10.0.0.0/8",
          "::1",
          "fe80::1",
          "a: b",
          "a:",
          "- x",
          "? x",
          "#x",
          "x #y",
          "&a",
          "*a",
          "!tag",
          "%x",
          "@x",
          "`x",
          "|",
          ">",
          "'",
          "\"",
          "{}",
          "[]",
          "",
          " ",
          " x",
          "x ",
          "\t",
          "\n",
          "x\ny",
          "x\n",
          "\r",
          "x\r\ny",
          "\u2028",
          "a\u2028b",
          "\u0085",
          "\u2029",
          "\uFEFF",
          "\u0000",
          "\u0001",
          "\u007F",
          "\u009B",
          "\u001B[31m",
          "é",
          "\uD83D\uDE00",
          "k8s:io.kubernetes.pod.namespace",
          "app.kubernetes.io/name",
          "v1",
          "1abc",
          "1.5",
          ".5",
          "5.",
          "0",
          "00",
          "-",
          "_",
          "/");

  @Provide
  Arbitrary<String> scalars() {
    Arbitrary<String> tricky = Arbitraries.of(TRICKY);
    Arbitrary<String> chars =
        Arbitraries.strings()
            .withChars("0123456789._:-+eExXoObBtTzZ aA~<=#'\"\\\n\r\t/@;()!?*&%$>|^,[]{}")
            .withChars('\u2028', '\u0085', '\u2029', '\u0001', '\u00e9')
            .ofMaxLength(12);
    Arbitrary<String> joined =
        Arbitraries.of(TRICKY).list().ofMaxSize(3).map(parts -> String.join("", parts));
    Arbitrary<String> unicode = Arbitraries.strings().all().ofMaxLength(6).filter(this::wellFormed);
    return Arbitraries.frequencyOf(
        Tuple.of(4, tricky), Tuple.of(4, chars), Tuple.of(2, joined), Tuple.of(1, unicode));
  }

  private boolean wellFormed(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  @Property
  void everyReaderReadsTheWrittenTree(
      @ForAll("scalars") String key,
      @ForAll("scalars") String value,
      @ForAll("scalars") String text) {
    CiliumPolicy policy = policy(key, value, text);
    String yaml = PolicyYaml.write(policy);
    Object written = JSON.treeToValue(PolicyYaml.toTree(policy), Object.class);
    Object yaml11 = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    Object yaml12 = new Load(LoadSettings.builder().build()).loadFromString(yaml);
    assertEquals(written, yaml12, () -> "YAML 1.2 reads differently:\n" + yaml);
    assertEquals(written, yaml11, () -> "YAML 1.1 reads differently:\n" + yaml);
    assertTrue(yaml.chars().allMatch(c -> c == '\n' || (c >= 0x20 && c < 0x7F)), yaml);
  }

  @Property(tries = 200)
  void lintReadsTheYaml(@ForAll("scalars") String value, @ForAll("scalars") String text) {
    String yaml = PolicyYaml.write(policy(value, value, text));
    Linter.Result result = Linter.lint(List.of(SourceFile.of("p.yaml", yaml)), Target.NEWEST);
    for (Diagnostic d : result.diagnostics()) {
      assertTrue(!YAML_ERRORS.contains(d.code()), () -> d + "\nfor\n" + yaml);
    }
  }

  @Example
  void plainOnlyWhenNoReaderDisagrees() {
    for (String plain :
        List.of("app", "k8s:io.kubernetes.pod.namespace", "10.0.0.0/8", "v1", "fe80::1", "web-1")) {
      assertTrue(!YamlScalars.needsQuotes(plain), plain);
    }
    for (String quoted : List.of("0x1F", "0o17", "1_000", "0b101", "2001-01-01", "yes", "1.0.1")) {
      assertTrue(YamlScalars.needsQuotes(quoted), quoted);
    }
  }

  private static CiliumPolicy policy(String key, String value, String text) {
    ObjectMeta meta = new ObjectMeta();
    meta.setName(value);
    meta.setNamespace(text);
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(key, value);
    labels.put("fixed", text);
    meta.setLabels(labels);
    LabelSelector selector = new LabelSelector();
    selector.setMatchLabels(Map.of(value, key));
    PolicyRule rule =
        new PolicyRule(
            text,
            selector,
            null,
            null,
            null,
            null,
            null,
            null,
            List.of(new RuleLabel(key, value, text)),
            null);
    return new CiliumPolicy(
        CiliumPolicy.API_VERSION, CiliumPolicy.KIND_NAMESPACED, meta, rule, null);
  }
}
