package dev.cilia.properties;

import dev.cilia.cilium.Target;
import dev.cilia.ir.Direction;
import dev.cilia.ir.Transport;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A generated Cilia program as plain data. It renders to {@code .cilia} files, so a shrunk
 * counterexample prints as source text; {@link Intent} reads the same data as LANGUAGE.md does.
 */
final class Model {
  private Model() {}

  // ---------------------------------------------------------------- program

  /**
   * A whole run: the target of every input file, an optional file-level resolver, how many library
   * files hold the {@code let}s, how many input files hold the policies.
   */
  record Program(
      Target target, Optional<Peer> resolver, int libraries, int inputs, List<Policy> policies) {
    Program {
      policies = List.copyOf(policies);
    }

    /** The files, by path relative to the project root, in writing order. */
    SortedMap<String, String> files() {
      return new Rendering(this, Optional.empty()).files();
    }

    /** The files with each policy body's lines shuffled by {@code seed}. */
    SortedMap<String, String> filesShuffled(long seed) {
      return new Rendering(this, Optional.of(new Random(seed))).files();
    }

    /** Paths of the input files (those with policies), relative to the root. */
    List<String> inputPaths() {
      List<String> out = new ArrayList<>();
      for (int i = 0; i < inputs; i++) {
        out.add(inputPath(i));
      }
      return out;
    }

    Program withPolicies(List<Policy> replaced) {
      return new Program(target, resolver, libraries, inputs, replaced);
    }

    @Override
    public String toString() {
      StringBuilder out = new StringBuilder();
      files().forEach((path, text) -> out.append("# --- ").append(path).append('\n').append(text));
      return out.toString();
    }
  }

  static String inputPath(int index) {
    return index == 0 ? "main.cilia" : "extra-" + index + ".cilia";
  }

  static String libraryPath(int index) {
    return "lib/shared-" + (index + 1) + ".cilia";
  }

  // ---------------------------------------------------------------- policies

  /**
   * One policy; {@code namespace} empty means clusterwide. {@code name} is assigned at rendering
   * from the position, so shrinking keeps names short.
   */
  record Policy(
      String namespace,
      Subject subject,
      Set<Direction> enforced,
      String description,
      SortedMap<String, String> labels,
      List<Stmt> statements,
      int input) {
    Policy {
      enforced = Set.copyOf(enforced);
      labels = new TreeMap<>(labels);
      statements = List.copyOf(statements);
    }

    boolean clusterwide() {
      return namespace.isEmpty();
    }

    boolean enforces(Direction direction) {
      return enforced.contains(direction);
    }

    Policy withEnforced(Set<Direction> replaced) {
      return new Policy(namespace, subject, replaced, description, labels, statements, input);
    }

    Policy withStatements(List<Stmt> replaced) {
      return new Policy(namespace, subject, enforced, description, labels, replaced, input);
    }
  }

  /** What {@code select} says; {@link AllPods} is no {@code select} line. */
  sealed interface Subject permits AllPods, SelectPods, SelectNamespace, SelectNamespaces {}

  /** No {@code select}: every pod of the namespace (clusterwide: every endpoint). */
  record AllPods() implements Subject {}

  /** {@code select SELECTOR}. */
  record SelectPods(Sel selector) implements Subject {}

  /** {@code select namespace NS [pods SELECTOR]} (clusterwide only). */
  record SelectNamespace(String namespace, Optional<Sel> pods) implements Subject {}

  /** {@code select namespaces SELECTOR} (clusterwide only). */
  record SelectNamespaces(Sel selector) implements Subject {}

  // ---------------------------------------------------------------- statements

  /** A traffic statement of a policy body. */
  sealed interface Stmt permits Rule, ObserveDns, ObserveHttp {}

  /** {@code allow|deny [SERVICE] to|from PEER}. */
  record Rule(boolean deny, Direction direction, ServiceExpr service, PeerExpr peers)
      implements Stmt {}

  /** {@code observe dns "PATTERN", …}. */
  record ObserveDns(List<String> patterns) implements Stmt {
    ObserveDns {
      patterns = List.copyOf(patterns);
    }
  }

  /** {@code observe http on PORTS [to|from PEER]}; no peers = any destination, egress. */
  record ObserveHttp(List<PortSpan> ports, Direction direction, Optional<PeerExpr> peers)
      implements Stmt {
    ObserveHttp {
      ports = List.copyOf(ports);
    }
  }

