package dev.cilia.cilium;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A supported Cilium version and what its CRDs and agent accept (CILIUM-POLICY.md §2). Every
 * version-dependent decision of the compiler asks one of these methods.
 */
public enum Target {
  V1_13("1.13", "1.12.0"),
  V1_14("1.14", "1.14.5"),
  V1_15("1.15", "1.14.5"),
  V1_16("1.16", "1.16.0"),
  V1_17("1.17", "1.17.1"),
  V1_18("1.18", "1.18.2");

  /** The newest supported version, used when neither the file nor the command line names one. */
  public static final Target NEWEST = V1_18;

  private final String version;
  private final String upstreamSchemaVersion;

  Target(String version, String upstreamSchemaVersion) {
    this.version = version;
    this.upstreamSchemaVersion = upstreamSchemaVersion;
  }

  public static Optional<Target> parse(String text) {
    return Arrays.stream(values()).filter(t -> t.version.equals(text)).findFirst();
  }

  /**
   * The target named by {@code text}, as {@code --cilium} and the Maven plugin's {@code
   * ciliumVersion} give it; an unsupported one throws with the message every front end prints.
   */
  public static Target of(String text) {
    return parse(text).orElseThrow(() -> new IllegalArgumentException(unsupported(text)));
  }

  /** "Cilium 1.12 is not supported; supported targets: 1.13, …". */
  public static String unsupported(String text) {
    return "Cilium " + text + " is not supported; supported targets: " + supportedList();
  }

  /** "1.13, 1.14, …, 1.18" for messages. */
  public static String supportedList() {
    return Arrays.stream(values()).map(Target::version).collect(Collectors.joining(", "));
  }

  public static List<Target> all() {
    return List.of(values());
  }

  /** {@code 1.16}. */
  public String version() {
    return version;
  }

  /** The upstream CRD schema release this target is checked against in tests. */
  public String upstreamSchemaVersion() {
    return upstreamSchemaVersion;
  }

  private boolean atLeast(Target other) {
    return compareTo(other) >= 0;
  }

  /** {@code endPort} in port rules (1.16+); below, ranges are expanded into single ports. */
  public boolean hasEndPort() {
    return atLeast(V1_16);
  }

  /** {@code enableDefaultDeny} (1.16+); below, an allow-all item keeps a direction open. */
  public boolean hasEnableDefaultDeny() {
    return atLeast(V1_16);
  }

  /** {@code to/fromNodes} (1.16+). */
  public boolean hasNodeSelectorPeers() {
    return atLeast(V1_16);
  }

  /** Namespace-label peer selectors in a CNP reach other namespaces (1.16+, cilium#30149). */
  public boolean namespaceLabelPeersCrossNamespaces() {
    return atLeast(V1_16);
  }

  /** {@code toServices} together with {@code toPorts}: rejected by the agent 1.14–1.16. */
  public boolean acceptsToServicesWithPorts() {
    return this == V1_13 || atLeast(V1_17);
  }

  /** SCTP as a port protocol: not in the 1.12 CRD that 1.13 is checked against. */
  public boolean hasSctp() {
    return atLeast(V1_14);
  }

  /** {@code log} field on rules (1.18+). */
  public boolean hasLog() {
    return atLeast(V1_18);
  }

  /** DNS rules on a port range are rejected (1.17+). */
  public boolean rejectsDnsPortRanges() {
    return atLeast(V1_17);
  }

  /** CRD-level checks (CIDR format, 40-item caps, FQDN regexes) in the API server (1.16+). */
  public boolean hasCrdLevelChecks() {
    return atLeast(V1_16);
  }

  @Override
  public String toString() {
    return version;
  }
}
