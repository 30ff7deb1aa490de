package dev.cilia.ir;

import dev.cilia.source.Span;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One checked policy: a CNP when {@code namespace} is named, a CCNP when {@link #clusterwide()}.
 *
 * @param subject the pods the policy applies to ({@code select}); a CNP's are in its namespace
 * @param resolver where DNS goes: the alternatives of the {@code resolver} peer
 * @param dns the pods' search list and whether DNS names are least privilege ({@code enforce dns})
 */
public record Policy(
    String name,
    boolean clusterwide,
    String namespace,
    String description,
    SortedMap<String, String> labels,
    Selector subjectPods,
    NamespaceMatch subjectNamespaces,
    Set<Direction> enforced,
    List<Peer> resolver,
    List<Statement> statements,
    VersionPin pin,
    Span span,
    DnsSettings dns) {

  public Policy {
    labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    enforced = Set.copyOf(enforced);
    resolver = List.copyOf(resolver);
    statements = List.copyOf(statements);
  }

  /** A policy with the default name resolution. */
  public Policy(
      String name,
      boolean clusterwide,
      String namespace,
      String description,
      SortedMap<String, String> labels,
      Selector subjectPods,
      NamespaceMatch subjectNamespaces,
      Set<Direction> enforced,
      List<Peer> resolver,
      List<Statement> statements,
      VersionPin pin,
      Span span) {
    this(
        name,
        clusterwide,
        namespace,
        description,
        labels,
        subjectPods,
        subjectNamespaces,
        enforced,
        resolver,
        statements,
        pin,
        span,
        DnsSettings.DEFAULT);
  }

  /** This policy with other name-resolution settings. */
  public Policy withDns(DnsSettings settings) {
    return new Policy(
        name,
        clusterwide,
        namespace,
        description,
        labels,
        subjectPods,
        subjectNamespaces,
        enforced,
        resolver,
        statements,
        pin,
        span,
        settings);
  }

  public boolean enforces(Direction direction) {
    return enforced.contains(direction);
  }

  /** {@code namespace/name} or {@code name}. */
  public String qualifiedName() {
    return clusterwide ? name : namespace + "/" + name;
  }
}