  // ---------------------------------------------------------------- services

  /** Ports {@code low-high} (a single port when equal). */
  record PortSpan(int low, int high) {
    @Override
    public String toString() {
      return low == high ? Integer.toString(low) : low + "-" + high;
    }
  }

  /** One item of a service list. */
  sealed interface Item permits ProtocolPorts, Preset, FtpPassive {}

  /** {@code tcp 80, 8080, 9000-9100}: the bare ports keep the protocol. */
  record ProtocolPorts(Transport protocol, List<PortSpan> ports) implements Item {
    ProtocolPorts {
      ports = List.copyOf(ports);
    }
  }

  /** A preset such as {@code https}. */
  record Preset(String name) implements Item {}

  /** {@code ftp passive L-H}. */
  record FtpPassive(int low, int high) implements Item {}

  /** A service list; no items = every port and protocol. {@code named} puts it in a {@code let}. */
  record ServiceExpr(List<Item> items, boolean named) {
    static final ServiceExpr ALL = new ServiceExpr(List.of(), false);

    ServiceExpr {
      items = List.copyOf(items);
    }

    boolean isAll() {
      return items.isEmpty();
    }
  }

  /** LANGUAGE.md's preset table. */
  static final Map<String, List<PortSpanOf>> PRESETS = presets();

  /** A port span with its protocol. */
  record PortSpanOf(Transport protocol, int low, int high) {}

  private static Map<String, List<PortSpanOf>> presets() {
    Map<String, List<PortSpanOf>> out = new LinkedHashMap<>();
    Object[][] table = {
      {"http", 80}, {"https", 443}, {"oracle", 1521}, {"oracle-tls", 2484}, {"postgres", 5432},
      {"mysql", 3306}, {"mssql", 1433}, {"redis", 6379}, {"mongodb", 27017}, {"kafka", 9092},
      {"amqp", 5672}, {"smtp", 25}, {"submission", 587}, {"ldap", 389}, {"ldaps", 636},
      {"ssh", 22}, {"sftp", 22}
    };
    for (Object[] row : table) {
      int port = (Integer) row[1];
      out.put((String) row[0], List.of(new PortSpanOf(Transport.TCP, port, port)));
    }
    out.put("dns", List.of(new PortSpanOf(Transport.ANY, 53, 53)));
    out.put("ntp", List.of(new PortSpanOf(Transport.UDP, 123, 123)));
    return Map.copyOf(out);
  }

