package dev.cilia.emit;

import dev.cilia.cilium.PolicyYaml;
import dev.cilia.cilium.Target;
import dev.cilia.cilium.model.CiliumPolicy;
import dev.cilia.ir.Policy;
import dev.cilia.source.Span;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * One emitted document as every later stage sees it: the YAML bytes that are written, the same
 * bytes read back once as a JSON tree (what validation checks) and as the Cilium model bound from
 * that tree (what the proof, {@code test} and {@code explain} evaluate), the IR policy that says
 * what to ask, its target, and for each rule item path ({@code egress[3]}) the statement that
 * produced it. Nothing after this stage reads the lowered objects or parses the YAML again.
 *
 * <p>The tree is the largest of these (about ten times the YAML's size), and only validation needs
 * it: {@link #validated()} drops it, and {@link #tree()} then reads the bytes again (an editor's
 * hover does; compile, test and explain do not).
 *
 * @param readTree the tree read back at emit, until {@link #validated()}
 */
public record Emitted(
    Policy policy,
    Target target,
    String fileName,
    String yaml,
    Optional<JsonNode> readTree,
    CiliumPolicy model,
    Map<String, Span> origins) {
  public Emitted {
    origins = Origins.of(origins);
  }

  /** The document's JSON tree: the one read back at emit, or the bytes read again after it. */
  public JsonNode tree() {
    return readTree.orElseGet(() -> PolicyYaml.readTrees(yaml).get(0));
  }

  /** The same document without its tree, once validation has checked it. */
  public Emitted validated() {
    return new Emitted(policy, target, fileName, yaml, Optional.empty(), model, origins);
  }

  /**
   * Reads {@code yaml} back, once, into its tree and model.
   *
   * @throws IllegalStateException when the text is not exactly one document (a compiler bug)
   */
  public static Emitted readBack(
      Policy policy, Target target, String fileName, String yaml, Map<String, Span> origins) {
    List<JsonNode> trees = PolicyYaml.readTrees(yaml);
    if (trees.size() != 1) {
      throw new IllegalStateException(
          fileName + " holds " + trees.size() + " YAML documents, expected one");
    }
    JsonNode tree = trees.get(0);
    return new Emitted(
        policy, target, fileName, yaml, Optional.of(tree), PolicyYaml.fromTree(tree), origins);
  }

  /** The same document with other bytes, read back again (for tests of the proof). */
  public Emitted withYaml(String text) {
    return readBack(policy, target, fileName, text, origins);
  }
}
