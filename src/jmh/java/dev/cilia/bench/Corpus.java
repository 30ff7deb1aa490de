package dev.cilia.bench;

import dev.cilia.diag.Diagnostic;
import dev.cilia.driver.Compilation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Writes a realistic Cilia project of {@code n} policies: many namespaces, one file per namespace,
 * shared {@code let}s imported from {@code lib/}, a mix of L7 visibility, Oracle/FTP egress, FQDN,
 * CIDR with {@code except}, 40+ port lists, ingress lockdowns and clusterwide policies. Targets are
 * Cilium 1.16–1.18, with about one file in twenty on 1.15 in namespaces of its own (so no open 1.15
 * policy shares pods with an enforcing one, CIL0303). The same {@code n} and seed give the same
 * bytes.
 *
 * <p>Usage: {@code Corpus OUT_DIR N [SEED]}: writes the corpus, then asserts that it compiles with
 * no errors.
 */
public final class Corpus {
  /** The seed of the corpora in bench/run.sh and the JMH benchmarks. */
  public static final long SEED = 20240611L;

  private static final String[] TEAMS = {
    "payments", "billing", "ledger", "search", "checkout", "catalog", "identity", "shipping",
    "pricing", "fraud", "reviews", "inventory", "orders", "notify", "media", "reporting"
  };
  private static final String[] SERVICES = {
    "api",
    "worker",
    "web",
    "gateway",
    "scheduler",
    "indexer",
    "sync",
    "export",
    "import",
    "cache",
    "reconciler",
    "auth",
    "frontend",
    "backend",
    "consumer",
    "producer"
  };
  private static final String[] VERSIONS = {"1.16", "1.17", "1.18"};

  private final SplittableRandom random;
  private final StringBuilder out = new StringBuilder();
  private int policiesWritten;

