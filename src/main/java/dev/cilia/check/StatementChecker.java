package dev.cilia.check;

import dev.cilia.check.PeerChecker.Alternative;
import dev.cilia.check.PeerChecker.Context;
import dev.cilia.diag.Code;
import dev.cilia.diag.Diagnostics;
import dev.cilia.ir.Action;
import dev.cilia.ir.Direction;
import dev.cilia.ir.Peer;
import dev.cilia.ir.PortRange;
import dev.cilia.ir.Service;
import dev.cilia.ir.Statement;
import dev.cilia.ir.Transport;
import dev.cilia.syntax.Ast;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Traffic statements: {@code observe dns}, {@code observe http}, {@code allow} and {@code deny},
 * with the peers each direction and action takes (CIL0222, CIL0229).
 */
final class StatementChecker {
  private final Diagnostics diagnostics;
  private final PeerChecker peers;
  private final ServiceChecker services;

  StatementChecker(Diagnostics diagnostics, PeerChecker peers, ServiceChecker services) {
    this.diagnostics = diagnostics;
    this.peers = peers;
    this.services = services;
  }

  static Direction direction(Ast.Direction direction) {
    return direction == Ast.Direction.EGRESS ? Direction.EGRESS : Direction.INGRESS;
  }

  Optional<Statement> traffic(Ast.Stmt stmt, Context context) {
    if (stmt instanceof Ast.ObserveDns d) {
      boolean ok = true;
      List<String> patterns = new ArrayList<>();
      for (Ast.Str pattern : d.patterns()) {
        Optional<String> problem = Values.fqdnProblem(pattern.value(), true);
        if (problem.isPresent()) {
          diagnostics.error(
              Code.CIL0217,
              pattern.span(),
              problem.get(),
              "write a name such as `api.example.com` or a pattern such as `*.example.com`");
          ok = false;
        } else {
          patterns.add(pattern.value());
        }
      }
      return ok ? Optional.of(new Statement.ObserveDns(patterns, d.span())) : Optional.empty();
    } else if (stmt instanceof Ast.ObserveHttp h) {
      boolean ok = true;
      List<PortRange> ports = new ArrayList<>();
      for (Ast.Word word : h.ports()) {
        Optional<PortRange> range = services.portRange(Transport.TCP, word);
        ok &= range.isPresent();
        range.ifPresent(ports::add);
      }
      Direction direction = direction(h.direction());
      List<Peer> resolved = List.of();
      if (h.peer().isPresent()) {
        Optional<List<Alternative>> written = peers.alternatives(h.peer().get(), context);
        ok &= written.isPresent() && checkDirection(written.get(), direction, Action.ALLOW);
        resolved = written.map(PeerChecker::flatten).orElse(List.of());
      }
      return ok
          ? Optional.of(new Statement.ObserveHttp(direction, ports, resolved, h.span()))
          : Optional.empty();
    } else if (stmt instanceof Ast.RuleStmt r) {
      Optional<Service> service =
          r.services().isEmpty()
              ? Optional.of(Service.ALL)
              : services.service(r.services(), context.scope());
      Optional<List<Alternative>> written = peers.alternatives(r.peer(), context);
      Direction direction = direction(r.direction());
      Action action = r.action() == Ast.Action.ALLOW ? Action.ALLOW : Action.DENY;
      if (service.isEmpty()
          || written.isEmpty()
          || !checkDirection(written.get(), direction, action)) {
        return Optional.empty();
      }
      return Optional.of(
          new Statement.Rule(
              action, direction, service.get(), PeerChecker.flatten(written.get()), r.span()));
    }
    throw new AssertionError(stmt);
  }

  /** Egress-only peers with {@code from} (CIL0222), FQDNs in {@code deny} (CIL0229). */
  private boolean checkDirection(
      List<Alternative> alternatives, Direction direction, Action action) {
    boolean ok = true;
    for (Alternative alternative : alternatives) {
      for (Peer peer : alternative.peers()) {
        if (PeerChecker.egressOnly(peer) && direction == Direction.INGRESS) {
          String kind = PeerChecker.egressOnlyKind(peer);
          peers.misplaced(
              alternative,
              peer,
              Code.CIL0222,
              kind + " can only be a destination",
              name -> "`" + name + "` holds " + kind + ", which can only be a destination",
              "use `to` (egress); for traffic from outside, name its addresses with `cidr` or"
                  + " `ip`");
          ok = false;
        } else if (peer instanceof Peer.Fqdn && action == Action.DENY) {
          peers.misplaced(
              alternative,
              peer,
              Code.CIL0229,
              "an `fqdn` peer cannot be denied: Cilium has no `toFQDNs` in deny rules",
              name ->
                  "`"
                      + name
                      + "` holds an `fqdn` peer, which cannot be denied: Cilium has no `toFQDNs`"
                      + " in deny rules",
              "deny its addresses with `cidr`, or leave it out of the `allow`s under `enforce`");
          ok = false;
        } else {
          continue;
        }
        if (alternative.let().isPresent()) {
          break;
        }
      }
    }
    return ok;
  }
}
