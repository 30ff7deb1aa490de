package dev.cilia.driver;

import dev.cilia.cilium.PolicyYaml;
import dev.cilia.cilium.Target;
import dev.cilia.cilium.model.EgressRule;
import dev.cilia.cilium.model.PolicyRule;
import dev.cilia.cilium.model.PortRule;
import dev.cilia.diag.Diagnostic;
import dev.cilia.emit.Emitted;
import dev.cilia.ir.DnsSettings;
import dev.cilia.ir.NamespaceMatch;
import dev.cilia.ir.Peer;
import dev.cilia.ir.Policy;
import dev.cilia.ir.Selector;
import dev.cilia.ir.VersionPin;
import dev.cilia.lint.YamlPolicies;
import dev.cilia.source.SourceFile;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The policies a run evaluates, from {@code .cilia} files (compiled) and from existing CNP/CCNP
 * YAML (read as they are), so {@code explain}, {@code test}, {@code import} and {@code diff} work
 * on either and on both together.
 */
public final class PolicySources {
  private PolicySources() {}

  /** The arguments split by kind: {@code .yaml}/{@code .yml} files, and everything else. */
  public record Split(List<Path> cilia, List<Path> yaml) {
    public Split {
      cilia = List.copyOf(cilia);
      yaml = List.copyOf(yaml);
    }
  }

