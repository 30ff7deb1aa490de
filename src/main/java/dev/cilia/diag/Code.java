package dev.cilia.diag;

/**
 * Stable diagnostic codes. A code never changes meaning and is never reused. Blocks: 01xx syntax,
 * 02xx names, types, values and imports, 03xx policy meaning and conflicts, 04xx target rules, 05xx
 * {@code ciliac lint} of existing CNP/CCNP YAML, 06xx observed Hubble flows ({@code ciliac replay},
 * {@code ciliac suggest}), 08xx monitoring, 09xx internal. {@code docs/diagnostics.md} has a row
 * and an example for each.
 */
public enum Code {
  CIL0101(Severity.ERROR, "unexpected input"),
  CIL0102(Severity.ERROR, "unterminated string"),
  CIL0103(Severity.ERROR, "invalid character"),
  CIL0104(Severity.ERROR, "missing input"),
  CIL0105(Severity.ERROR, "invalid escape in a string"),

  CIL0201(Severity.ERROR, "unknown name"),
  CIL0202(Severity.ERROR, "a peer used as a service, or a service as a peer"),
  CIL0203(Severity.ERROR, "`ftp` without its passive data ports"),
  CIL0204(Severity.ERROR, "name defined twice"),
  CIL0205(Severity.ERROR, "builtin name redefined"),
  CIL0206(Severity.ERROR, "imported file not found or unreadable"),
  CIL0207(Severity.ERROR, "import outside the project root"),
  CIL0208(Severity.ERROR, "import cycle"),
  CIL0209(Severity.ERROR, "invalid name"),
  CIL0210(Severity.ERROR, "invalid namespace"),
  CIL0211(Severity.ERROR, "invalid label key"),
  CIL0212(Severity.ERROR, "invalid label value"),
  CIL0213(Severity.ERROR, "port out of range"),
  CIL0214(Severity.ERROR, "port range with low above high"),
  CIL0215(Severity.ERROR, "invalid CIDR or IP address"),
  CIL0216(Severity.ERROR, "`except` outside its CIDR"),
  CIL0217(Severity.ERROR, "invalid FQDN name or pattern"),
  CIL0218(Severity.ERROR, "port without a protocol before it"),
  CIL0219(Severity.ERROR, "unsupported Cilium version"),
  CIL0220(Severity.ERROR, "policy defined twice"),
  CIL0221(Severity.ERROR, "`let` defined in terms of itself"),
  CIL0222(Severity.ERROR, "egress-only peer used with `from`"),
  CIL0223(Severity.ERROR, "statement not allowed here"),
  CIL0225(Severity.ERROR, "invalid entity"),
  CIL0226(Severity.ERROR, "test endpoint without concrete labels"),
  CIL0227(Severity.ERROR, "statement given twice"),
  CIL0229(Severity.ERROR, "peer kind not allowed in `deny`"),
  CIL0230(Severity.ERROR, "invalid port"),

  CIL0301(Severity.ERROR, "`deny` drops a declared `allow`"),
  CIL0302(Severity.WARNING, "clusterwide policy selects every endpoint"),
  CIL0303(Severity.ERROR, "enforcing and open policies may select the same pods below Cilium 1.16"),
  CIL0304(Severity.NOTE, "DNS visibility widened to every name"),
  CIL0305(Severity.NOTE, "DNS to the resolver allowed automatically"),
  CIL0306(Severity.NOTE, "allow-all item keeps a direction open below Cilium 1.16"),
  CIL0307(
      Severity.WARNING, "HTTP visibility on a port that usually carries TLS or another protocol"),
  CIL0308(Severity.ERROR, "policy without statements"),

  CIL0310(Severity.ERROR, "test for a target other than its policies'"),
  CIL0311(Severity.WARNING, "test pod that no policy selects"),
  CIL0312(Severity.WARNING, "test namespace that no policy names"),
  CIL0313(Severity.WARNING, "statement widens what another policy enforces"),
  CIL0314(Severity.NOTE, "rule for a direction that nothing enforces"),
  CIL0315(Severity.WARNING, "`to` a peer that only ever appears as a source"),
  CIL0316(Severity.WARNING, "`kube-apiserver` on only one of tcp/443 and tcp/6443"),
  CIL0317(Severity.WARNING, "strict DNS refuses names the policy does not declare"),
  CIL0318(Severity.ERROR, "`enforce dns` without `enforce egress`"),

