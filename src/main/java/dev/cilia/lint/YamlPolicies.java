package dev.cilia.lint;

import dev.cilia.cilium.PolicyYaml;
import dev.cilia.cilium.Target;
import dev.cilia.cilium.admission.AgentChecks;
import dev.cilia.cilium.admission.AgentViolation;
import dev.cilia.cilium.model.CiliumPolicy;
import dev.cilia.cilium.model.RuleView;
import dev.cilia.diag.Code;
import dev.cilia.diag.Diagnostic;
import dev.cilia.source.SourceFile;
import dev.cilia.source.Span;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads existing CNP/CCNP YAML (streams, {@code kind: List}) for {@code explain}, {@code test},
 * {@code import} and {@code diff}: each policy with where its rules are, so a verdict can name the
 * YAML line that decided it. Other kinds are skipped silently; a policy that cannot be read is
 * CIL0701, one the agent would ignore is CIL0702 and is left out, as Cilium leaves it out.
 */
public final class YamlPolicies {
  private YamlPolicies() {}

  /**
   * One policy read from a file.
   *
   * @param origins the span of each rule path as the evaluator names it ({@code egress[3]}, {@code
   *     egress[3].toPorts[0]}, {@code specs[1].ingressDeny[0]}, {@code enableDefaultDeny.egress})
   */
  public record Read(
      SourceFile file, CiliumPolicy policy, JsonNode tree, Span span, Map<String, Span> origins) {
    public String qualifiedName() {
      return policy.qualifiedName();
    }

    /** The span of a rule path, else of its nearest enclosing path, else of the policy. */
    public Span at(String path) {
      String p = path;
      while (!p.isEmpty()) {
        Span s = origins.get(p);
        if (s != null) {
          return s;
        }
        int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
        p = cut < 0 ? "" : p.substring(0, cut);
      }
      return span;
    }
  }

  /** The policies in order, and the problems. */
  public record Result(List<Read> policies, List<Diagnostic> diagnostics) {
    public Result {
      policies = List.copyOf(policies);
      diagnostics = List.copyOf(diagnostics);
    }
  }

  /** Reads every file; policies the {@code target} agent rejects are left out with CIL0702. */
  public static Result read(List<SourceFile> files, Target target) {
    List<Read> policies = new ArrayList<>();
    List<Diagnostic> diagnostics = new ArrayList<>();
    for (SourceFile file : files) {
      YamlLoader.Loaded loaded = YamlLoader.load(file);
      diagnostics.addAll(loaded.diagnostics());
      for (YamlLoader.Document d : loaded.documents()) {
        objects(file, d.root(), d.locations(), "", target, policies, diagnostics);
      }
    }
    return new Result(policies, diagnostics);
  }

  private static void objects(
      SourceFile file,
      JsonNode node,
      Locations locations,
      String base,
      Target target,
      List<Read> out,
      List<Diagnostic> diagnostics) {
    if (node == null || !node.isObject()) {
      return;
    }
    JsonNode kind = node.get("kind");
    if (kind == null || !kind.isString()) {
      return;
    }
    String k = kind.stringValue();
    if (k.equals(CiliumPolicy.KIND_NAMESPACED) || k.equals(CiliumPolicy.KIND_CLUSTERWIDE)) {
      policy(file, (ObjectNode) node, locations, base, target, out, diagnostics);
      return;
    }
    JsonNode items = node.get("items");
    if (k.endsWith("List") && items != null && items.isArray()) {
      for (int i = 0; i < items.size(); i++) {
        objects(file, items.get(i), locations, base + "/items/" + i, target, out, diagnostics);
      }
    }
  }

  private static void policy(
      SourceFile file,
      ObjectNode node,
      Locations locations,
      String base,
      Target target,
      List<Read> out,
      List<Diagnostic> diagnostics) {
    Span whole = locations.at(base);
    ObjectNode tree = node.deepCopy();
    tree.remove("status");
    CiliumPolicy model;
    try {
      model = PolicyYaml.fromTree(tree);
    } catch (RuntimeException e) {
      diagnostics.add(
          Diagnostic.of(
              Code.CIL0701,
              whole,
              "cannot read this " + node.get("kind").stringValue() + ": " + firstLine(e),
              "run `ciliac lint` on the file for the field that is wrong"));
      return;
    }
    if (model.metadata() == null
        || model.metadata().getName() == null
        || model.metadata().getName().isEmpty()) {
      diagnostics.add(
          Diagnostic.of(
              Code.CIL0701,
              whole,
              "cannot read this policy: it has no `metadata.name`",
              "give the policy a name"));
      return;
    }
    if (!model.isClusterwide()
        && (model.metadata().getNamespace() == null || model.metadata().getNamespace().isEmpty())) {
      // kubectl puts a policy without a namespace into the context's namespace.
      model.metadata().setNamespace("default");
    }
    List<AgentViolation> violations = AgentChecks.check(target, model);
    if (!violations.isEmpty()) {
      AgentViolation v = violations.get(0);
      diagnostics.add(
          Diagnostic.of(
              Code.CIL0702,
              locations.at(base + v.path()),
              "left out `"
                  + model.qualifiedName()
                  + "`: the Cilium "
                  + target
                  + " agent ignores this whole policy (\""
                  + v.message()
                  + "\")",
              "`ciliac lint` lists every problem of the policy"));
      return;
    }
    Map<String, Span> origins = new LinkedHashMap<>();
    for (String rule : RuleView.pointers(node)) {
      walk(node.at(rule), RuleView.ruleName(rule), base + rule, locations, origins);
    }
    out.add(new Read(file, model, tree, whole, origins));
  }

  private static void walk(
      JsonNode node, String path, String pointer, Locations locations, Map<String, Span> out) {
    if (!path.isEmpty()) {
      out.put(path, locations.at(pointer));
    }
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        String key = e.getKey();
        walk(
            e.getValue(),
            path.isEmpty() ? key : path + "." + key,
            pointer + "/" + Locations.escape(key),
            locations,
            out);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), path + "[" + i + "]", pointer + "/" + i, locations, out);
      }
    }
  }

  private static String firstLine(RuntimeException e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
