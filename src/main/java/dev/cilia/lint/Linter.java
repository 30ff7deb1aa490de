package dev.cilia.lint;

import dev.cilia.cilium.PolicyYaml;
import dev.cilia.cilium.Target;
import dev.cilia.cilium.admission.Admission;
import dev.cilia.cilium.admission.Violation;
import dev.cilia.cilium.model.CiliumPolicy;
import dev.cilia.diag.Code;
import dev.cilia.diag.Diagnostic;
import dev.cilia.diag.Diagnostics;
import dev.cilia.source.SourceFile;
import dev.cilia.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code ciliac lint}: checks CNP/CCNP YAML that was not written in Cilia (multi-document streams,
 * {@code kubectl get -o yaml} lists) for one target, as the API server and the agent would, and
 * warns about the pitfalls of CILIUM-POLICY.md §5. Diagnostics point into the YAML; docs/lint.md
 * lists them.
 */
public final class Linter {
  /** The metadata fields the API server keeps from a client; the rest is filled in by it. */
  private static final Set<String> CLIENT_METADATA =
      Set.of("name", "namespace", "labels", "annotations");

  /** The fields of a Kubernetes {@code ObjectMeta}; {@code kubectl apply} refuses any other. */
  private static final Set<String> OBJECT_META =
      Set.of(
          "name",
          "generateName",
          "namespace",
          "selfLink",
          "uid",
          "resourceVersion",
          "generation",
          "creationTimestamp",
          "deletionTimestamp",
          "deletionGracePeriodSeconds",
          "labels",
          "annotations",
          "ownerReferences",
          "finalizers",
          "managedFields");

  /** The diagnostics of a run, sorted, and how many policy objects were found. */
  public record Result(List<Diagnostic> diagnostics, int policies) {
    public Result {
      diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
      return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
  }

  /** One policy object of the input, and where its fields are. */
  record Input(SourceFile file, JsonNode tree, Locations locations, String base) {
    /** The span of a JSON pointer relative to this object. */
    Span at(String pointer) {
      return locations.at(base + pointer);
    }
  }

  private final Target target;
  private final Diagnostics diagnostics = new Diagnostics();
  private final List<FlowChecks.Accepted> accepted = new ArrayList<>();
  private final Skipped skipped = new Skipped();
  private int policies;

  private Linter(Target target) {
    this.target = target;
  }

  /** Lints every file for {@code target}; policies of all files are evaluated together. */
  public static Result lint(List<SourceFile> files, Target target) {
    Linter linter = new Linter(target);
    for (SourceFile file : files) {
      linter.file(file);
    }
    FlowChecks.check(target, linter.accepted, linter.diagnostics);
    linter.skipped.summary().ifPresent(linter.diagnostics::add);
    return new Result(linter.diagnostics.sorted(), linter.policies);
  }

  private void file(SourceFile file) {
    YamlLoader.Loaded loaded = YamlLoader.load(file);
    diagnostics.addAll(loaded.diagnostics());
    for (YamlLoader.Document document : loaded.documents()) {
      objects(file, document.root(), document.locations(), "");
    }
  }

  /** Policies, lists of them, and what else a stream may hold (CIL0504). */
  private void objects(SourceFile file, JsonNode node, Locations locations, String base) {
    if (node.isNull()) {
      return;
    }
    if (!node.isObject()) {
      skipped.add(locations.at(base), "not a Kubernetes object");
      return;
    }
    java.util.Optional<String> monitoringKind = MonitoringKinds.kindOf(node);
    if (monitoringKind.isPresent()) {
      MonitoringKinds.check(monitoringKind.get(), node, locations, base, diagnostics);
      return;
    }
    JsonNode kind = node.get("kind");
    if (kind == null || !kind.isString()) {
      skipped.add(locations.at(base), "without `kind`");
      return;
    }
    String k = kind.stringValue();
    if (k.equals(CiliumPolicy.KIND_NAMESPACED) || k.equals(CiliumPolicy.KIND_CLUSTERWIDE)) {
      policy(new Input(file, node, locations, base));
      return;
    }
    JsonNode items = node.get("items");
    if (k.endsWith("List") && items != null && items.isArray()) {
      for (int i = 0; i < items.size(); i++) {
        objects(file, items.get(i), locations, base + "/items/" + i);
      }
      return;
    }
    skipped.add(locations.at(base + "/kind"), "`" + k + "`");
  }

