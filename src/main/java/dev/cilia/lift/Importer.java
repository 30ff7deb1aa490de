package dev.cilia.lift;

import dev.cilia.cilium.Entities;
import dev.cilia.cilium.KubeDns;
import dev.cilia.cilium.Target;
import dev.cilia.cilium.model.CidrRule;
import dev.cilia.cilium.model.CiliumPolicy;
import dev.cilia.cilium.model.EgressRule;
import dev.cilia.cilium.model.FqdnSelector;
import dev.cilia.cilium.model.HttpRule;
import dev.cilia.cilium.model.L7Rules;
import dev.cilia.cilium.model.PolicyRule;
import dev.cilia.cilium.model.PortProtocol;
import dev.cilia.cilium.model.PortRule;
import dev.cilia.cilium.model.RuleItem;
import dev.cilia.cilium.model.RuleView;
import dev.cilia.diag.Code;
import dev.cilia.diag.Diagnostic;
import dev.cilia.lint.YamlPolicies;
import dev.cilia.source.Span;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@code ciliac import}: writes Cilia for existing CNP/CCNP YAML. Each YAML file becomes one {@code
 * .cilia} text: peers used more than once become {@code let}s, well-known ports presets, a
 * default-deny direction {@code enforce}, and every policy and statement says where in the YAML it
 * came from. What Cilia cannot express is left out with a {@code # TODO} comment at that place and
 * a CIL0703 warning at the YAML line; nothing changes meaning silently.
 */
public final class Importer {
  /** The texts by input file display name, the warnings, and the TODO count per policy. */
  public record Result(
      Map<String, String> texts, List<Diagnostic> diagnostics, Map<String, Integer> todos) {}

  private static final Map<String, String> PRESETS =
      Map.ofEntries(
          Map.entry("tcp 80", "http"),
          Map.entry("tcp 443", "https"),
          Map.entry("any 53", "dns"),
          Map.entry("udp 123", "ntp"),
          Map.entry("tcp 1521", "oracle"),
          Map.entry("tcp 2484", "oracle-tls"),
          Map.entry("tcp 5432", "postgres"),
          Map.entry("tcp 3306", "mysql"),
          Map.entry("tcp 1433", "mssql"),
          Map.entry("tcp 6379", "redis"),
          Map.entry("tcp 27017", "mongodb"),
          Map.entry("tcp 9092", "kafka"),
          Map.entry("tcp 5672", "amqp"),
          Map.entry("tcp 25", "smtp"),
          Map.entry("tcp 587", "submission"),
          Map.entry("tcp 389", "ldap"),
          Map.entry("tcp 636", "ldaps"),
          Map.entry("tcp 22", "ssh"));

  private static final Set<String> ENTITY_WORDS = Entities.NAMED;
  private static final Set<String> ENTITIES = Set.copyOf(Entities.CRD);
  private static final String KUBE_DNS_PEER =
      "pods "
          + KubeDns.LABEL_KEY
          + "="
          + KubeDns.LABEL_VALUE
          + " in namespace "
          + KubeDns.NAMESPACE;
  private static final String NAME = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  private static final String VALUE = "[A-Za-z0-9]([-_.A-Za-z0-9]*[A-Za-z0-9])?";
  private static final String KEY =
      "([a-z0-9]([-a-z0-9.]*[a-z0-9])?/)?[A-Za-z0-9]([-_.A-Za-z0-9]*[A-Za-z0-9])?";

  private final Target target;
  private final List<Diagnostic> diagnostics = new ArrayList<>();
  private final Map<String, Integer> todos = new LinkedHashMap<>();

  private Importer(Target target) {
    this.target = target;
  }

  /** Imports every policy; the texts are in the order of the files' first policies. */
  public static Result run(List<YamlPolicies.Read> policies, Target target) {
    Importer importer = new Importer(target);
    Map<String, List<YamlPolicies.Read>> byFile = new LinkedHashMap<>();
    for (YamlPolicies.Read r : policies) {
      byFile.computeIfAbsent(r.file().displayName(), f -> new ArrayList<>()).add(r);
    }
    Map<String, String> texts = new LinkedHashMap<>();
    byFile.forEach((file, reads) -> texts.put(file, importer.file(file, reads)));
    return new Result(texts, importer.diagnostics, importer.todos);
  }

  // ------------------------------------------------------------ statements

  /** One statement, with its peers kept apart so shared ones can become {@code let}s. */
  private record Line(String head, List<String> peers, String comment, String trailing) {
    Line(String head, List<String> peers, String comment) {
      this(head, peers, comment, null);
    }

    static Line text(String text) {
      return new Line(text, List.of(), null);
    }

    /** A statement with where it came from at the end of its line. */
    static Line from(String head, List<String> peers, String from) {
      return new Line(head, peers, null, from);
    }
  }

  private record Block(String header, List<Line> lines) {}

  private String file(String fileName, List<YamlPolicies.Read> reads) {
    List<Block> blocks = new ArrayList<>();
    for (YamlPolicies.Read r : reads) {
      List<RuleView.Rule> rules = RuleView.of(r.policy());
      for (int i = 0; i < rules.size(); i++) {
        RuleView.Rule rule = rules.get(i);
        Block b =
            policy(r, rule, RuleView.ruleName(rule.pointer()), rules.size() == 1 ? "" : "-" + i);
        if (b != null) {
          blocks.add(b);
        }
      }
    }
    // Peers used more than once in the file become lets.
    Map<String, Integer> uses = new HashMap<>();
    for (Block b : blocks) {
      for (Line l : b.lines() == null ? List.<Line>of() : b.lines()) {
        for (String p : l.peers()) {
          uses.merge(p, 1, Integer::sum);
        }
      }
    }
    Map<String, String> lets = new LinkedHashMap<>();
    Set<String> taken = new java.util.HashSet<>();
    for (Block b : blocks) {
      for (Line l : b.lines() == null ? List.<Line>of() : b.lines()) {
        for (String p : l.peers()) {
          if (uses.get(p) > 1
              && !lets.containsKey(p)
              && !p.equals(Entities.WORLD)
              && !ENTITY_WORDS.contains(p)
              && !p.startsWith("entity ")) {
            lets.put(p, letName(p, taken));
          }
        }
      }
    }
    StringBuilder out = new StringBuilder();
    out.append("# Imported from ").append(fileName).append(" by `ciliac import`.\n");
    out.append("cilium ").append(target).append("\n");
    if (!lets.isEmpty()) {
      out.append('\n');
      lets.forEach(
          (peer, name) -> out.append("let ").append(name).append(" = ").append(peer).append('\n'));
    }
    for (Block b : blocks) {
      out.append('\n').append(b.header());
      if (b.lines() == null) {
        continue;
      }
      for (Line l : b.lines()) {
        if (l.comment() != null) {
          out.append("  # ").append(l.comment()).append('\n');
        }
        if (l.head().isEmpty()) {
          continue;
        }
        out.append("  ").append(l.head());
        if (!l.peers().isEmpty()) {
          List<String> named = new ArrayList<>();
          for (String p : l.peers()) {
            named.add(lets.getOrDefault(p, p));
          }
          out.append(' ').append(String.join(" or ", named));
        }
        if (l.trailing() != null) {
          out.append("  # ").append(l.trailing());
        }
        out.append('\n');
      }
      out.append("}\n");
    }
    return out.toString();
  }

  private static String letName(String peer, Set<String> taken) {
    String base;
    String[] words = peer.split(" ");
    if (peer.startsWith("pods ")) {
      String sel = words[1];
      int eq = sel.indexOf('=');
      base = eq > 0 ? sel.substring(eq + 1).replace(",", "") : sel;
      if (peer.contains(" in namespace ")) {
        base = base + "-" + words[words.length - 1];
      }
    } else if (peer.startsWith("namespace ")) {
      base = "ns-" + words[1];
    } else if (peer.startsWith("namespaces ")) {
      base = "namespaces-" + words[1].replace("=", "-");
    } else if (peer.startsWith("cidr ") || peer.startsWith("ip ")) {
      base = "net-" + words[1].replace('.', '-').replace('/', '-').replace(':', '-');
    } else if (peer.startsWith("fqdn ")) {
      base = words[1].replace("\"", "").replace("*.", "any-").replace('.', '-');
    } else {
      base = "peer";
    }
    base =
        base.toLowerCase(Locale.ROOT)
            .replaceAll("[^-a-z0-9]", "-")
            .replaceAll("-+", "-")
            .replaceAll("^-|-$", "");
    if (base.length() > 50) {
      base = base.substring(0, 50).replaceAll("-$", "");
    }
    if (base.isEmpty()
        || !base.matches(NAME)
        || PRESETS.containsValue(base)
        || ENTITIES.contains(base)
        || base.equals("kube-dns")
        || base.equals("ftp")
        || base.equals("sftp")) {
      base = "peer-" + (base.isEmpty() ? "x" : base);
    }
    String name = base;
    for (int n = 2; !taken.add(name); n++) {
      name = base + "-" + n;
    }
    return name;
  }

  // ------------------------------------------------------------ policies

  private Block policy(YamlPolicies.Read read, RuleView.Rule view, String base, String suffix) {
    PolicyRule rule = view.rule();
    CiliumPolicy p = read.policy();
    String qualified = p.qualifiedName();
    todos.putIfAbsent(qualified, 0);
    Span at = base.isEmpty() ? read.span() : read.at(base);
    String prefix = base.isEmpty() ? "" : base + ".";
    if (rule.nodeSelector() != null) {
      return leftOut(
          qualified,
          read.at(prefix + "nodeSelector"),
          "host policies (`nodeSelector`) cannot be written in Cilia yet; the policy is left out");
    }
    String ns = p.isClusterwide() ? null : p.metadata().getNamespace();
    String name = p.metadata().getName() + suffix;
    List<Line> lines = new ArrayList<>();
    StringBuilder header = new StringBuilder();
    header
        .append("# ")
        .append(p.kind())
        .append(' ')
        .append(qualified)
        .append(base.isEmpty() ? "" : " " + base)
        .append(", from ")
        .append(at.location())
        .append('\n');
    header
        .append(
            p.isClusterwide()
                ? "clusterwide policy " + name
                : "policy " + name + " in namespace " + ns)
        .append(" {\n");
    if (rule.description() != null && !rule.description().isBlank()) {
      lines.add(Line.text("description " + quote(rule.description().strip())));
    }
    if (p.metadata().getLabels() != null && base.isEmpty()) {
      new TreeMap<>(p.metadata().getLabels())
          .forEach(
              (k, v) -> {
                if (k.matches(KEY) && (v.isEmpty() || v.matches(VALUE))) {
                  lines.add(Line.text("label " + k + "=" + (v.isEmpty() ? "\"\"" : v)));
                }
              });
    }
    // The subject.
    if (rule.endpointSelector() != null) {
      Subject s = subject(rule.endpointSelector(), ns);
      if (s.problem != null) {
        return leftOut(
            qualified,
            read.at(prefix + "endpointSelector"),
            s.problem + " cannot be written in Cilia yet; the policy is left out");
      }
      if (!s.text.isEmpty()) {
        lines.add(Line.text(s.text));
      }
    }
    // Enforcement.
    boolean ingress = nonEmpty(rule.ingress()) || nonEmpty(rule.ingressDeny());
    boolean egress = nonEmpty(rule.egress()) || nonEmpty(rule.egressDeny());
    // An item that allows everything (`toEntities: [all]`, as Cilia emits below 1.16) keeps the
    // direction open: in Cilia that is the absence of `enforce`.
    boolean openIngress = view.items(RuleView.Section.INGRESS).stream().anyMatch(Importer::all);
    boolean openEgress = view.items(RuleView.Section.EGRESS).stream().anyMatch(Importer::all);
    boolean defaultDenyIngress = ingress && !openIngress && defaultDeny(rule, true);
    boolean defaultDenyEgress = egress && !openEgress && defaultDeny(rule, false);
    if (defaultDenyIngress && defaultDenyEgress) {
      lines.add(
          new Line(
              "enforce",
              List.of(),
              "the YAML's rules make both directions default-deny for these pods"));
    } else if (defaultDenyEgress) {
      lines.add(
          new Line(
              "enforce egress",
              List.of(),
              "the YAML's egress rules make egress default-deny; without this line only the"
                  + " statements below are added (observe only)"));
    } else if (defaultDenyIngress) {
      lines.add(
          new Line(
              "enforce ingress",
              List.of(),
              "the YAML's ingress rules make ingress default-deny; without this line only the"
                  + " statements below are added (observe only)"));
    }
    Context c = new Context(read, qualified, ns, prefix, lines, defaultDenyEgress, new String[1]);
    if (fqdnsWithoutDns(rule)) {
      todo(
          c,
          read.at(prefix + "egress"),
          "`toFQDNs` without a DNS rule that sees the lookup: in the YAML the names never"
              + " resolve through the DNS proxy (`ciliac lint` CIL0508), while Cilia adds that"
              + " DNS rule, so the imported policy allows these names");
    }
    for (RuleItem item : view.items()) {
      item(c, item);
    }
    if (lines.stream()
        .noneMatch(
            l ->
                !l.head().isEmpty()
                    && !l.head().startsWith("description")
                    && !l.head().startsWith("label")
                    && !l.head().startsWith("select"))) {
      // Nothing Cilia can state is left: an empty policy does not compile.
      StringBuilder comments = new StringBuilder();
      for (Line l : lines) {
        if (l.comment() != null && l.comment().startsWith("TODO")) {
          comments.append("# ").append(l.comment()).append('\n');
        }
      }
      return new Block(
          comments
              + "# "
              + qualified
              + " is left out: nothing of it can be written"
              + " in Cilia yet ("
              + at.location()
              + ")\n",
          null);
    }
    return new Block(header.toString(), lines);
  }

  /** Whether an item is {@code toEntities: [all]} (or {@code fromEntities}) and nothing else. */
  private static boolean all(RuleItem item) {
    return List.of("all").equals(item.entities())
        && Stream.of(
                item.endpoints(),
                item.requires(),
                item.cidr(),
                item.cidrSet(),
                item.services(),
                item.fqdns(),
                item.nodes(),
                item.groups(),
                item.toPorts(),
                item.icmps())
            .allMatch(Objects::isNull)
        && item.authentication() == null;
  }

  private static boolean fqdnsWithoutDns(PolicyRule rule) {
    if (rule.egress() == null) {
      return false;
    }
    boolean fqdns = false;
    for (EgressRule e : rule.egress()) {
      fqdns |= e.toFQDNs() != null && !e.toFQDNs().isEmpty();
      if (e.toPorts() != null) {
        for (PortRule r : e.toPorts()) {
          if (r.rules() != null && r.rules().dns() != null && !r.rules().dns().isEmpty()) {
            return false;
          }
        }
      }
    }
    return fqdns;
  }

  private boolean defaultDeny(PolicyRule rule, boolean ingress) {
    if (target.compareTo(Target.V1_16) < 0 || rule.enableDefaultDeny() == null) {
      return true;
    }
    Boolean v = ingress ? rule.enableDefaultDeny().ingress() : rule.enableDefaultDeny().egress();
    return v == null || v;
  }

  private record Context(
      YamlPolicies.Read read,
      String policy,
      String ns,
      String prefix,
      List<Line> lines,
      boolean enforcedEgress,
      String[] resolver) {}

  private record Subject(String text, String problem) {}

  private Subject subject(LabelSelector selector, String ns) {
    Sel s = selector(selector);
    if (s.problem != null) {
      return new Subject("", s.problem);
    }
    if (s.reserved != null) {
      return new Subject(
          "", "a subject that selects `reserved:" + s.reserved + "` cannot be written in Cilia");
    }
    if (ns != null) {
      if (s.namespace != null && !s.namespace.equals(ns)) {
        return new Subject(
            "", "the subject names namespace `" + s.namespace + "`, not the policy's own");
      }
      if (!s.nsTerms.isEmpty()) {
        return new Subject("", "a namespaced policy whose subject selects namespace labels");
      }
      return new Subject(s.terms.isEmpty() ? "" : "select " + String.join(", ", s.terms), null);
    }
    if (s.namespace != null) {
      if (!s.nsTerms.isEmpty()) {
        return new Subject("", "a subject with both a namespace and namespace labels");
      }
      return new Subject(
          "select namespace "
              + s.namespace
              + (s.terms.isEmpty() ? "" : " pods " + String.join(", ", s.terms)),
          null);
    }
    if (!s.nsTerms.isEmpty()) {
      if (!s.terms.isEmpty()) {
        return new Subject("", "a subject with both pod labels and namespace labels");
      }
      return new Subject("select namespaces " + String.join(", ", s.nsTerms), null);
    }
    return new Subject(s.terms.isEmpty() ? "" : "select " + String.join(", ", s.terms), null);
  }

  // ------------------------------------------------------------ items

  private void item(Context c, RuleItem item) {
    String path = RuleView.ruleName(item.path());
    boolean deny = item.deny();
    String word = item.section().word();
    if (!deny && all(item)) {
      c.lines()
          .add(
              new Line(
                  "",
                  List.of(),
                  path
                      + " (line "
                      + c.read().at(path).line()
                      + ") allows all "
                      + word
                      + ": written as no `enforce "
                      + word
                      + "`"));
      return;
    }
    List<String> unsupported = new ArrayList<>();
    if (item.services() != null) {
      unsupported.add("`toServices`");
    }
    if (item.groups() != null) {
      unsupported.add("`" + item.field("Groups") + "`");
    }
    if (item.nodes() != null) {
      unsupported.add("`" + item.field("Nodes") + "`");
    }
    if (item.requires() != null && !item.requires().isEmpty()) {
      unsupported.add("`" + item.field("Requires") + "`");
    }
    if (item.icmps() != null) {
      unsupported.add("`icmps`");
    }
    if (item.authentication() != null) {
      unsupported.add("`authentication`");
    }
    List<String> peers = new ArrayList<>();
    boolean anyPeer =
        item.endpoints() != null
            || item.cidr() != null
            || item.cidrSet() != null
            || item.entities() != null
            || item.fqdns() != null
            || item.services() != null
            || item.groups() != null
            || item.nodes() != null;
    peers(c, item.endpoints(), item.cidr(), item.cidrSet(), item.entities(), peers, unsupported);
    for (FqdnSelector f : item.fqdnList()) {
      String n = f.matchName() != null ? f.matchName() : f.matchPattern();
      if (n == null || n.contains("**") || n.contains("\"") || n.contains("\\")) {
        unsupported.add("the FQDN selector `" + n + "`");
      } else {
        peers.add("fqdn " + quote(n.replaceAll("\\.$", "")));
      }
    }
    statements(
        c,
        path,
        deny ? "deny" : "allow",
        item.egress() ? "to" : "from",
        anyPeer,
        peers,
        item.toPorts(),
        unsupported,
        !item.egress());
  }

  private void peers(
      Context c,
      List<LabelSelector> endpoints,
      List<String> cidrs,
      List<CidrRule> cidrSets,
      List<String> entities,
      List<String> out,
      List<String> unsupported) {
    if (endpoints != null) {
      for (LabelSelector s : endpoints) {
        String p = peer(s, c.ns(), unsupported);
        if (p != null) {
          out.add(p);
        }
      }
    }
    if (cidrs != null) {
      for (String cidr : cidrs) {
        out.add("cidr " + cidr);
      }
    }
    if (cidrSets != null) {
      for (CidrRule r : cidrSets) {
        if (r.cidr() == null) {
          unsupported.add("CIDR groups (`cidrGroupRef`, `cidrGroupSelector`)");
          continue;
        }
        StringBuilder b = new StringBuilder("cidr ").append(r.cidr());
        if (r.except() != null && !r.except().isEmpty()) {
          b.append(" except ").append(String.join(", ", r.except()));
        }
        out.add(b.toString());
      }
    }
    if (entities != null) {
      for (String e : entities) {
        String n = e.toLowerCase(Locale.ROOT);
        if (ENTITY_WORDS.contains(n)) {
          out.add(n);
        } else if (ENTITIES.contains(n)) {
          out.add("entity " + n);
        } else {
          unsupported.add("the entity `" + e + "`");
        }
      }
    }
  }

  /** A peer selector as a Cilia peer, or null with a reason added to {@code unsupported}. */
  private String peer(LabelSelector selector, String ns, List<String> unsupported) {
    Sel s = selector(selector);
    if (s.problem != null) {
      unsupported.add(s.problem);
      return null;
    }
    if (s.reserved != null) {
      if (s.terms.isEmpty() && ENTITIES.contains(s.reserved)) {
        return ENTITY_WORDS.contains(s.reserved) ? s.reserved : "entity " + s.reserved;
      }
      unsupported.add("a selector on `reserved:" + s.reserved + "` with other labels");
      return null;
    }
    if (!s.nsTerms.isEmpty()) {
      if (!s.terms.isEmpty() || s.namespace != null) {
        unsupported.add("a selector on both namespace labels and pod labels");
        return null;
      }
      return "namespaces " + String.join(", ", s.nsTerms);
    }
    if (s.namespace != null) {
      return s.terms.isEmpty()
          ? "namespace " + s.namespace
          : "pods " + String.join(", ", s.terms) + " in namespace " + s.namespace;
    }
    if (ns == null) {
      // Clusterwide: pods of every namespace.
      return s.terms.isEmpty()
          ? "namespaces kubernetes.io/metadata.name"
          : "pods " + String.join(", ", s.terms);
    }
    return s.terms.isEmpty() ? "namespace " + ns : "pods " + String.join(", ", s.terms);
  }

  /** A selector in Cilia's terms: pod terms, namespace-label terms, a namespace, or a problem. */
  private static final class Sel {
    final List<String> terms = new ArrayList<>();
    final List<String> nsTerms = new ArrayList<>();
    String namespace;
    String reserved;
    String problem;
  }

  private static Sel selector(LabelSelector selector) {
    Sel s = new Sel();
    if (selector.getMatchLabels() != null) {
      for (Map.Entry<String, String> e : new TreeMap<>(selector.getMatchLabels()).entrySet()) {
        term(s, e.getKey(), "In", List.of(e.getValue() == null ? "" : e.getValue()));
      }
    }
    if (selector.getMatchExpressions() != null) {
      for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
        term(s, r.getKey(), r.getOperator(), r.getValues() == null ? List.of() : r.getValues());
      }
    }
    return s;
  }

  private static void term(Sel s, String rawKey, String op, List<String> values) {
    String key = rawKey == null ? "" : rawKey;
    if (key.startsWith("k8s:") || key.startsWith("any:")) {
      key = key.substring(4);
    }
    if (key.startsWith("reserved:")) {
      s.reserved = key.substring("reserved:".length());
      return;
    }
    if (key.contains(":")) {
      s.problem = "the label source in `" + rawKey + "`";
      return;
    }
    for (String v : values) {
      if (!v.isEmpty() && !v.matches(VALUE)) {
        s.problem = "the label value `" + v + "`";
        return;
      }
    }
    if (key.equals("io.kubernetes.pod.namespace")) {
      if ("Exists".equals(op)) {
        return; // some namespace: every pod, as Cilia writes it for clusterwide peers
      }
      if ("In".equals(op) && values.size() == 1 && s.namespace == null) {
        s.namespace = values.get(0);
      } else {
        s.problem = "a namespace selector other than one namespace";
      }
      return;
    }
    List<String> target = s.terms;
    if (key.startsWith("io.cilium.k8s.namespace.labels.")) {
      key = key.substring("io.cilium.k8s.namespace.labels.".length());
      target = s.nsTerms;
    }
    if (!key.matches(KEY)) {
      s.problem = "the label key `" + rawKey + "`";
      return;
    }
    List<String> shown = new ArrayList<>();
    for (String v : values) {
      shown.add(v.isEmpty() ? "\"\"" : v);
    }
    switch (op == null ? "" : op) {
      case "In" ->
          target.add(
              shown.size() == 1
                  ? key + "=" + shown.get(0)
                  : key + " in (" + String.join(", ", shown) + ")");
      case "NotIn" ->
          target.add(
              shown.size() == 1
                  ? key + "!=" + shown.get(0)
                  : key + " notin (" + String.join(", ", shown) + ")");
      case "Exists" -> target.add(key);
      case "DoesNotExist" -> target.add("!" + key);
      default -> s.problem = "the selector operator `" + op + "`";
    }
  }

  // ------------------------------------------------------------ ports and rules

  private void statements(
      Context c,
      String path,
      String verb,
      String direction,
      boolean anyPeer,
      List<String> peers,
      List<PortRule> toPorts,
      List<String> unsupported,
      boolean ingress) {
    Span at = c.read().at(path);
    String from = "line " + at.line();
    if (!unsupported.isEmpty()) {
      todo(
          c,
          at,
          String.join(", ", unsupported)
              + " cannot be written in Cilia yet; `"
              + path
              + "` is left out");
      return;
    }
    boolean wildcard = !anyPeer;
    if (anyPeer && peers.isEmpty()) {
      c.lines()
          .add(
              new Line(
                  "", List.of(), path + " (" + from + ") selects no peer: it allows" + " nothing"));
      return;
    }
    List<String> peerList = wildcard ? List.of("entity all") : peers;
    if (toPorts == null || toPorts.isEmpty()) {
      if (wildcard) {
        c.lines()
            .add(
                new Line(
                    "",
                    List.of(),
                    path + " (" + from + ") names no peer and no port:" + " it allows nothing"));
        return;
      }
      c.lines().add(Line.from(verb + " " + direction, peerList, path + ", " + from));
      return;
    }
    for (int j = 0; j < toPorts.size(); j++) {
      PortRule r = toPorts.get(j);
      String rpath = path + ".toPorts[" + j + "]";
      Span rat = c.read().at(rpath);
      List<String> problems = new ArrayList<>();
      if (r.serverNames() != null && !r.serverNames().isEmpty()) {
        problems.add("`serverNames`");
      }
      if (r.terminatingTLS() != null || r.originatingTLS() != null) {
        problems.add("TLS interception");
      }
      if (r.listener() != null) {
        problems.add("`listener`");
      }
      List<String[]> ports = new ArrayList<>();
      if (r.ports() == null || r.ports().isEmpty()) {
        problems.add("a port rule without `ports`");
      } else {
        for (PortProtocol pp : r.ports()) {
          String[] port = port(pp, problems);
          if (port != null) {
            ports.add(port);
          }
        }
      }
      L7Rules l7 = r.rules();
      String kind = "plain";
      if (l7 != null) {
        if (l7.kafka() != null && !l7.kafka().isEmpty()) {
          problems.add("Kafka rules");
        } else if ((l7.l7proto() != null && !l7.l7proto().isEmpty())
            || (l7.l7() != null && !l7.l7().isEmpty())) {
          problems.add("`l7proto` rules");
        } else if (l7.http() != null && !l7.http().isEmpty()) {
          boolean all = true;
          for (HttpRule h : l7.http()) {
            all &=
                empty(h.path())
                    && empty(h.method())
                    && empty(h.host())
                    && (h.headers() == null || h.headers().isEmpty())
                    && (h.headerMatches() == null || h.headerMatches().isEmpty());
          }
          if (!all) {
            problems.add("HTTP rules narrower than `http: [{}]`");
          } else if (verb.equals("deny")) {
            kind = "plain";
          } else {
            kind = "http";
          }
        } else if (l7.dns() != null && !l7.dns().isEmpty()) {
          kind = verb.equals("deny") ? "plain" : "dns";
        }
      }
      if (!problems.isEmpty()) {
        todo(
            c,
            rat,
            String.join(", ", problems)
                + " cannot be written in Cilia yet; `"
                + rpath
                + "` is left out");
        continue;
      }
      String comment = rpath + ", line " + rat.line();
      switch (kind) {
        case "http" -> {
          List<String> numbers = new ArrayList<>();
          for (String[] p : ports) {
            if (!p[0].equals("tcp") && !p[0].equals("any")) {
              problems.add("HTTP rules on " + p[0].toUpperCase(Locale.ROOT));
            }
            numbers.add(p[1]);
          }
          if (!problems.isEmpty()) {
            todo(
                c,
                rat,
                String.join(", ", problems)
                    + " cannot be written in Cilia; `"
                    + rpath
                    + "` is left out");
            continue;
          }
          String head = "observe http on " + String.join(", ", numbers);
          if (wildcard && !ingress) {
            c.lines().add(Line.from(head, List.of(), comment));
          } else {
            c.lines().add(Line.from(head + " " + direction, peerList, comment));
          }
        }
        case "dns" -> {
          List<String> patterns = new ArrayList<>();
          boolean every = false;
          for (FqdnSelector f : l7.dns()) {
            String n = f.matchName() != null ? f.matchName() : f.matchPattern();
            if (n == null || n.contains("\"") || n.contains("\\")) {
              continue;
            }
            every |= n.equals("*");
            patterns.add(quote(n));
          }
          if (!(peers.size() == 1 && peers.get(0).equals(KUBE_DNS_PEER))) {
            if (peers.size() == 1
                && !wildcard
                && (c.resolver()[0] == null || c.resolver()[0].equals(peers.get(0)))) {
              if (c.resolver()[0] == null) {
                c.lines().add(Line.from("resolver", peerList, comment));
              }
              c.resolver()[0] = peers.get(0);
            } else {
              todo(
                  c,
                  rat,
                  "DNS rules for "
                      + (wildcard ? "every destination" : "several peers")
                      + ": Cilia sends DNS to one resolver (kube-dns unless `resolver` says"
                      + " otherwise), so lookups to other servers are not allowed by the import");
            }
          }
          if (!every && !c.enforcedEgress()) {
            todo(
                c,
                rat,
                "DNS patterns where egress is not enforced: Cilia proxies every name"
                    + " there instead of refusing the names the patterns do not match");
          }
          c.lines()
              .add(Line.from("observe dns " + String.join(", ", patterns), List.of(), comment));
        }
        default ->
            c.lines()
                .add(Line.from(verb + " " + services(ports) + " " + direction, peerList, comment));
      }
    }
  }

  /** {@code [protocol, ports]}: {@code tcp}/{@code udp}/{@code sctp}/{@code any}, {@code 80-90}. */
  private String[] port(PortProtocol pp, List<String> problems) {
    String proto = pp.protocol() == null ? "any" : pp.protocol().toLowerCase(Locale.ROOT);
    if (!Set.of("tcp", "udp", "sctp", "any").contains(proto)) {
      problems.add("protocol `" + pp.protocol() + "`");
      return null;
    }
    int low;
    try {
      low = Integer.parseInt(pp.port());
    } catch (NumberFormatException e) {
      problems.add("the named port `" + pp.port() + "`");
      return null;
    }
    int high = low;
    if (pp.endPort() != null && target.compareTo(Target.V1_16) >= 0 && pp.endPort() > low) {
      high = pp.endPort();
    }
    if (low == 0) {
      if (target.compareTo(Target.V1_16) < 0) {
        problems.add("port `0` (every port) below Cilium 1.16");
        return null;
      }
      low = 1;
      high = 65535;
    }
    return new String[] {proto, low == high ? Integer.toString(low) : low + "-" + high};
  }

  private static String services(List<String[]> ports) {
    List<String> presets = new ArrayList<>();
    Map<String, List<String>> byProtocol = new LinkedHashMap<>();
    for (String[] p : ports) {
      String preset = PRESETS.get(p[0] + " " + p[1]);
      if (preset != null) {
        if (!presets.contains(preset)) {
          presets.add(preset);
        }
      } else {
        byProtocol.computeIfAbsent(p[0], k -> new ArrayList<>()).add(p[1]);
      }
    }
    List<String> parts = new ArrayList<>(presets);
    byProtocol.forEach((proto, list) -> parts.add(proto + " " + String.join(", ", list)));
    return String.join(", ", parts);
  }

  private Block leftOut(String policy, Span at, String message) {
    todo(policy, at, message);
    return new Block(
        "# TODO(import): " + policy + ": " + message + " (" + at.location() + ")\n", null);
  }

  private void todo(Context c, Span at, String message) {
    c.lines().add(new Line("", List.of(), "TODO(import): " + message + " (" + at.location() + ")"));
    todo(c.policy(), at, message);
  }

  private void todo(String policy, Span at, String message) {
    todos.merge(policy, 1, Integer::sum);
    diagnostics.add(
        Diagnostic.of(
            Code.CIL0703,
            at,
            message,
            "the imported program carries a `# TODO(import)` comment here; express it by hand or keep"
                + " this YAML"));
  }

  private static boolean nonEmpty(List<?> list) {
    return list != null && !list.isEmpty();
  }

  private static boolean empty(String s) {
    return s == null || s.isEmpty();
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ") + "\"";
  }
}
