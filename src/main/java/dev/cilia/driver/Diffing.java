package dev.cilia.driver;

import dev.cilia.cilium.PolicyYaml;
import dev.cilia.cilium.Target;
import dev.cilia.cilium.model.CiliumPolicy;
import dev.cilia.diag.Diagnostic;
import dev.cilia.diag.Related;
import dev.cilia.emit.Emitted;
import dev.cilia.eval.RuleRef;
import dev.cilia.eval.Verdict;
import dev.cilia.lift.Comparison;
import dev.cilia.lift.FlowSet;
import dev.cilia.source.SourceFile;
import dev.cilia.source.Span;
import dev.cilia.verify.PolicySet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code ciliac diff OLD NEW}: reads or compiles both sides, decides the flows that tell the
 * changed policies apart under each, and groups those whose verdict changes by workload, direction
 * and peer (docs/diff.md).
 */
public final class Diffing {
  private Diffing() {}

  /** A deciding rule and where it is: a {@code .cilia} statement or a YAML line. */
  public record Rule(String rule, String place, String line) {}

  /**
   * Flows of one workload, direction and peer whose outcome went from {@code before} to {@code
   * after}; {@code example} is a representative, with the rules that decided it on each side.
   */
  public record Group(
      String workload,
      String direction,
      String peer,
      String before,
      String after,
      int flows,
      String example,
      List<Rule> oldRules,
      List<Rule> newRules) {}

