package dev.cilia.cilium;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.cilia.cilium.model.CiliumPolicy;
import dev.cilia.source.SharedStrings;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.KeyDeserializer;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * Writes policies as YAML and reads them back. Every string is quoted and escaped as needed, so no
 * input text can change a document's structure; {@link YamlScalars} decides which strings need
 * quotes so that YAML 1.1 and 1.2 readers read the same tree; the same policies give the same
 * bytes.
 */
public final class PolicyYaml {
  /**
   * The Jackson mapper, built on first use: the reference writer and reader, and the one for what
   * {@link YamlWriter}, {@link EventTrees} and {@link TreeModel} leave to it. A one-file {@code
   * check} never builds it (about 40 ms of start-up, docs/performance.md).
   */
  private static final class Jackson {
    private Jackson() {}

    static final YAMLMapper MAPPER =
        YAMLMapper.builder(
                YAMLFactory.builder()
                    .streamReadConstraints(
                        StreamReadConstraints.builder().maxDocumentLength(16L << 20).build())
                    .stringQuotingChecker(YamlScalars.INSTANCE)
                    .dumperOptions(YamlScalars.dumpSettings())
                    .build())
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
            .enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .disable(YAMLWriteFeature.SPLIT_LINES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .addModule(readBack())
            .changeDefaultPropertyInclusion(
                incl ->
                    JsonInclude.Value.construct(
                        JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .build();

    /**
     * Strings read into the model, values and map keys alike, come from {@link SharedStrings}: the
     * model of 10,000 documents then holds one {@code TCP}, not 200,000. Its lists and empty maps
     * are compact ({@link CompactModel}).
     */
    private static SimpleModule readBack() {
      SimpleModule module = new SimpleModule("cilia-read-back");
      module.setDeserializerModifier(new CompactModel());
      module.addDeserializer(
          String.class,
          new StringDeserializer() {
            @Override
            public String deserialize(JsonParser p, DeserializationContext ctxt) {
              return SharedStrings.of(super.deserialize(p, ctxt));
            }
          });
      module.addKeyDeserializer(
          String.class,
          new KeyDeserializer() {
            @Override
            public Object deserializeKey(String key, DeserializationContext ctxt) {
              return SharedStrings.of(key);
            }
          });
      return module;
    }
  }

  /** YAML texts parsed so far, by {@link #read} and {@link #readTrees}. */
  private static final LongAdder TEXT_PARSES = new LongAdder();

  private PolicyYaml() {}

  /**
   * How many YAML texts this class has parsed since the JVM started; lets tests check that each
   * emitted document is read back once.
   */
  public static long textParses() {
    return TEXT_PARSES.sum();
  }

  /**
   * One document, without a {@code ---} marker. {@link YamlWriter} writes it from the model; what
   * that writer leaves out (documents read from YAML with unusual content) Jackson writes.
   */
  public static String write(CiliumPolicy policy) {
    return YamlWriter.write(policy).orElseGet(() -> jacksonWrite(policy));
  }

  /** One document written by the Jackson mapper, the reference for {@link YamlWriter}. */
  static String jacksonWrite(CiliumPolicy policy) {
    return Jackson.MAPPER.writeValueAsString(policy);
  }

  /** Several documents as one stream separated by {@code ---} lines. */
  public static String writeStream(List<CiliumPolicy> policies) {
    StringBuilder out = new StringBuilder();
    for (CiliumPolicy policy : policies) {
      out.append("---\n").append(write(policy));
    }
    return out.toString();
  }

  /** The JSON tree of a policy, as schema validation sees it. */
  public static JsonNode toTree(CiliumPolicy policy) {
    return Jackson.MAPPER.valueToTree(policy);
  }

  /** Reads one document. */
  public static CiliumPolicy read(String yaml) {
    TEXT_PARSES.increment();
    return Jackson.MAPPER.readValue(yaml, CiliumPolicy.class);
  }

  /** Reads a tree into the model. */
  public static CiliumPolicy fromTree(JsonNode node) {
    return TreeModel.read(node).orElseGet(() -> jacksonFromTree(node));
  }

  /** {@link #fromTree} with the Jackson mapper, the reference for {@link TreeModel}. */
  static CiliumPolicy jacksonFromTree(JsonNode node) {
    return Jackson.MAPPER.treeToValue(node, CiliumPolicy.class);
  }

  /**
   * Reads every document of a {@code ---} separated stream as trees: from the YAML parser's events
   * ({@link EventTrees}) when the text holds only what the writers write, else with Jackson.
   */
  public static List<JsonNode> readTrees(String yaml) {
    TEXT_PARSES.increment();
    // EventTrees refuses empty and null documents, which Jackson's path leaves out.
    return EventTrees.read(yaml).orElseGet(() -> jacksonTrees(yaml));
  }

  /** {@link #readTrees} with Jackson's YAML parser, the reference for {@link EventTrees}. */
  static List<JsonNode> jacksonTrees(String yaml) {
    List<JsonNode> docs = new ArrayList<>();
    try (var it = Jackson.MAPPER.readerFor(JsonNode.class).<JsonNode>readValues(yaml)) {
      while (it.hasNextValue()) {
        JsonNode node = it.nextValue();
        if (node != null && !node.isNull() && !node.isMissingNode()) {
          docs.add(node);
        }
      }
    }
    return docs;
  }
}
