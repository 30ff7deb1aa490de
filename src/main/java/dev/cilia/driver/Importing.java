package dev.cilia.driver;

import dev.cilia.cilium.Target;
import dev.cilia.diag.Code;
import dev.cilia.diag.Diagnostic;
import dev.cilia.emit.Emitted;
import dev.cilia.lift.Comparison;
import dev.cilia.lift.FlowSet;
import dev.cilia.lift.Importer;
import dev.cilia.lint.YamlPolicies;
import dev.cilia.verify.PolicySet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code ciliac import}: reads CNP/CCNP YAML, writes Cilia for it, compiles that back, and checks
 * on a generated flow set per policy that both decide every flow alike (docs/import.md).
 */
public final class Importing {
  private Importing() {}

  /** The self-check of one YAML policy: flows decided, and those that differ. */
  public record Check(
      String policy, String place, int flows, int todos, List<Comparison.Change> differ) {
    public Check {
      differ = List.copyOf(differ);
    }
  }

  /**
   * The {@code .cilia} texts by output file name, every diagnostic, and the checks; {@code
   * complete} when every policy round-trips with equal verdicts and nothing was left out.
   */
  public record Outcome(
      Map<String, String> files, List<Diagnostic> diagnostics, List<Check> checks, Target target) {
    public Outcome {
      files = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(files));
      diagnostics = List.copyOf(diagnostics);
      checks = List.copyOf(checks);
    }

    public boolean hasErrors() {
      return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    public boolean complete() {
      return !hasErrors()
          && !files.isEmpty()
          && checks.stream().allMatch(c -> c.differ().isEmpty() && c.todos() == 0);
    }

    /** One line per policy, then a summary line. */
    public String report() {
      StringBuilder out = new StringBuilder();
      int same = 0;
      for (Check c : checks) {
        out.append(c.differ().isEmpty() ? "same " : "DIFFERS ")
            .append(c.policy())
            .append(" (")
            .append(c.place())
            .append("): ");
        if (c.differ().isEmpty()) {
          same++;
          out.append(String.format(Locale.ROOT, "%,d flows decided alike", c.flows()));
        } else {
          out.append(
              String.format(Locale.ROOT, "%,d of %,d flows differ", c.differ().size(), c.flows()));
          Comparison.Change first = c.differ().get(0);
          out.append("; e.g. ")
              .append(first.describe())
              .append(": YAML ")
              .append(Comparison.outcome(first.before()))
              .append(", Cilia ")
              .append(Comparison.outcome(first.after()));
        }
        if (c.todos() > 0) {
          out.append(" [")
              .append(c.todos())
              .append(" TODO")
              .append(c.todos() == 1 ? "" : "s")
              .append(']');
        }
        out.append('\n');
      }
      out.append(
          String.format(
              Locale.ROOT,
              "%d of %d policies round-trip with equal verdicts" + " (Cilium %s)%n",
              same,
              checks.size(),
              target));
      return out.toString();
    }
  }

