package dev.cilia.ir;

import dev.cilia.source.Span;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** A {@code test} block: expectations about one concrete pod. */
public record TestCase(
    String title,
    SortedMap<String, String> podLabels,
    String namespace,
    List<Expectation> expectations,
    VersionPin pin,
    Span span) {

  public TestCase {
    podLabels = Collections.unmodifiableSortedMap(new TreeMap<>(podLabels));
    expectations = List.copyOf(expectations);
  }

  /** What the flow must do. */
  public enum Outcome {
    ALLOW,
    DENY,
    VISIBLE
  }

  /** One {@code expect} line. */
  public sealed interface Expectation permits FlowExpectation, DnsExpectation {
    Span span();
  }

  /** {@code expect allow|deny|visible SERVICE to|from TARGET}. */
  public record FlowExpectation(
      Outcome outcome, Direction direction, Service service, OtherEnd other, Span span)
      implements Expectation {}

  /** {@code expect visible dns "name"}. */
  public record DnsExpectation(String name, Span span) implements Expectation {}

  /** The other end of a tested flow. */
  public sealed interface OtherEnd
      permits OtherEnd.Address, OtherEnd.Name, OtherEnd.Pod, OtherEnd.Entity {
    /** {@code ip A}. */
    record Address(IpPrefix address) implements OtherEnd {}

    /** {@code fqdn "name"}, assumed resolved through the resolver. */
    record Name(String fqdn) implements OtherEnd {}

    /** {@code pods LABELS in namespace NS}. */
    record Pod(SortedMap<String, String> labels, String namespace) implements OtherEnd {
      public Pod {
        labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
      }
    }

    /** {@code world}, {@code host}, {@code remote-node}, {@code kube-apiserver}. */
    record Entity(String name) implements OtherEnd {}
  }
}