  /**
   * What was read: the documents to evaluate (compiled ones first), every diagnostic, the
   * compilation when there were {@code .cilia} files, the YAML policies, and the target.
   */
  public record Loaded(
      List<Emitted> documents,
      List<Diagnostic> diagnostics,
      Optional<Compilation.Outcome> compiled,
      List<YamlPolicies.Read> yaml,
      Target target) {
    public Loaded {
      documents = List.copyOf(documents);
      diagnostics = List.copyOf(diagnostics);
      yaml = List.copyOf(yaml);
    }

    public boolean hasErrors() {
      return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
  }

  /** A folder gives its {@code .cilia} and its YAML files; a file counts by its name. */
  public static Split split(List<Path> arguments, boolean recursive) throws InputError {
    Inputs.Found found =
        Inputs.find(arguments, recursive, EnumSet.of(Inputs.Kind.CILIA, Inputs.Kind.YAML));
    return new Split(found.cilia(), found.yaml());
  }

  /** Compiles the {@code .cilia} inputs and reads the YAML ones. */
  public static Loaded load(Compilation.Options options) throws InputError {
    Split split = split(options.inputs(), options.recursive());
    Optional<Compilation.Outcome> compiled = Optional.empty();
    List<Emitted> documents = new ArrayList<>();
    List<Diagnostic> diagnostics = new ArrayList<>();
    Target target = options.cilium().orElse(null);
    if (!split.cilia().isEmpty()) {
      Compilation.Outcome outcome =
          Compilation.run(
              new Compilation.Options(
                  split.cilia(),
                  false,
                  Optional.of(Inputs.root(options.inputs(), options.root())),
                  options.cilium(),
                  options.clusterDomain()));
      compiled = Optional.of(outcome);
      diagnostics.addAll(outcome.diagnostics());
      for (Emitted e : outcome.documents()) {
        documents.add(e);
        if (target == null) {
          target = e.target();
        }
      }
      if (target == null) {
        for (var test : outcome.program().tests()) {
          if (test.pin() instanceof VersionPin.Pinned p && Target.parse(p.version()).isPresent()) {
            target = Target.parse(p.version()).get();
            break;
          }
        }
      }
    }
    if (target == null) {
      target = Target.NEWEST;
    }
    List<SourceFile> files = new ArrayList<>();
    for (Path file : split.yaml()) {
      files.add(Inputs.readFile(file, file.toString()));
    }
    List<YamlPolicies.Read> yaml = List.of();
    if (!files.isEmpty()) {
      YamlPolicies.Result read;
      try {
        read = YamlPolicies.read(files, target);
      } catch (RuntimeException | StackOverflowError e) {
        throw new InternalCompilerError("read", files.get(0).displayName(), e);
      }
      diagnostics.addAll(read.diagnostics());
      yaml = read.policies();
      for (YamlPolicies.Read r : yaml) {
        documents.add(evidence(r, target, options.clusterDomain()));
      }
    }
    return new Loaded(documents, diagnostics, compiled, yaml, target);
  }

  /** A YAML policy as the evaluator's callers see a compiled one; its rules point into the YAML. */
  static Emitted evidence(YamlPolicies.Read read, Target target, Optional<String> clusterDomain) {
    var meta = read.policy().metadata();
    boolean clusterwide = read.policy().isClusterwide();
    Policy policy =
        new Policy(
            meta.getName(),
            clusterwide,
            clusterwide ? null : meta.getNamespace(),
            "",
            new java.util.TreeMap<>(),
            Selector.ALL,
            clusterwide ? new NamespaceMatch.Any() : new NamespaceMatch.Named(meta.getNamespace()),
            Set.of(),
            resolver(read),
            List.of(),
            new VersionPin.Unpinned(),
            read.span(),
            clusterDomain.map(DnsSettings.DEFAULT::withClusterDomain).orElse(DnsSettings.DEFAULT));
    return Emitted.readBack(
        policy, target, read.file().displayName(), PolicyYaml.write(read.policy()), read.origins());
  }

  /**
   * Where a YAML policy's pods send DNS: the one pod peer of its {@code dns} rules when they name
   * exactly one (by {@code matchLabels} with a namespace), else kube-dns (the empty list).
   */
  static List<Peer> resolver(YamlPolicies.Read read) {
    Set<Map<String, String>> peers = new java.util.LinkedHashSet<>();
    Set<String> cidrs = new java.util.LinkedHashSet<>();
    for (PolicyRule rule : read.policy().rules()) {
      if (rule.egress() == null) {
        continue;
      }
      for (EgressRule e : rule.egress()) {
        boolean dns = false;
        if (e.toPorts() != null) {
          for (PortRule r : e.toPorts()) {
            dns |= r.rules() != null && r.rules().dns() != null && !r.rules().dns().isEmpty();
          }
        }
        if (!dns) {
          continue;
        }
        if (e.toEndpoints() == null
            && e.toCIDRSet() != null
            && e.toCIDRSet().size() == 1
            && e.toCIDRSet().get(0).cidr() != null
            && (e.toCIDRSet().get(0).except() == null || e.toCIDRSet().get(0).except().isEmpty())) {
          cidrs.add(e.toCIDRSet().get(0).cidr());
          continue;
        }
        if (e.toEndpoints() == null || e.toEndpoints().size() != 1) {
          return List.of();
        }
        LabelSelector s = e.toEndpoints().get(0);
        if (s.getMatchExpressions() != null && !s.getMatchExpressions().isEmpty()
            || s.getMatchLabels() == null) {
          return List.of();
        }
        peers.add(s.getMatchLabels());
      }
    }
    if (peers.isEmpty() && cidrs.size() == 1) {
      String cidr = cidrs.iterator().next();
      int slash = cidr.indexOf('/');
      try {
        byte[] address =
            java.net.InetAddress.getByName(slash < 0 ? cidr : cidr.substring(0, slash))
                .getAddress();
        int length = slash < 0 ? address.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
        return List.of(
            new Peer.Cidr(new dev.cilia.ir.IpPrefix(address, length), List.of(), read.span()));
      } catch (java.io.IOException | RuntimeException e) {
        return List.of();
      }
    }
    if (peers.size() != 1 || !cidrs.isEmpty()) {
      return List.of();
    }
    String namespace = null;
    List<Selector.Requirement> requirements = new ArrayList<>();
    for (Map.Entry<String, String> e :
        new java.util.TreeMap<>(peers.iterator().next()).entrySet()) {
      String key = e.getKey();
      if (key.startsWith("k8s:") || key.startsWith("any:")) {
        key = key.substring(4);
      }
      if (key.equals("io.kubernetes.pod.namespace")) {
        namespace = e.getValue();
      } else if (key.contains(":")) {
        return List.of();
      } else {
        requirements.add(
            new Selector.Requirement(key, Selector.Operator.IN, List.of(e.getValue())));
      }
    }
    if (namespace == null) {
      return List.of();
    }
    return List.of(
        new Peer.Pods(
            new Selector(requirements), new NamespaceMatch.Named(namespace), read.span()));
  }
}