  private Corpus(long seed) {
    this.random = new SplittableRandom(seed);
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: Corpus OUT_DIR N [SEED]");
      System.exit(2);
    }
    Path dir = Path.of(args[0]);
    int n = Integer.parseInt(args[1]);
    long seed = args.length > 2 ? Long.parseLong(args[2]) : SEED;
    Summary summary = write(dir, n, seed);
    System.out.println(summary);
    // Every corpus must compile cleanly, or the benchmarks would measure error paths.
    Compilation.Outcome outcome = Fixture.compile(dir);
    if (outcome.hasErrors() || outcome.documents().size() != n) {
      outcome.diagnostics().stream()
          .filter(Diagnostic::isError)
          .limit(20)
          .forEach(d -> System.err.println(d.span().location() + ": " + d.message()));
      System.err.println(
          "the corpus does not compile: " + outcome.documents().size() + " of " + n + " documents");
      System.exit(1);
    }
    System.out.println("compiles: " + outcome.documents().size() + " documents, no errors");
  }

  /** What {@link #write} produced. */
  public record Summary(Path dir, int policies, int files, int namespaces, int legacyFiles) {
    @Override
    public String toString() {
      return policies
          + " policies in "
          + files
          + " files, "
          + namespaces
          + " namespaces ("
          + legacyFiles
          + " files on Cilium 1.15) in "
          + dir;
    }
  }

  /** Writes exactly {@code n} policies into {@code dir} (created; must be empty or absent). */
  public static Summary write(Path dir, int n, long seed) throws IOException {
    return new Corpus(seed).generate(dir, n);
  }

  private Summary generate(Path dir, int n) throws IOException {
    Files.createDirectories(dir.resolve("lib"));
    writeFile(dir.resolve("lib/platform.cilia"), platform());
    for (String team : TEAMS) {
      writeFile(dir.resolve("lib/" + team + ".cilia"), teamLib(team));
    }
    int clusterwide = Math.max(2, n / 50);
    int files = 0;
    int namespaces = 0;
    int legacy = 0;
    int remaining = n - clusterwide;
    int nsIndex = 0;
    while (remaining > 0) {
      String team = TEAMS[random.nextInt(TEAMS.length)];
      boolean oldTarget = random.nextInt(20) == 0;
      // An open 1.15 policy keeps its namespace to itself (CIL0303).
      boolean openOld = oldTarget && random.nextInt(3) == 0;
      int count = openOld ? 1 : Math.min(remaining, 1 + random.nextInt(6));
      String namespace = (oldTarget ? "legacy-" : "") + team + "-" + nsIndex++;
      String text =
          oldTarget
              ? legacyFile(namespace, team, count, openOld)
              : namespaceFile(namespace, team, count);
      writeFile(dir.resolve(namespace + ".cilia"), text);
      remaining -= count;
      files++;
      namespaces++;
      legacy += oldTarget ? 1 : 0;
    }
    for (int i = 0; i < clusterwide; i += 4) {
      int count = Math.min(4, clusterwide - i);
      writeFile(
          dir.resolve(String.format("clusterwide-%04d.cilia", i / 4)), clusterwideFile(i, count));
      files++;
    }
    if (policiesWritten != n) {
      throw new IllegalStateException("wrote " + policiesWritten + " policies, expected " + n);
    }
    return new Summary(dir, n, files, namespaces, legacy);
  }

  private static void writeFile(Path path, String text) throws IOException {
    Files.writeString(path, text, StandardCharsets.UTF_8);
  }

  // ---------------------------------------------------------------- shared files

  private static String platform() {
    return """
        # Where the platform's services live; imported by every team.
        let monitoring = namespace monitoring
        let metrics = tcp 9090, 9091
        let ingress-gw = pods app.kubernetes.io/name=ingress-nginx in namespace ingress-nginx
        let oracle-prod = cidr 10.20.30.0/24 except 10.20.30.99/32
        let partner-ftp = fqdn "ftp.partner.example.com"
        let pg = tcp 5432, 6432
        let object-store = fqdn "*.s3.amazonaws.com"
        """;
  }

  private String teamLib(String team) {
    int net = 40 + indexOf(team);
    StringBuilder b = new StringBuilder();
    b.append("# Shared by the ").append(team).append(" team's namespaces.\n");
    b.append("let ")
        .append(team)
        .append("-db = cidr 10.")
        .append(net)
        .append(".0.0/16 except 10.")
        .append(net)
        .append(".99.0/24, 10.")
        .append(net)
        .append(".100.0/24\n");
    b.append("let ")
        .append(team)
        .append("-partner = fqdn \"api.")
        .append(team)
        .append(".partner.example.com\"\n");
    b.append("let ")
        .append(team)
        .append("-ports = tcp ")
        .append(portList(44, 20000 + net * 100))
        .append('\n');
    b.append("let ").append(team).append("-cache = redis, tcp 26379\n");
    return b.toString();
  }

  private static int indexOf(String team) {
    for (int i = 0; i < TEAMS.length; i++) {
      if (TEAMS[i].equals(team)) {
        return i;
      }
    }
    throw new IllegalArgumentException(team);
  }

  // ---------------------------------------------------------------- namespaces on 1.16+

  private String namespaceFile(String namespace, String team, int count) {
    out.setLength(0);
    String version = VERSIONS[random.nextInt(VERSIONS.length)];
    out.append("# Policies of namespace ")
        .append(namespace)
        .append(" (team ")
        .append(team)
        .append(").\n");
    out.append("cilium ").append(version).append("\n\n");
    out.append("import \"lib/platform.cilia\"\n");
    out.append("import \"lib/").append(team).append(".cilia\"\n\n");
    out.append("let ").append("peer-ns = namespace ").append(team).append("-shared\n\n");
    List<String> apps = apps(count);
    boolean namespaceWide = false;
    for (int i = 0; i < count; i++) {
      String app = apps.get(i);
      int kind = random.nextInt(8);
      if (kind == 0 && namespaceWide) {
        kind = 7;
      }
      switch (kind) {
        case 0 -> {
          // One namespace-wide visibility policy at most: its name is the namespace's.
          l7Visibility(namespace, app, false);
          namespaceWide = true;
        }
        case 1 -> oracleFtp(namespace, team, app, false);
        case 2 -> fqdnEgress(namespace, team, app, version);
        case 3 -> cidrEgress(namespace, team, app, false);
        case 4 -> portList(namespace, team, app, false);
        case 5 -> ingressLockdown(namespace, team, app, true);
        case 6 -> paymentsLike(namespace, team, app, version);
        default -> l7Visibility(namespace, app, true);
      }
    }
    return out.toString();
  }

  /** Cilium 1.15: every policy enforces both directions, or the file holds one open policy. */
  private String legacyFile(String namespace, String team, int count, boolean open) {
    out.setLength(0);
    out.append("# Namespace ").append(namespace).append(" still runs Cilium 1.15.\n");
    out.append("cilium 1.15\n\n");
    out.append("import \"lib/platform.cilia\"\n");
    out.append("import \"lib/").append(team).append(".cilia\"\n\n");
    out.append("let ").append("peer-ns = namespace ").append(team).append("-shared\n\n");
    List<String> apps = apps(count);
    if (open) {
      l7Visibility(namespace, apps.get(0), false);
      return out.toString();
    }
    for (int i = 0; i < count; i++) {
      String app = apps.get(i);
      switch (random.nextInt(4)) {
        case 0 -> oracleFtp(namespace, team, app, true);
        case 1 -> cidrEgress(namespace, team, app, true);
        case 2 -> portList(namespace, team, app, true);
        default -> ingressLockdown(namespace, team, app, false);
      }
    }
    return out.toString();
  }

  private List<String> apps(int count) {
    List<String> apps = new ArrayList<>();
    int offset = random.nextInt(SERVICES.length);
    for (int i = 0; i < count; i++) {
      apps.add(SERVICES[(offset + i) % SERVICES.length] + (i >= SERVICES.length ? "-" + i : ""));
    }
    return apps;
  }

  private void open(String namespace, String name, String description, String team) {
    policiesWritten++;
    out.append("policy ").append(name).append(" in namespace ").append(namespace).append(" {\n");
    out.append("  description \"").append(description).append("\"\n");
    if (team != null) {
      out.append("  label team=").append(team).append('\n');
    }
  }

  private void close() {
    out.append("}\n\n");
  }

  /** The seed's intent: DNS and HTTP visibility, blocking nothing. */
  private void l7Visibility(String namespace, String app, boolean selectApp) {
    open(
        namespace,
        selectApp ? app + "-visibility" : "visibility",
        "DNS and HTTP visibility in Hubble; blocks nothing",
        null);
    if (selectApp) {
      out.append("  select app=").append(app).append('\n');
    }
    out.append("\n  observe dns \"*\"\n");
    out.append("  observe http on 80, 8080 to namespace ").append(namespace).append('\n');
    if (random.nextBoolean()) {
      out.append("  observe http on 8080 from peer-ns\n");
    }
    close();
    if (selectApp) {
      maybeTest(namespace, app);
    }
  }

  /** Least-privilege egress to the Oracle SCAN listeners and the partner's FTP server. */
  private void oracleFtp(String namespace, String team, String app, boolean enforceAll) {
    open(
        namespace, app + "-egress", "Oracle, partner FTP, HTTPS to the bank, the API server", team);
    out.append("  select app=").append(app).append('\n');
    out.append(enforceAll ? "  enforce\n\n" : "  enforce egress\n\n");
    out.append("  allow oracle to oracle-prod\n");
    out.append("  allow tcp 1522-1526 to oracle-prod\n");
    int low = 30000 + random.nextInt(50) * 100;
    out.append("  allow ftp passive ")
        .append(low)
        .append('-')
        .append(low + 100)
        .append(" to partner-ftp\n");
    out.append("  allow https to fqdn \"*.bank")
        .append(random.nextInt(20))
        .append(".example.com\"\n");
    out.append("  allow tcp 6443 to kube-apiserver\n");
    if (enforceAll) {
      out.append("  allow tcp 8080 from ingress-gw\n");
    }
    close();
    maybeTest(namespace, app);
  }

  /** Egress to named outside services, with DNS visibility for the team's own zone. */
  private void fqdnEgress(String namespace, String team, String app, String version) {
    open(namespace, app + "-fqdn", "Outside APIs by name", team);
    out.append("  select app=").append(app).append(", tier in (web, api)\n");
    out.append("  enforce egress\n\n");
    out.append("  observe dns \"*.").append(team).append(".example.com\", \"api.example.com\"\n");
    out.append("  allow https to ").append(team).append("-partner\n");
    out.append("  allow https to object-store\n");
    out.append("  allow https, tcp 8443 to fqdn \"")
        .append(app)
        .append('.')
        .append(random.nextInt(1000))
        .append(".vendor.example.net\"\n");
    out.append("  allow tcp 8443 to fqdn \"*.").append(team).append(".example.com\"\n");
    if (!version.equals("1.16") && random.nextBoolean()) {
      out.append("  allow tcp 6379 to service redis-")
          .append(random.nextInt(10))
          .append(" in namespace ")
          .append(team)
          .append("-shared\n");
    }
    close();
  }

  /** Databases and partner networks by CIDR, with the ranges that must not be reached. */
  private void cidrEgress(String namespace, String team, String app, boolean enforceAll) {
    open(namespace, app + "-cidr", "Databases and partner networks by address", team);
    out.append("  select app=").append(app).append('\n');
    out.append(enforceAll ? "  enforce\n\n" : "  enforce egress\n\n");
    int a = random.nextInt(200);
    int b = random.nextInt(250);
    out.append("  allow pg to ").append(team).append("-db\n");
    out.append("  allow postgres, tcp 6432 to cidr 172.16.")
        .append(a)
        .append(".0/24 except 172.16.")
        .append(a)
        .append(".99/32, 172.16.")
        .append(a)
        .append(".100/31\n");
    out.append("  allow tcp 9000-9020 to cidr 192.168.")
        .append(b)
        .append(".0/24 except 192.168.")
        .append(b)
        .append(".128/25\n");
    out.append("  allow tcp 443 to cidr 2001:db8:")
        .append(Integer.toHexString(a * 256 + b))
        .append("::/48 except 2001:db8:")
        .append(Integer.toHexString(a * 256 + b))
        .append(":ff::/64\n");
    out.append("  allow udp 123 to ip 198.51.100.").append(1 + random.nextInt(250)).append('\n');
    if (enforceAll) {
      out.append("  allow metrics from monitoring\n");
    }
    close();
  }

  /** A service with a long list of ports: chunked at 40 ports per rule (agent check V16). */
  private void portList(String namespace, String team, String app, boolean enforceAll) {
    open(namespace, app + "-ports", "Legacy application server with many listeners", team);
    out.append("  select app=").append(app).append('\n');
    out.append(enforceAll ? "  enforce\n\n" : "  enforce ingress\n\n");
    out.append("  allow ").append(team).append("-ports from peer-ns\n");
    out.append("  allow tcp ")
        .append(portList(40 + random.nextInt(20), 10000 + random.nextInt(200) * 100))
        .append(" from pods role=client\n");
    out.append("  allow metrics from monitoring\n");
    if (enforceAll) {
      out.append("  allow tcp ")
          .append(portList(42, 40000))
          .append(" to pods app=")
          .append(app)
          .append("-peer\n");
      out.append("  allow dns to kube-dns\n");
    }
    close();
  }

  /** Ingress only from the ingress controller and monitoring. */
  private void ingressLockdown(String namespace, String team, String app, boolean labelled) {
    open(namespace, app + "-ingress", "Only the ingress controller and monitoring get in", team);
    out.append("  select app=").append(app).append('\n');
    out.append("  enforce ingress\n\n");
    out.append("  allow tcp 8080, 8443 from ingress-gw\n");
    out.append("  allow metrics from monitoring\n");
    if (labelled) {
      out.append("  allow tcp 8080 from namespaces team=").append(team).append('\n');
    }
    out.append("  observe http on 8080 from namespace ").append(namespace).append('\n');
    out.append("  deny tcp 22 from world\n");
    close();
  }

  /** The payments sample's shape: visibility, locked-down egress and ingress from the front. */
  private void paymentsLike(String namespace, String team, String app, String version) {
    open(namespace, app + "-main", "L7 visibility, egress locked down", team);
    out.append("  select app=").append(app).append(", tier in (web, api)\n");
    out.append("  enforce egress\n\n");
    out.append("  observe dns \"*\"\n");
    out.append("  observe http on 80, 8080 to namespace ").append(namespace).append('\n');
    out.append("  observe http on 8080 from namespace frontend\n");
    out.append("  allow oracle to oracle-prod\n");
    out.append("  allow ftp passive 30000-30100 to partner-ftp\n");
    out.append("  allow https to object-store\n");
    out.append("  allow tcp 6443 to kube-apiserver\n");
    out.append("  allow to namespace ").append(namespace).append('\n');
    out.append("  allow ")
        .append(team)
        .append("-cache to pods app=redis in namespace ")
        .append(team)
        .append("-shared\n");
    out.append("  allow pg to pods app=ledger in namespace finance\n");
    out.append("  deny tcp 23 to world\n");
    out.append("  allow tcp 8080 from namespace frontend\n");
    close();
    maybeTest(namespace, app);
  }

  /** A test that holds: every policy that calls this allows egress to the API server. */
  private void maybeTest(String namespace, String app) {
    if (random.nextInt(4) != 0) {
      return;
    }
    out.append("test \"")
        .append(app)
        .append(" resolves names\" for pods app=")
        .append(app)
        .append(", tier=web in namespace ")
        .append(namespace)
        .append(" {\n");
    out.append("  expect allow tcp 6443 to kube-apiserver\n");
    out.append("}\n\n");
  }

  // ---------------------------------------------------------------- clusterwide

  private String clusterwideFile(int first, int count) {
    out.setLength(0);
    out.append("# Cluster-wide guard rails.\n");
    out.append("cilium ").append(VERSIONS[random.nextInt(VERSIONS.length)]).append("\n\n");
    out.append("import \"lib/platform.cilia\"\n\n");
    for (int i = first; i < first + count; i++) {
      String team = TEAMS[i % TEAMS.length];
      policiesWritten++;
      switch (i % 4) {
        case 0 -> {
          out.append("clusterwide policy dns-visibility-").append(i).append(" {\n");
          out.append("  description \"Every DNS lookup of team ")
              .append(team)
              .append(" visible in Hubble\"\n");
          out.append("  select namespaces team=").append(team).append('\n');
          out.append("  observe dns \"*\"\n");
        }
        case 1 -> {
          out.append("clusterwide policy no-direct-smtp-").append(i).append(" {\n");
          out.append("  description \"Mail goes through the relay in namespace mail\"\n");
          out.append("  select namespaces team=").append(team).append('\n');
          out.append("  deny smtp, submission to world\n");
        }
        case 2 -> {
          // An enforcing clusterwide policy names its namespace: 1.15 namespaces stay disjoint.
          out.append("clusterwide policy ingress-guard-").append(i).append(" {\n");
          out.append("  description \"Only the ingress controller reaches the front ends\"\n");
          out.append("  select namespace ")
              .append(team)
              .append("-edge-")
              .append(i)
              .append(" pods app=frontend\n");
          out.append("  enforce ingress\n");
          out.append("  allow tcp 80, 443, 8080 from ingress-gw\n");
          out.append("  allow metrics from monitoring\n");
        }
        default -> {
          out.append("clusterwide policy node-exporter-").append(i).append(" {\n");
          out.append("  description \"Prometheus scrapes node exporters\"\n");
          out.append("  select namespaces kubernetes.io/metadata.name notin (kube-system)\n");
          out.append("  allow tcp 9100 from pods app=prometheus in namespace monitoring\n");
          out.append("  allow tcp 9100 from host\n");
        }
      }
      close();
    }
    return out.toString();
  }

  private String portList(int count, int base) {
    TreeSet<Integer> ports = new TreeSet<>();
    int p = base;
    while (ports.size() < count) {
      ports.add(p);
      p += 1 + random.nextInt(3);
    }
    StringBuilder b = new StringBuilder();
    for (int port : ports) {
      if (b.length() > 0) {
        b.append(", ");
      }
      b.append(port);
    }
    return b.toString();
  }
}