  private void policy(Input input) {
    policies++;
    List<Diagnostic> pitfalls = new ArrayList<>();
    Pitfalls claims = new Pitfalls(target, input, pitfalls);
    List<TreeScreen.Problem> unfit = TreeScreen.problems(input.tree());
    for (TreeScreen.Problem p : unfit) {
      diagnostics.add(
          Diagnostic.of(
              Code.CIL0505,
              input.at(p.pointer()),
              "fails the Cilium " + target + " schema at `" + p.pointer() + "`: " + p.message(),
              "the API server refuses a value its CRD cannot hold"));
    }
    if (!unfit.isEmpty()) {
      return;
    }
    boolean schemaErrors = unknownMetadata(input);
    for (Violation problem : Admission.schema(target, asSubmitted(input.tree()))) {
      if (claims.claims(problem)) {
        continue;
      }
      schemaErrors = true;
      diagnostics.add(
          Diagnostic.of(
              Code.CIL0505,
              input.at(problem.path()),
              "fails the Cilium "
                  + target
                  + " schema at `"
                  + problem.pointer()
                  + "`: "
                  + problem.message(),
              "the API server refuses or prunes what its CRD does not allow (docs/schemas.md)"));
    }
    try {
      afterSchema(input, claims, pitfalls, schemaErrors);
    } catch (RuntimeException e) {
      // The checks after the schema read what the schema allows; on a document it refuses (a null
      // item, a string where a list goes) the schema's diagnostic is the one that counts.
      if (!schemaErrors) {
        throw e;
      }
    }
  }

  private void afterSchema(
      Input input, Pitfalls claims, List<Diagnostic> pitfalls, boolean schemaErrors) {
    CiliumPolicy model;
    try {
      model = PolicyYaml.fromTree(input.tree());
    } catch (RuntimeException e) {
      if (!schemaErrors) {
        diagnostics.add(
            Diagnostic.of(
                Code.CIL0505,
                input.at(""),
                "cannot be read as a Cilium policy: "
                    + withoutClassNames(firstLine(e.getMessage()))));
      }
      return;
    }
    claims.check(model);
    boolean agentErrors = false;
    for (Violation v : Admission.agent(target, model)) {
      if (claims.claims(v)) {
        continue;
      }
      agentErrors = true;
      Diagnostic d =
          AgentHints.hint(v)
              .map(hint -> Diagnostic.of(Code.CIL0506, input.at(v.path()), agentMessage(v), hint))
              .orElseGet(() -> Diagnostic.of(Code.CIL0506, input.at(v.path()), agentMessage(v)));
      diagnostics.add(d);
    }
    diagnostics.addAll(pitfalls);
    // A pitfall that is an error (CIL0511, CIL0519) is a refusal too: out of the checks across.
    boolean refused = pitfalls.stream().anyMatch(Diagnostic::isError);
    if (!agentErrors && !schemaErrors && !refused) {
      accepted.add(new FlowChecks.Accepted(input, model));
    }
  }

  private String agentMessage(Violation v) {
    return "the Cilium "
        + target
        + " agent ignores this whole policy ("
        + v.code()
        + "): \""
        + v.message()
        + "\"";
  }

  /** Metadata fields that no Kubernetes object has (a typo such as {@code lables}). */
  private boolean unknownMetadata(Input input) {
    JsonNode metadata = input.tree().get("metadata");
    if (metadata == null || !metadata.isObject()) {
      return false;
    }
    boolean found = false;
    for (String name : metadata.propertyNames()) {
      if (!OBJECT_META.contains(name)) {
        found = true;
        String pointer = "/metadata/" + Locations.escape(name);
        diagnostics.add(
            Diagnostic.of(
                Code.CIL0505,
                input.at(pointer),
                "`metadata` has no field `"
                    + name
                    + "`: `kubectl apply` refuses the object (unknown field"
                    + " \"metadata."
                    + name
                    + "\")",
                "the fields of `metadata` that a client sets are `name`, `namespace`, `labels`"
                    + " and `annotations`"));
      }
    }
    return found;
  }

  /**
   * The object as the API server validates it: {@code status} and the metadata it fills in itself
   * ({@code uid}, {@code resourceVersion}, {@code managedFields}, …, as in {@code kubectl get -o
   * yaml}) are not the client's to check.
   */
  private static JsonNode asSubmitted(JsonNode tree) {
    ObjectNode copy = ((ObjectNode) tree).deepCopy();
    copy.remove("status");
    JsonNode metadata = copy.get("metadata");
    if (metadata instanceof ObjectNode m) {
      List<String> drop = new ArrayList<>();
      for (String name : m.propertyNames()) {
        if (!CLIENT_METADATA.contains(name)) {
          drop.add(name);
        }
      }
      drop.forEach(m::remove);
    }
    return copy;
  }

  /** A library message without Java type names: {@code `dev.cilia.x.PortRule`} reads "a value". */
  static String withoutClassNames(String text) {
    return text.replaceAll("`?\\b(?:[a-z_][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*`?", "a value")
        .replaceAll("\\(class [^)]*\\)", "");
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "unreadable content";
    }
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
