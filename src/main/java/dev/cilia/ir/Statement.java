package dev.cilia.ir;

import dev.cilia.source.Span;
import java.util.List;

/** One traffic statement of a policy. */
public sealed interface Statement
    permits Statement.Rule, Statement.ObserveDns, Statement.ObserveHttp {
  Span span();

  /** {@code allow|deny SERVICE to|from PEER or PEER …}. */
  record Rule(Action action, Direction direction, Service service, List<Peer> peers, Span span)
      implements Statement {
    public Rule {
      peers = List.copyOf(peers);
    }
  }

  /** {@code observe dns "PATTERN", …}: lookups through the resolver are proxied. */
  record ObserveDns(List<String> patterns, Span span) implements Statement {
    public ObserveDns {
      patterns = List.copyOf(patterns);
    }
  }

  /** {@code observe http on PORTS to|from PEER}; no peers = any destination (egress). */
  record ObserveHttp(Direction direction, List<PortRange> ports, List<Peer> peers, Span span)
      implements Statement {
    public ObserveHttp {
      ports = List.copyOf(ports);
      peers = List.copyOf(peers);
    }
  }
}