  CIL0401(Severity.ERROR, "port range too large to expand for the target"),
  CIL0402(Severity.ERROR, "`toServices` with ports is rejected by the target"),
  CIL0403(Severity.ERROR, "namespace-label peers do not cross namespaces on the target"),
  CIL0404(Severity.ERROR, "`**.` in an FQDN pattern is not special on the target"),
  CIL0405(Severity.ERROR, "SCTP ports on a target without SCTP"),

  CIL0501(Severity.ERROR, "YAML that cannot be read"),
  CIL0502(Severity.ERROR, "duplicate key in a YAML mapping"),
  CIL0503(Severity.ERROR, "YAML aliases that expand too far"),
  CIL0504(Severity.NOTE, "documents that are not Cilium network policies"),
  CIL0505(Severity.ERROR, "document fails the target's schema"),
  CIL0506(Severity.ERROR, "document fails the agent's import checks"),
  CIL0507(Severity.WARNING, "rules put the selected pods into default-deny"),
  CIL0508(Severity.WARNING, "`toFQDNs` without a DNS rule that sees the lookup"),
  CIL0509(Severity.WARNING, "CIDR rule aimed at the API server or the nodes"),
  CIL0510(Severity.WARNING, "`endPort` on a target without port ranges"),
  CIL0511(Severity.ERROR, "`world-ipv4` or `world-ipv6` entity"),
  CIL0512(Severity.WARNING, "HTTP rule that no ordinary request matches"),
  CIL0513(Severity.WARNING, "HTTP rules on a port that usually carries TLS or another protocol"),
  CIL0514(Severity.WARNING, "empty section list, treated as absent"),
  CIL0515(Severity.WARNING, "rule without sections does nothing"),
  CIL0516(Severity.WARNING, "node selector peers that a default agent cannot match"),
  CIL0517(Severity.WARNING, "namespace-label peer that stays in the policy's namespace"),
  CIL0518(Severity.WARNING, "`enableDefaultDeny` on a target without it"),
  CIL0519(Severity.ERROR, "pattern longer than the limit"),

  CIL0601(Severity.WARNING, "line of a flow file that is not a Hubble record"),
  CIL0602(Severity.ERROR, "flow files without a flow to replay"),
  CIL0603(Severity.ERROR, "observed flow would be dropped"),
  CIL0604(Severity.NOTE, "flow Hubble saw dropped would now pass"),
  CIL0605(Severity.NOTE, "observed flow's L7 visibility would change"),
  CIL0606(Severity.WARNING, "observed flow whose verdict is not known"),
  CIL0607(Severity.ERROR, "observed DNS lookup would be refused"),
  CIL0608(Severity.ERROR, "suggested statements leave an observed flow dropped"),
  CIL0609(Severity.WARNING, "more distinct flows than replay keeps"),

  CIL0701(Severity.ERROR, "YAML policy that cannot be read"),
  CIL0702(Severity.WARNING, "YAML policy the agent ignores, left out"),
  CIL0703(Severity.WARNING, "YAML that Cilia cannot express"),
  CIL0704(Severity.ERROR, "imported program decides flows differently"),

  CIL0801(Severity.ERROR, "`monitoring` declared twice"),
  CIL0802(Severity.ERROR, "unknown monitoring setting"),
  CIL0803(Severity.ERROR, "invalid monitoring value"),
  CIL0804(Severity.ERROR, "Hubble metric listed twice"),
  CIL0805(Severity.WARNING, "HTTP metrics without HTTP through the proxy"),
  CIL0806(Severity.WARNING, "`observe http` with the HTTP metric off"),
  CIL0807(Severity.ERROR, "alert needs a metric label the metrics do not enable"),
  CIL0808(Severity.NOTE, "selected pods without an app label"),
  CIL0809(Severity.NOTE, "declared traffic no drop alert can name"),
  CIL0810(Severity.ERROR, "monitoring setting given twice"),

  CIL0901(Severity.ERROR, "internal compiler error"),
  CIL0902(Severity.ERROR, "emitted document fails the target's schema"),
  CIL0903(Severity.ERROR, "emitted document fails the agent's import checks"),
  CIL0904(Severity.ERROR, "emitted policy fails its proof"),
  CIL0905(Severity.ERROR, "emitted document too large for the API server");

  private final Severity severity;
  private final String title;

  Code(Severity severity, String title) {
    this.severity = severity;
    this.title = title;
  }

  public Severity severity() {
    return severity;
  }

  /** What the code means, as in the table of {@code docs/diagnostics.md}. */
  public String title() {
    return title;
  }
}