  /** What a diff found; {@code errors} when a side did not compile or read. */
  public record Outcome(
      List<Diagnostic> diagnostics,
      List<Group> groups,
      int changedPolicies,
      int flows,
      Target target,
      String oldName,
      String newName) {
    public boolean hasErrors() {
      return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
  }

  /** One side: a path, or {@code git:REF} meaning the other side's path at that revision. */
  public static Outcome run(
      String oldSide, String newSide, boolean recursive, Optional<Target> cilium)
      throws InputError {
    boolean oldGit = oldSide.startsWith("git:");
    boolean newGit = newSide.startsWith("git:");
    if (oldGit && newGit) {
      throw new InputError("only one side may be `git:REF`; the other names the paths");
    }
    List<Path> temporaries = new ArrayList<>();
    try {
      Path oldPath;
      Path newPath;
      Map<String, String> rename = new LinkedHashMap<>();
      if (oldGit) {
        newPath = Path.of(newSide);
        oldPath = fromGit(oldSide.substring(4), newPath, temporaries, rename);
      } else if (newGit) {
        oldPath = Path.of(oldSide);
        newPath = fromGit(newSide.substring(4), oldPath, temporaries, rename);
      } else {
        oldPath = Path.of(oldSide);
        newPath = Path.of(newSide);
      }
      PolicySources.Loaded after =
          PolicySources.load(
              new Compilation.Options(
                  List.of(newPath), recursive, root(newPath, temporaries), cilium));
      Target target = cilium.orElse(after.target());
      PolicySources.Loaded before =
          PolicySources.load(
              new Compilation.Options(
                  List.of(oldPath), recursive, root(oldPath, temporaries), cilium));
      List<Diagnostic> diagnostics = new ArrayList<>();
      Map<SourceFile, SourceFile> shown = new java.util.IdentityHashMap<>();
      for (Diagnostic d : before.diagnostics()) {
        diagnostics.add(renamed(d, rename, shown));
      }
      for (Diagnostic d : after.diagnostics()) {
        diagnostics.add(renamed(d, rename, shown));
      }
      if (before.hasErrors() || after.hasErrors()) {
        return new Outcome(diagnostics, List.of(), 0, 0, target, oldSide, newSide);
      }
      Outcome o = compare(before.documents(), after.documents(), target, oldSide, newSide);
      List<Group> groups = new ArrayList<>();
      for (Group g : o.groups()) {
        groups.add(
            new Group(
                g.workload(),
                g.direction(),
                g.peer(),
                g.before(),
                g.after(),
                g.flows(),
                g.example(),
                renamed(g.oldRules(), rename),
                renamed(g.newRules(), rename)));
      }
      return new Outcome(
          diagnostics, groups, o.changedPolicies(), o.flows(), target, oldSide, newSide);
    } finally {
      for (Path t : temporaries) {
        Folders.deleteQuietly(t);
      }
    }
  }

  /**
   * The diff of two sets of documents for {@code target}: flows are generated from the policies
   * whose YAML differs (or that exist on one side only), since only pods they select can change.
   */
  public static Outcome compare(
      List<Emitted> before, List<Emitted> after, Target target, String oldName, String newName) {
    Map<String, String> oldYaml = byName(before);
    Map<String, String> newYaml = byName(after);
    Set<String> names = new LinkedHashSet<>(oldYaml.keySet());
    names.addAll(newYaml.keySet());
    List<CiliumPolicy> changed = new ArrayList<>();
    int count = 0;
    for (String name : names) {
      String a = oldYaml.get(name);
      String b = newYaml.get(name);
      if (a != null && a.equals(b)) {
        continue;
      }
      count++;
      if (a != null) {
        changed.add(PolicyYaml.read(a));
      }
      if (b != null) {
        changed.add(PolicyYaml.read(b));
      }
    }
    FlowSet flows = FlowSet.of(changed);
    PolicySet oldSet = PolicySet.of(target, before);
    PolicySet newSet = PolicySet.of(target, after);
    List<Comparison.Change> changes = Comparison.compare(flows, oldSet, newSet);
    Map<List<String>, List<Comparison.Change>> grouped = new LinkedHashMap<>();
    for (Comparison.Change c : changes) {
      List<String> key =
          List.of(
              PolicySet.describe(c.workload()),
              c.direction(),
              c.peer(),
              Comparison.outcome(c.before()),
              Comparison.outcome(c.after()));
      grouped.computeIfAbsent(key, k -> new ArrayList<>()).add(c);
    }
    List<Group> groups = new ArrayList<>();
    grouped.forEach(
        (key, list) -> {
          Comparison.Change first = list.get(0);
          groups.add(
              new Group(
                  key.get(0),
                  key.get(1),
                  key.get(2),
                  key.get(3),
                  key.get(4),
                  list.size(),
                  first.describe(),
                  rules(first.before(), oldSet),
                  rules(first.after(), newSet)));
        });
    groups.sort(
        Comparator.comparing(Group::workload)
            .thenComparing(Group::direction)
            .thenComparing(Group::peer)
            .thenComparing(Group::before));
    return new Outcome(List.of(), groups, count, flows.size(), target, oldName, newName);
  }

  private static Map<String, String> byName(List<Emitted> documents) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Emitted d : documents) {
      out.merge(d.policy().qualifiedName(), d.yaml(), (x, y) -> x + "---\n" + y);
    }
    return out;
  }

  private static List<Rule> rules(Verdict v, PolicySet set) {
    List<Rule> out = new ArrayList<>();
    for (RuleRef r : v.rules()) {
      Optional<Span> at = set.origin(r);
      out.add(
          new Rule(
              r.toString(), at.map(Span::location).orElse(""), at.map(PolicySet::line).orElse("")));
    }
    return out;
  }

  private static List<Rule> renamed(List<Rule> rules, Map<String, String> rename) {
    List<Rule> out = new ArrayList<>();
    for (Rule r : rules) {
      String place = r.place();
      for (Map.Entry<String, String> e : rename.entrySet()) {
        if (place.startsWith(e.getKey())) {
          place = e.getValue() + place.substring(e.getKey().length());
        }
      }
      out.add(new Rule(r.rule(), place, r.line()));
    }
    return out;
  }

  /** A diagnostic of a {@code git:REF} side, with its files named {@code git:REF:path}. */
  private static Diagnostic renamed(
      Diagnostic d, Map<String, String> rename, Map<SourceFile, SourceFile> shown) {
    List<Related> related = new ArrayList<>();
    for (Related r : d.related()) {
      related.add(new Related(renamed(r.span(), rename, shown), r.message()));
    }
    return new Diagnostic(
        d.code(), d.severity(), renamed(d.span(), rename, shown), d.message(), d.hint(), related);
  }

  private static Span renamed(
      Span span, Map<String, String> rename, Map<SourceFile, SourceFile> shown) {
    SourceFile file =
        shown.computeIfAbsent(
            span.file(),
            f -> {
              String name = f.displayName();
              for (Map.Entry<String, String> e : rename.entrySet()) {
                if (name.startsWith(e.getKey())) {
                  return new SourceFile(
                      f.path(), e.getValue() + name.substring(e.getKey().length()), f.text());
                }
              }
              return f;
            });
    return file == span.file() ? span : new Span(file, span.start(), span.end());
  }

  private static Optional<Path> root(Path side, List<Path> temporaries) {
    for (Path t : temporaries) {
      if (side.toAbsolutePath().normalize().startsWith(t)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /**
   * Writes the files under {@code path} as they are at {@code ref} into a temporary folder, with
   * {@code git ls-tree} and {@code git show} (no checkout), and returns the same path inside it.
   */
  static Path fromGit(String ref, Path path, List<Path> temporaries, Map<String, String> rename)
      throws InputError {
    if (ref.isEmpty() || ref.startsWith("-")) {
      throw new InputError("expected git:REF such as git:HEAD~1, found `git:" + ref + "`");
    }
    Path abs = path.toAbsolutePath().normalize();
    Path dir = Files.isDirectory(abs) ? abs : abs.getParent();
    String top = git(dir, "rev-parse", "--show-toplevel").strip();
    Path repo = Path.of(top).toAbsolutePath().normalize();
    Path real;
    try {
      real = abs.toRealPath();
      repo = repo.toRealPath();
    } catch (IOException e) {
      real = abs;
    }
    String rel = repo.relativize(real).toString();
    String listing =
        git(repo, "ls-tree", "-r", "--name-only", ref, "--", rel.isEmpty() ? "." : rel);
    Path temp;
    try {
      temp = Files.createTempDirectory("ciliac-diff").toAbsolutePath().normalize();
    } catch (IOException e) {
      throw new InputError("cannot create a temporary folder: " + Inputs.reason(e));
    }
    temporaries.add(temp);
    int files = 0;
    for (String name : listing.split("\n")) {
      if (name.isBlank()
          || !(name.endsWith(".cilia") || name.endsWith(".yaml") || name.endsWith(".yml"))) {
        continue;
      }
      String text = git(repo, "show", ref + ":" + name);
      try {
        Path out = temp.resolve(name).normalize();
        if (!out.startsWith(temp)) {
          continue;
        }
        Files.createDirectories(out.getParent());
        Files.writeString(out, text, StandardCharsets.UTF_8);
        files++;
      } catch (IOException e) {
        throw new InputError("cannot write a temporary file: " + Inputs.reason(e));
      }
    }
    Path side = temp.resolve(rel.isEmpty() ? "." : rel).normalize();
    if (files == 0 || !Files.exists(side)) {
      throw new InputError("no .cilia or YAML files under " + path + " at git:" + ref);
    }
    String shown = Inputs.display(temp);
    rename.put(shown + "/", "git:" + ref + ":");
    rename.put(temp + "/", "git:" + ref + ":");
    return side;
  }

  private static String git(Path dir, String... args) throws InputError {
    List<String> command = new ArrayList<>();
    command.add("git");
    command.add("-C");
    command.add(dir.toString());
    command.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readAllBytes();
      byte[] err = p.getErrorStream().readAllBytes();
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        String message = new String(err, StandardCharsets.UTF_8).strip();
        int nl = message.indexOf('\n');
        throw new InputError(
            "git " + args[0] + " failed: " + (nl < 0 ? message : message.substring(0, nl)));
      }
      return new String(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InputError("cannot run git: " + Inputs.reason(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InputError("interrupted while running git");
    }
  }
}