  /** Every port span a service names, presets and ftp expanded. */
  static List<PortSpanOf> spans(ServiceExpr service) {
    List<PortSpanOf> out = new ArrayList<>();
    for (Item item : service.items()) {
      if (item instanceof ProtocolPorts p) {
        for (PortSpan s : p.ports()) {
          out.add(new PortSpanOf(p.protocol(), s.low(), s.high()));
        }
      } else if (item instanceof Preset p) {
        out.addAll(PRESETS.get(p.name()));
      } else if (item instanceof FtpPassive f) {
        out.add(new PortSpanOf(Transport.TCP, 21, 21));
        out.add(new PortSpanOf(Transport.TCP, f.low(), f.high()));
      } else {
        throw new AssertionError(item);
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- peers

  /** Peers joined with {@code or}; {@code named} puts the expression in a {@code let}. */
  record PeerExpr(List<Peer> alternatives, boolean named) {
    PeerExpr {
      alternatives = List.copyOf(alternatives);
    }
  }

  /** One peer as written. */
  sealed interface Peer
      permits NamespacePeer,
          PodsPeer,
          NamespacesPeer,
          CidrPeer,
          IpPeer,
          FqdnPeer,
          EntityPeer,
          KubeDnsPeer,
          ServicePeer {}

  /** {@code namespace NS}. */
  record NamespacePeer(String namespace) implements Peer {}

  /** {@code pods SELECTOR [in namespace NS]}; empty namespace = where it is used. */
  record PodsPeer(Sel selector, String namespace) implements Peer {}

  /** {@code namespaces SELECTOR}. */
  record NamespacesPeer(Sel selector) implements Peer {}

  /** {@code cidr A/N [except …]}. */
  record CidrPeer(Prefix prefix, List<Prefix> except) implements Peer {
    CidrPeer {
      except = List.copyOf(except);
    }
  }

  /** {@code ip A}. */
  record IpPeer(Prefix address) implements Peer {}

  /** {@code fqdn "name"} or {@code fqdn "*.pattern"}. */
  record FqdnPeer(String pattern) implements Peer {}

  /** {@code world}, {@code cluster}, … as builtin names, or {@code entity NAME}. */
  record EntityPeer(String name, boolean keyword) implements Peer {}

  /** {@code kube-dns}. */
  record KubeDnsPeer() implements Peer {}

  /** {@code service NAME in namespace NS}. */
  record ServicePeer(String name, String namespace) implements Peer {}

  // ---------------------------------------------------------------- selectors

  /** Selector operators in kubectl syntax. */
  enum Op {
    EQ,
    NEQ,
    IN,
    NOTIN,
    EXISTS,
    NOT_EXISTS
  }

  /** One selector term. */
  record Term(String key, Op op, List<String> values) {
    Term {
      values = List.copyOf(values);
    }

    boolean matches(Map<String, String> labels) {
      String value = labels.get(key);
      return switch (op) {
        case EQ, IN -> value != null && values.contains(value);
        case NEQ, NOTIN -> value == null || !values.contains(value);
        case EXISTS -> value != null;
        case NOT_EXISTS -> value == null;
      };
    }
  }

  /** A non-empty selector whose terms have distinct keys. */
  record Sel(List<Term> terms) {
    Sel {
      terms = List.copyOf(terms);
    }

    boolean matches(Map<String, String> labels) {
      return terms.stream().allMatch(t -> t.matches(labels));
    }
  }

  // ---------------------------------------------------------------- addresses

  /** An IPv4 or IPv6 prefix (a host address when full length). */
  record Prefix(BigInteger value, int bits, int length) {
    static Prefix v4(long address, int length) {
      long masked = length == 0 ? 0 : address & (0xFFFFFFFFL << (32 - length)) & 0xFFFFFFFFL;
      return new Prefix(BigInteger.valueOf(masked), 32, length);
    }

    static Prefix parse(String text) {
      int slash = text.indexOf('/');
      String host = slash < 0 ? text : text.substring(0, slash);
      try {
        byte[] bytes = InetAddress.getByName(host).getAddress();
        int bits = bytes.length * 8;
        int length = slash < 0 ? bits : Integer.parseInt(text.substring(slash + 1));
        return new Prefix(new BigInteger(1, bytes), bits, length);
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException(text, e);
      }
    }

    boolean isHost() {
      return length == bits;
    }

    boolean contains(Prefix other) {
      if (other.bits != bits || other.length < length) {
        return false;
      }
      int shift = bits - length;
      return value.shiftRight(shift).equals(other.value.shiftRight(shift));
    }

    boolean overlaps(Prefix other) {
      return contains(other) || other.contains(this);
    }

    /** The host at {@code offset} from the start of the prefix. */
    Prefix host(BigInteger offset) {
      return new Prefix(value.add(offset), bits, bits);
    }

    /** The upper half as a prefix one bit longer. */
    Prefix upperHalf() {
      return new Prefix(value.setBit(bits - length - 1), bits, length + 1);
    }

    String address() {
      byte[] raw = value.toByteArray();
      byte[] bytes = new byte[bits / 8];
      int copy = Math.min(raw.length, bytes.length);
      System.arraycopy(raw, raw.length - copy, bytes, bytes.length - copy, copy);
      try {
        String text = InetAddress.getByAddress(bytes).getHostAddress();
        return bits == 32 ? text : compressV6(text);
      } catch (UnknownHostException e) {
        throw new AssertionError(e);
      }
    }

    /** {@code 10.0.0.0/8}, with the length even for a host. */
    @Override
    public String toString() {
      return address() + "/" + length;
    }
  }

  private static String compressV6(String full) {
    String[] groups = full.split(":");
    int bestStart = -1;
    int bestLen = 0;
    for (int i = 0; i < groups.length; ) {
      int j = i;
      while (j < groups.length && Integer.parseInt(groups[j], 16) == 0) {
        j++;
      }
      if (j - i > bestLen && j - i > 1) {
        bestStart = i;
        bestLen = j - i;
      }
      i = Math.max(j, i + 1);
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < groups.length; i++) {
      if (i == bestStart) {
        out.append(i == 0 ? "::" : ":");
        i += bestLen - 1;
        continue;
      }
      out.append(Integer.toHexString(Integer.parseInt(groups[i], 16)));
      if (i < groups.length - 1) {
        out.append(':');
      }
    }
    return out.toString();
  }

  // ---------------------------------------------------------------- rendering

  /** Model to source text; {@code let}s are named by first use. */
  private static final class Rendering {
    private final Program program;
    private final Optional<Random> shuffle;
    private final boolean inline;
    private final Map<String, String> peerLets = new LinkedHashMap<>();
    private final Map<String, String> serviceLets = new LinkedHashMap<>();
    // let name → body, per file that defines it
    private final Map<String, Map<String, String>> letsByFile = new TreeMap<>();

    Rendering(Program program, Optional<Random> shuffle) {
      this.program = program;
      this.shuffle = shuffle;
      this.inline = false;
    }

    /** Renders single statements with every name written out. */
    Rendering() {
      this.program = null;
      this.shuffle = Optional.empty();
      this.inline = true;
    }

    SortedMap<String, String> files() {
      List<StringBuilder> inputs = new ArrayList<>();
      for (int i = 0; i < program.inputs(); i++) {
        inputs.add(new StringBuilder());
      }
      int index = 0;
      for (Policy policy : program.policies()) {
        int file = Math.floorMod(policy.input(), program.inputs());
        inputs.get(file).append('\n').append(policy(policy, "p" + index, file));
        index++;
      }
      SortedMap<String, String> out = new TreeMap<>();
      for (int i = 0; i < program.libraries(); i++) {
        StringBuilder lib = new StringBuilder("# shared names\n");
        if (i > 0) {
          lib.append("import \"shared-").append(i).append(".cilia\"\n");
        }
        letsByFile
            .getOrDefault(libraryPath(i), Map.of())
            .forEach(
                (name, body) ->
                    lib.append("let ").append(name).append(" = ").append(body).append('\n'));
        out.put(libraryPath(i), lib.toString());
      }
      for (int i = 0; i < program.inputs(); i++) {
        StringBuilder head = new StringBuilder();
        head.append("cilium ").append(program.target().version()).append('\n');
        for (int l = 0; l < program.libraries(); l++) {
          head.append("import \"").append(libraryPath(l)).append("\"\n");
        }
        program.resolver().ifPresent(r -> head.append("resolver ").append(peer(r)).append('\n'));
        letsByFile
            .getOrDefault(inputPath(i), Map.of())
            .forEach(
                (name, body) ->
                    head.append("let ").append(name).append(" = ").append(body).append('\n'));
        out.put(inputPath(i), head.append(inputs.get(i)).toString());
      }
      return out;
    }

    private String policy(Policy policy, String name, int file) {
      List<String> body = new ArrayList<>();
      if (!policy.description().isEmpty()) {
        body.add(
            "description \""
                + policy.description().replace("\\", "\\\\").replace("\"", "\\\"")
                + "\"");
      }
      policy.labels().forEach((k, v) -> body.add("label " + k + "=" + v));
      if (policy.subject() instanceof SelectPods s) {
        body.add("select " + selector(s.selector()));
      } else if (policy.subject() instanceof SelectNamespace s) {
        body.add(
            "select namespace "
                + s.namespace()
                + s.pods().map(p -> " pods " + selector(p)).orElse(""));
      } else if (policy.subject() instanceof SelectNamespaces s) {
        body.add("select namespaces " + selector(s.selector()));
      }
      boolean egress = policy.enforces(Direction.EGRESS);
      boolean ingress = policy.enforces(Direction.INGRESS);
      if (egress && ingress) {
        body.add("enforce");
      } else if (egress) {
        body.add("enforce egress");
      } else if (ingress) {
        body.add("enforce ingress");
      }
      for (Stmt stmt : policy.statements()) {
        body.add(statement(stmt, file));
      }
      if (shuffle.isPresent()) {
        java.util.Collections.shuffle(body, shuffle.get());
      }
      String head =
          policy.clusterwide()
              ? "clusterwide policy " + name + " {\n"
              : "policy " + name + " in namespace " + policy.namespace() + " {\n";
      return head + body.stream().map(l -> "  " + l + "\n").collect(Collectors.joining()) + "}\n";
    }

    String statement(Stmt stmt, int file) {
      if (stmt instanceof Rule r) {
        String service = r.service().isAll() ? "" : service(r.service(), file) + " ";
        return (r.deny() ? "deny " : "allow ")
            + service
            + (r.direction() == Direction.EGRESS ? "to " : "from ")
            + peers(r.peers(), file);
      } else if (stmt instanceof ObserveDns d) {
        return "observe dns "
            + d.patterns().stream().map(p -> "\"" + p + "\"").collect(Collectors.joining(", "));
      } else if (stmt instanceof ObserveHttp h) {
        String ports = h.ports().stream().map(PortSpan::toString).collect(Collectors.joining(", "));
        return "observe http on "
            + ports
            + h.peers()
                .map(p -> (h.direction() == Direction.EGRESS ? " to " : " from ") + peers(p, file))
                .orElse("");
      }
      throw new AssertionError(stmt);
    }

    private String service(ServiceExpr service, int file) {
      String text = service.items().stream().map(Rendering::item).collect(Collectors.joining(", "));
      return service.named() && !inline ? let(serviceLets, "svc-", text, file) : text;
    }

    private static String item(Item item) {
      if (item instanceof ProtocolPorts p) {
        return p.protocol().name().toLowerCase(Locale.ROOT)
            + " "
            + p.ports().stream().map(PortSpan::toString).collect(Collectors.joining(", "));
      } else if (item instanceof Preset p) {
        return p.name();
      } else if (item instanceof FtpPassive f) {
        return "ftp passive " + f.low() + "-" + f.high();
      }
      throw new AssertionError(item);
    }

    private String peers(PeerExpr expr, int file) {
      String text =
          expr.alternatives().stream().map(Rendering::peer).collect(Collectors.joining(" or "));
      return expr.named() && !inline ? let(peerLets, "peer-", text, file) : text;
    }

    /** The {@code let} name for {@code body}, defined in a library or else in the using file. */
    private String let(Map<String, String> names, String prefix, String body, int file) {
      String home =
          program.libraries() > 0
              ? libraryPath(Math.floorMod(body.hashCode(), program.libraries()))
              : inputPath(file);
      String key = home + "\u0000" + body;
      String name = names.get(key);
      if (name == null) {
        name = prefix + (names.size() + 1);
        names.put(key, name);
        letsByFile.computeIfAbsent(home, k -> new LinkedHashMap<>()).put(name, body);
      }
      return name;
    }

    static String peer(Peer peer) {
      if (peer instanceof NamespacePeer n) {
        return "namespace " + n.namespace();
      } else if (peer instanceof PodsPeer p) {
        return "pods "
            + selector(p.selector())
            + (p.namespace().isEmpty() ? "" : " in namespace " + p.namespace());
      } else if (peer instanceof NamespacesPeer n) {
        return "namespaces " + selector(n.selector());
      } else if (peer instanceof CidrPeer c) {
        return "cidr "
            + c.prefix()
            + (c.except().isEmpty()
                ? ""
                : " except "
                    + c.except().stream().map(Prefix::toString).collect(Collectors.joining(", ")));
      } else if (peer instanceof IpPeer ip) {
        return "ip " + ip.address().address();
      } else if (peer instanceof FqdnPeer f) {
        return "fqdn \"" + f.pattern() + "\"";
      } else if (peer instanceof EntityPeer e) {
        return e.keyword() ? "entity " + e.name() : e.name();
      } else if (peer instanceof KubeDnsPeer) {
        return "kube-dns";
      } else if (peer instanceof ServicePeer s) {
        return "service " + s.name() + " in namespace " + s.namespace();
      }
      throw new AssertionError(peer);
    }
  }

  /** A statement as source text, names written out. */
  static String text(Stmt stmt) {
    return new Rendering().statement(stmt, 0);
  }

  static String selector(Sel selector) {
    return selector.terms().stream().map(Model::term).collect(Collectors.joining(", "));
  }

  private static String term(Term t) {
    return switch (t.op()) {
      case EQ -> t.key() + "=" + value(t.values().get(0));
      case NEQ -> t.key() + "!=" + value(t.values().get(0));
      case IN -> t.key() + " in (" + values(t.values()) + ")";
      case NOTIN -> t.key() + " notin (" + values(t.values()) + ")";
      case EXISTS -> t.key();
      case NOT_EXISTS -> "!" + t.key();
    };
  }

  private static String values(List<String> values) {
    return values.stream().map(Model::value).collect(Collectors.joining(", "));
  }

  private static String value(String v) {
    return v.isEmpty() ? "\"\"" : v;
  }
}
