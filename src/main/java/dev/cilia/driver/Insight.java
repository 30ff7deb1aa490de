package dev.cilia.driver;

import dev.cilia.cilium.Target;
import dev.cilia.emit.Emitted;
import dev.cilia.source.Span;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/** What a compiled statement became, for an editor's hover: its rules as YAML, the proof. */
public final class Insight {
  private static final Pattern PATH = Pattern.compile("(\\w+)\\[(\\d+)]");
  private static final YAMLMapper YAML =
      YAMLMapper.builder()
          .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
          .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
          .enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
          .disable(YAMLWriteFeature.SPLIT_LINES)
          .build();

  private Insight() {}

  /**
   * One rule item a statement produced: the document's file name, the item's path in {@code spec}
   * (such as {@code egress[1]}), and the item as YAML under its section ({@code egress:\n- …}).
   */
  public record Rule(String fileName, String path, String yaml, Span origin) {}

  /**
   * The rule items of the compiled documents whose statement holds {@code offset} of {@code file}.
   */
  public static List<Rule> rulesAt(Compilation.Outcome outcome, Path file, int offset) {
    Path key = Buffers.key(file);
    List<Rule> out = new ArrayList<>();
    for (Emitted emitted : outcome.documents()) {
      JsonNode spec = null;
      for (Map.Entry<String, Span> origin : emitted.origins().entrySet()) {
        Span span = origin.getValue();
        if (!Buffers.key(span.file().path()).equals(key)
            || offset < span.start()
            || offset > span.end()) {
          continue;
        }
        Matcher m = PATH.matcher(origin.getKey());
        if (!m.matches()) {
          continue;
        }
        if (spec == null) {
          spec = emitted.tree().path("spec");
        }
        JsonNode item = spec.path(m.group(1)).path(Integer.parseInt(m.group(2)));
        if (item.isMissingNode()) {
          continue;
        }
        ObjectNode wrapper = JsonNodeFactory.instance.objectNode();
        wrapper.putArray(m.group(1)).add(item);
        out.add(
            new Rule(emitted.fileName(), origin.getKey(), YAML.writeValueAsString(wrapper), span));
      }
    }
    return out;
  }

  /** The proof's counts in one line, or empty when the prove stage did not run. */
  public static String proofSummary(Compilation.Outcome outcome) {
    var proof = outcome.proof();
    int total = proof.proved() + proof.unknown() + proof.skipped();
    if (total == 0) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    out.append(proof.proved()).append(" of ").append(total).append(" declared flows proven");
    if (proof.unknown() > 0) {
      out.append(", ").append(proof.unknown()).append(" undecided");
    }
    if (proof.skipped() > 0) {
      out.append(", ").append(proof.skipped()).append(" without a representative endpoint");
    }
    return out.toString();
  }

  /** What compiling for {@code version} changes in the emitted policies; empty if unsupported. */
  public static List<String> targetNotes(String version) {
    Target target = Target.parse(version).orElse(null);
    if (target == null) {
      return List.of();
    }
    List<String> notes = new ArrayList<>();
    notes.add(
        target.hasEndPort()
            ? "port ranges are emitted as `port` + `endPort`"
            : "port ranges are expanded into single ports (no `endPort` before 1.16)");
    notes.add(
        target.hasEnableDefaultDeny()
            ? "a direction without `enforce` stays open with `enableDefaultDeny: false`"
            : "a direction without `enforce` stays open with an allow-all item `toEntities: [all]`"
                + " (CIL0306)");
    notes.add(
        target.namespaceLabelPeersCrossNamespaces()
            ? "`namespaces` peers in a namespaced policy reach other namespaces"
            : "`namespaces` peers in a namespaced policy match only its own namespace"
                + " (cilium#30149)");
    notes.add(
        target.acceptsToServicesWithPorts()
            ? "`toServices` may carry ports"
            : "`toServices` with ports is rejected by the agent");
    notes.add(target.hasSctp() ? "SCTP ports are accepted" : "no SCTP ports");
    notes.add(
        target.rejectsDnsPortRanges()
            ? "DNS rules on a port range are rejected"
            : "DNS rules on a port range are accepted");
    notes.add(
        target.hasCrdLevelChecks()
            ? "the API server checks CIDR formats, 40-item caps and FQDN patterns"
            : "no CRD-level checks in the API server; ciliac checks what the agent would");
    if (target.hasLog()) {
      notes.add("rules may carry a `log` field");
    }
    return notes;
  }
}
