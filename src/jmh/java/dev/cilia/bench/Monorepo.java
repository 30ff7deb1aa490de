package dev.cilia.bench;

import dev.cilia.driver.Compilation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sources shaped like a monorepo: many services in a few namespaces, three policies on the pods of
 * each service, and a fixed set of clusterwide guard rails that select every pod. {@code services}
 * per namespace sets the size; the same generator is in the tests ({@code
 * dev.cilia.verify.Monorepo}, for the scaling guard).
 */
public final class Monorepo {
  static final String[] NAMESPACES = {"shop", "payments", "search", "platform"};

  private Monorepo() {}

  /**
   * Usage: {@code Monorepo OUT_DIR SERVICES}: writes the corpus ({@code 12 × SERVICES + 5}
   * policies), then exits 1 unless it compiles with no errors.
   */
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int services = Integer.parseInt(args[1]);
    Files.createDirectories(dir);
    for (Map.Entry<String, String> f : files(services).entrySet()) {
      Files.writeString(dir.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
    }
    Compilation.Outcome outcome =
        Compilation.run(
            new Compilation.Options(List.of(dir), false, Optional.empty(), Optional.empty()));
    System.out.printf(
        "monorepo: %d policies in %d namespaces in %s%n",
        outcome.documents().size(), NAMESPACES.length, dir);
    if (outcome.hasErrors()) {
      outcome.diagnostics().stream().limit(5).forEach(d -> System.err.println(d.message()));
      System.exit(1);
    }
  }

  /** File name to source text. */
  public static Map<String, String> files(int services) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("guard-rails.cilia", guardRails());
    for (String ns : NAMESPACES) {
      StringBuilder b = new StringBuilder("cilium 1.17\n\n");
      for (int i = 0; i < services; i++) {
        service(b, ns, i);
      }
      out.put(ns + ".cilia", b.toString());
    }
    return out;
  }

  private static void service(StringBuilder b, String ns, int i) {
    String app = "svc-" + i;
    b.append("policy ").append(app).append("-egress in namespace ").append(ns).append(" {\n");
    b.append("  select app=").append(app).append('\n');
    b.append("  enforce egress\n");
    b.append("  observe dns \"*\"\n");
    b.append("  allow tcp 5432 to pods app=db-").append(i % 7).append('\n');
    b.append("  allow tcp 8080 to pods app=svc-").append((i + 1) % 1000).append('\n');
    b.append("  allow https to fqdn \"api-").append(i).append(".example.com\"\n");
    b.append("  allow tcp 6443 to kube-apiserver\n");
    b.append("  allow tcp 20-24 to cidr 10.0.0.0/8\n");
    b.append("  deny tcp 23 to cidr 203.0.113.0/24\n");
    b.append("}\n\n");
    b.append("policy ").append(app).append("-ingress in namespace ").append(ns).append(" {\n");
    b.append("  select app=").append(app).append('\n');
    b.append("  enforce ingress\n");
    b.append("  allow tcp 8080 from pods app=svc-").append(i == 0 ? 1 : i - 1).append('\n');
    b.append("  observe http on 8080 from namespace ").append(ns).append('\n');
    b.append("  deny tcp 22 from world\n");
    b.append("}\n\n");
    b.append("policy ").append(app).append("-metrics in namespace ").append(ns).append(" {\n");
    b.append("  select app=").append(app).append('\n');
    b.append("  allow tcp 9090 from pods app=prometheus in namespace monitoring\n");
    b.append("}\n\n");
  }

  private static String guardRails() {
    return """
        cilium 1.17

        clusterwide policy dns-visibility {
          select namespaces kubernetes.io/metadata.name notin (kube-system)
          observe dns "*"
        }

        clusterwide policy no-direct-smtp {
          select namespaces kubernetes.io/metadata.name notin (kube-system)
          deny smtp, submission to world
        }

        clusterwide policy no-telnet {
          select namespaces kubernetes.io/metadata.name notin (kube-system)
          deny tcp 2323 to world
        }

        clusterwide policy node-exporter {
          select namespaces kubernetes.io/metadata.name notin (kube-system)
          allow tcp 9100 from pods app=prometheus in namespace monitoring
        }

        clusterwide policy no-ssh-from-world {
          select namespaces kubernetes.io/metadata.name notin (kube-system)
          deny tcp 2222 from world
        }
        """;
  }
}
