package dev.cilia.lower;

import dev.cilia.cilium.model.FqdnSelector;
import dev.cilia.ir.Action;
import dev.cilia.ir.Direction;
import dev.cilia.ir.DnsSettings;
import dev.cilia.ir.NamespaceMatch;
import dev.cilia.ir.Peer;
import dev.cilia.ir.Policy;
import dev.cilia.ir.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The names of the DNS rule under {@code enforce dns}: every query a pod's stub resolver makes
 * before the declared name answers (CILIUM-POLICY.md §3.9: {@code options ndots:5}, the search list
 * {@code NS.svc.DOMAIN}, {@code svc.DOMAIN}, {@code DOMAIN}, then the node's own domains), so that
 * no query of a declared lookup is REFUSED and musl and c-ares clients reach the answer.
 *
 * <ul>
 *   <li>{@code fqdn "NAME"} and {@code observe dns "PATTERN"}: the name and its search forms;
 *   <li>pods and namespaces: the Service names {@code SVC}, {@code SVC.NS}, {@code SVC.NS.svc} and
 *       {@code SVC.NS.svc.DOMAIN} with their search forms, {@code *} for the Service (one label)
 *       and for a namespace that is not named;
 *   <li>{@code service NAME in namespace NS}: the same forms of NAME;
 *   <li>{@code kube-apiserver}: the forms of {@code kubernetes.default.svc};
 *   <li>{@code cluster}, {@code entity all} and {@code observe http} without a peer: every Service
 *       name ({@code *} for the Service and the namespace) and {@code kubernetes.default.svc};
 *       names outside the cluster ({@code world}, CIDRs) are not known, so they get none.
 * </ul>
 */
final class StrictDns {
  /** Kubernetes' default {@code options ndots:5}. */
  static final int NDOTS = 5;

  private static final String ANY = "*";

  private final DnsSettings dns;
  private final String namespace;
  private final Set<String> names = new LinkedHashSet<>();

  private StrictDns(Policy policy) {
    this.dns = policy.dns();
    if (!policy.clusterwide()) {
      this.namespace = policy.namespace();
    } else if (policy.subjectNamespaces() instanceof NamespaceMatch.Named n) {
      this.namespace = n.namespace();
    } else {
      this.namespace = ANY;
    }
  }

  /** The selectors of the strict DNS rule of {@code policy}, in order of first use. */
  static List<FqdnSelector> selectors(Policy policy) {
    StrictDns strict = new StrictDns(policy);
    for (Statement s : policy.statements()) {
      if (s instanceof Statement.ObserveDns d) {
        d.patterns().forEach(strict::external);
      } else if (s instanceof Statement.Rule r
          && r.action() == Action.ALLOW
          && r.direction() == Direction.EGRESS) {
        r.peers().forEach(strict::peer);
      } else if (s instanceof Statement.ObserveHttp h && h.direction() == Direction.EGRESS) {
        if (h.peers().isEmpty()) {
          // Any destination: every pod of the cluster too.
          strict.peer(new Peer.Entity("all", h.span()));
        }
        h.peers().forEach(strict::peer);
      }
    }
    List<FqdnSelector> out = new ArrayList<>();
    for (String name : strict.names) {
      out.add(name.indexOf('*') >= 0 ? FqdnSelector.pattern(name) : FqdnSelector.name(name));
    }
    return out;
  }

  private void peer(Peer peer) {
    if (peer instanceof Peer.Fqdn f) {
      external(f.name());
    } else if (peer instanceof Peer.Pods p) {
      service(ANY, p.namespaces() instanceof NamespaceMatch.Named n ? n.namespace() : ANY);
    } else if (peer instanceof Peer.KubeService k) {
      service(k.name(), k.namespace());
    } else if (peer instanceof Peer.Entity e && e.name().equals("kube-apiserver")) {
      service("kubernetes", "default");
    } else if (peer instanceof Peer.Entity e
        && (e.name().equals("cluster") || e.name().equals("all"))) {
      // Every pod of the cluster: any Service of any namespace, and the API server.
      service(ANY, ANY);
      service("kubernetes", "default");
    }
  }

  private void external(String name) {
    if (name.equals(ANY)) {
      names.add(ANY);
      return;
    }
    String normalized = name.toLowerCase(Locale.ROOT);
    if (normalized.endsWith(".")) {
      normalized = normalized.substring(0, normalized.length() - 1);
    }
    lookup(normalized, normalized);
  }

  /** The forms an application may write for Service {@code name} of {@code ns}. */
  private void service(String name, String ns) {
    String answer = name + "." + ns + ".svc." + dns.clusterDomain();
    if (ns.equals(namespace) || ns.equals(ANY) || namespace.equals(ANY)) {
      // The bare Service name resolves in the pod's own namespace only.
      String own = ns.equals(ANY) ? namespace : ns;
      lookup(name, name + "." + own + ".svc." + dns.clusterDomain());
    }
    lookup(name + "." + ns, answer);
    lookup(name + "." + ns + ".svc", answer);
    lookup(answer, answer);
  }

  /** The queries for {@code written} up to the one that answers. */
  private void lookup(String written, String answer) {
    long dots = written.chars().filter(c -> c == '.').count();
    List<String> queries = new ArrayList<>();
    if (dots >= NDOTS) {
      queries.add(written);
    }
    queries.add(written + "." + namespace + ".svc." + dns.clusterDomain());
    queries.add(written + ".svc." + dns.clusterDomain());
    queries.add(written + "." + dns.clusterDomain());
    for (String d : dns.nodeSearch()) {
      queries.add(written + "." + d);
    }
    if (dots < NDOTS) {
      queries.add(written);
    }
    for (String q : queries) {
      if (q.equals(ANY)) {
        // Never every name: only `observe dns "*"` says that.
        return;
      }
      names.add(q);
      if (covers(q, answer)) {
        return;
      }
    }
  }

  /** Whether the pattern {@code q} matches every name {@code answer} stands for. */
  static boolean covers(String q, String answer) {
    String[] a = q.split("\\.", -1);
    String[] b = answer.split("\\.", -1);
    if (a.length != b.length) {
      return false;
    }
    for (int i = 0; i < a.length; i++) {
      if (!a[i].equals(ANY) && !a[i].equals(b[i])) {
        return false;
      }
    }
    return true;
  }
}
