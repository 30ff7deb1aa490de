package dev.cilia.bench;

import dev.cilia.cilium.model.CiliumPolicy;
import dev.cilia.eval.Endpoint;
import dev.cilia.eval.Flow;
import dev.cilia.eval.Protocol;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Flows to decide against a corpus: pods of the corpus's namespaces (as its policies select them)
 * talking to addresses its CIDR rules name, to names its FQDN rules name, to each other, and to
 * reserved entities, on the ports the policies use and on others. Deterministic for a seed.
 */
public final class Flows {
  private static final String[] NAMES = {
    "ftp.partner.example.com",
    "bucket-7.s3.amazonaws.com",
    "api.payments.partner.example.com",
    "x.bank3.example.com",
    "api.example.com",
    "example.org",
    "cdn.search.example.com"
  };
  private static final String[] ADDRESSES = {
    "10.20.30.5",
    "10.20.30.99",
    "10.41.7.9",
    "10.41.99.1",
    "172.16.12.7",
    "192.168.40.3",
    "198.51.100.21",
    "203.0.113.7",
    "2001:db8:3fa8::1",
    "8.8.8.8"
  };
  private static final String[] ENTITIES = {"kube-apiserver", "world", "host", "remote-node"};
  private static final int[] PORTS = {
    21, 22, 25, 53, 80, 123, 443, 1521, 1524, 5432, 6379, 6443, 8080, 8443, 9090, 9100, 10020,
    20001, 24104, 30042, 40000
  };

  private Flows() {}

  /** {@code count} flows among the pods that {@code policies} select. */
  public static Flow[] of(List<CiliumPolicy> policies, int count, long seed) {
    List<Endpoint.Pod> pods = pods(policies);
    SplittableRandom random = new SplittableRandom(seed);
    Flow[] flows = new Flow[count];
    for (int i = 0; i < count; i++) {
      Endpoint.Pod source = pods.get(random.nextInt(pods.size()));
      Endpoint destination =
          switch (random.nextInt(5)) {
            case 0 -> ip(ADDRESSES[random.nextInt(ADDRESSES.length)]);
            case 1 -> new Endpoint.Fqdn(NAMES[random.nextInt(NAMES.length)]);
            case 2 -> new Endpoint.Entity(ENTITIES[random.nextInt(ENTITIES.length)]);
            default -> pods.get(random.nextInt(pods.size()));
          };
      Protocol protocol = random.nextInt(8) == 0 ? Protocol.UDP : Protocol.TCP;
      int port = PORTS[random.nextInt(PORTS.length)];
      // Reverse some pod-to-pod flows so that ingress is asked as often as egress.
      flows[i] =
          destination instanceof Endpoint.Pod && random.nextBoolean()
              ? new Flow(destination, source, protocol, port)
              : new Flow(source, destination, protocol, port);
    }
    return flows;
  }

  /** One pod per namespaced policy: its {@code app} label, {@code tier=web}, its namespace. */
  static List<Endpoint.Pod> pods(List<CiliumPolicy> policies) {
    List<Endpoint.Pod> pods = new ArrayList<>();
    for (CiliumPolicy policy : policies) {
      String namespace = policy.metadata().getNamespace();
      if (policy.isClusterwide() || namespace == null) {
        continue;
      }
      Map<String, String> selected =
          policy.spec().endpointSelector() == null
                  || policy.spec().endpointSelector().getMatchLabels() == null
              ? Map.of()
              : policy.spec().endpointSelector().getMatchLabels();
      String app = selected.getOrDefault("app", "web");
      String team = namespace.replaceFirst("^legacy-", "").replaceFirst("-\\d+$", "");
      pods.add(
          new Endpoint.Pod(namespace, Map.of("app", app, "tier", "web"), Map.of("team", team)));
    }
    if (pods.isEmpty()) {
      throw new IllegalArgumentException("no namespaced policies to take pods from");
    }
    return pods;
  }

  private static Endpoint.Ip ip(String literal) {
    try {
      return new Endpoint.Ip(InetAddress.getByName(literal));
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(literal, e);
    }
  }
}
