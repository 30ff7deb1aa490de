package dev.cilia.verify;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sources shaped like a monorepo: many services in a few namespaces, three policies on the pods of
 * each service, and a fixed set of clusterwide guard rails that select every pod. {@code services}
 * per namespace sets the size; the same generator is in {@code dev.cilia.bench}.
 */
final class Monorepo {
  static final String[] NAMESPACES = {"shop", "payments", "search", "platform"};

  private Monorepo() {}

  /** File name to source text. */
  static Map<String, String> files(int services) {
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