  /**
   * Imports the YAML inputs of {@code options}.
   *
   * @throws InputError when an input cannot be read or is not YAML
   */
  public static Outcome run(Compilation.Options options) throws InputError {
    PolicySources.Split split = PolicySources.split(options.inputs(), options.recursive());
    if (!split.cilia().isEmpty()) {
      throw new InputError(
          "import reads CiliumNetworkPolicy YAML (.yaml, .yml); not " + split.cilia().get(0));
    }
    PolicySources.Loaded loaded = PolicySources.load(options);
    Target target = loaded.target();
    List<Diagnostic> diagnostics = new ArrayList<>(loaded.diagnostics());
    if (loaded.hasErrors() || loaded.yaml().isEmpty()) {
      if (loaded.yaml().isEmpty() && diagnostics.isEmpty()) {
        throw new InputError(
            "no CiliumNetworkPolicy or CiliumClusterwideNetworkPolicy in the inputs");
      }
      return new Outcome(Map.of(), diagnostics, List.of(), target);
    }
    Importer.Result imported;
    try {
      imported = Importer.run(loaded.yaml(), target);
    } catch (RuntimeException | StackOverflowError e) {
      throw new InternalCompilerError("import", "the YAML policies", e);
    }
    diagnostics.addAll(imported.diagnostics());
    Map<String, String> files = new LinkedHashMap<>();
    Set<String> names = new HashSet<>();
    imported.texts().forEach((yaml, text) -> files.put(outputName(yaml, names), text));
    List<Check> checks = new ArrayList<>();
    Path dir = null;
    try {
      dir = Files.createTempDirectory("ciliac-import");
      List<Path> written = new ArrayList<>();
      for (Map.Entry<String, String> f : files.entrySet()) {
        Path p = dir.resolve(f.getKey());
        Files.writeString(p, f.getValue());
        written.add(p);
      }
      Compilation.Outcome compiled =
          Compilation.run(
              new Compilation.Options(written, false, Optional.of(dir), Optional.of(target)));
      if (compiled.hasErrors()) {
        for (Diagnostic d : compiled.diagnostics()) {
          if (d.isError()) {
            diagnostics.add(
                Diagnostic.of(
                    Code.CIL0704,
                    loaded.yaml().get(0).span(),
                    "the imported program does not compile: "
                        + d.span().file().path().getFileName()
                        + ":"
                        + d.span().line()
                        + ": "
                        + d.message(),
                    "this is a bug of `ciliac import`; the YAML stays the policy of record"));
          }
        }
        return new Outcome(files, diagnostics, checks, target);
      }
      List<Emitted> emitted = compiled.documents();
      PolicySet before = PolicySet.of(target, loaded.documents());
      PolicySet after = PolicySet.of(target, emitted);
      for (YamlPolicies.Read r : loaded.yaml()) {
        FlowSet flows = FlowSet.of(List.of(r.policy()));
        // Cilia's DNS to the resolver is reported by the compile of the imported program
        // (CIL0305), and a flow the evaluator cannot decide under the YAML (a Service peer of
        // another policy) shows no change of meaning; the self-check compares everything else.
        List<Comparison.Change> differ =
            Comparison.compare(flows, before, after).stream()
                .filter(c -> !Comparison.isResolverDns(c))
                .filter(c -> !Comparison.outcome(c.before()).equals("unknown"))
                .toList();
        int todos = imported.todos().getOrDefault(r.qualifiedName(), 0);
        checks.add(new Check(r.qualifiedName(), r.span().location(), flows.size(), todos, differ));
        if (!differ.isEmpty() && todos == 0) {
          Comparison.Change first = differ.get(0);
          diagnostics.add(
              Diagnostic.of(
                  Code.CIL0704,
                  r.span(),
                  "the imported `"
                      + r.qualifiedName()
                      + "` decides "
                      + differ.size()
                      + " flows differently, e.g. "
                      + first.describe()
                      + ": YAML "
                      + Comparison.outcome(first.before())
                      + ", Cilia "
                      + Comparison.outcome(first.after()),
                  "this is a bug of `ciliac import`; the YAML stays the policy of record"));
        }
      }
    } catch (IOException e) {
      throw new InputError("cannot write the self-check files: " + Inputs.reason(e));
    } catch (RuntimeException | StackOverflowError e) {
      throw new InternalCompilerError("import", "the self-check", e);
    } finally {
      Folders.deleteQuietly(dir);
    }
    diagnostics.sort(Diagnostic.ORDER);
    return new Outcome(files, diagnostics, checks, target);
  }

  private static String outputName(String yaml, Set<String> taken) {
    String base = Path.of(yaml).getFileName().toString().replaceAll("\\.ya?ml$", "");
    base = base.toLowerCase(Locale.ROOT).replaceAll("[^-a-z0-9._]", "-");
    String name = base + ".cilia";
    for (int n = 2; !taken.add(name); n++) {
      name = base + "-" + n + ".cilia";
    }
    return name;
  }
}
