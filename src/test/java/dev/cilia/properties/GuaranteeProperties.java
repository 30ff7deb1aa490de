package dev.cilia.properties;

import dev.cilia.eval.Endpoint;
import dev.cilia.eval.Verdict;
import dev.cilia.ir.Direction;
import dev.cilia.properties.CiliaPrograms.Probe;
import dev.cilia.properties.Intent.Port;
import dev.cilia.properties.Intent.Tri;
import dev.cilia.properties.Model.ObserveDns;
import dev.cilia.properties.Model.ObserveHttp;
import dev.cilia.properties.Model.Peer;
import dev.cilia.properties.Model.Policy;
import dev.cilia.properties.Model.Program;
import dev.cilia.properties.Model.Rule;
import dev.cilia.properties.Model.Stmt;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;

/**
 * LANGUAGE.md's guarantees 1–4 and "deny wins", checked on generated programs by the evaluator on
 * the emitted YAML (not the IR): declared traffic passes, nothing else breaks without {@code
 * enforce}, visibility is real, least privilege under {@code enforce}.
 */
class GuaranteeProperties {
  private Tally tally;
  private long tries;
  private double perTry;

  @Provide
  Arbitrary<Program> programs() {
    return CiliaPrograms.programs();
  }

  @Provide
  Arbitrary<List<Probe>> probes() {
    return CiliaPrograms.probes();
  }

  private Tally tally(String property, double minimumPerTry) {
    if (tally == null) {
      tally = new Tally(property);
      perTry = minimumPerTry;
    }
    tries++;
    return tally;
  }

  @AfterProperty
  void stillMeaningful() {
    if (tally != null) {
      tally.assertMeaningful((long) (tries * perTry));
    }
  }

  // ---------------------------------------------------------------- guarantee 1

  /**
   * Guarantee 1: every flow an {@code allow} or {@code observe} declares passes for the pods the
   * policy selects, also when other policies select the same pods.
   */
  @Property
  void declaredTrafficPasses(@ForAll("programs") Program program) {
    Tally t = tally("declaredTrafficPasses", 1.0);
    Compiled compiled = Compiled.of(program);
    for (Policy policy : program.policies()) {
      for (Endpoint.Pod pod : Intent.subjects(policy)) {
        for (Stmt stmt : policy.statements()) {
          if (stmt instanceof Rule r && !r.deny()) {
            for (Endpoint other : Flows.others(r.peers().alternatives(), policy)) {
              for (Port port : Intent.samples(r.service())) {
                expectPasses(compiled, t, pod, r.direction(), other, port, stmt);
              }
            }
          } else if (stmt instanceof ObserveHttp h) {
            for (Endpoint other : Flows.others(h, policy)) {
              for (Port port : Intent.samples(h)) {
                expectPasses(compiled, t, pod, h.direction(), other, port, stmt);
              }
            }
          } else if (stmt instanceof ObserveDns d) {
            for (String pattern : d.patterns()) {
              Verdict v = compiled.evaluator().dnsLookup(pod, Intent.nameFor(pattern));
              if (Flows.droppedAtOtherEnd(v, Direction.EGRESS)) {
                t.otherSide();
              } else if (t.counts(v) && !v.passes()) {
                throw new AssertionError(
                    compiled.explain(
                        "declared DNS lookup of `"
                            + Intent.nameFor(pattern)
                            + "` from "
                            + pod
                            + " does not pass: "
                            + v));
              }
            }
          }
        }
      }
    }
  }

  private static void expectPasses(
      Compiled compiled,
      Tally t,
      Endpoint.Pod pod,
      Direction direction,
      Endpoint other,
      Port port,
      Stmt stmt) {
    if (Flows.lookupDroppedAtResolver(compiled, pod, other)) {
      t.otherSide();
      return;
    }
    Verdict v = Flows.decide(compiled, pod, direction, other, port);
    if (Flows.droppedAtOtherEnd(v, direction)) {
      t.otherSide();
      return;
    }
    if (t.counts(v) && !v.passes()) {
      throw new AssertionError(
          compiled.explain(
              "declared flow "
                  + Flows.describe(pod, direction, other, port)
                  + " of `"
                  + Model.text(stmt)
                  + "` does not pass: "
                  + v));
    }
  }

  // ---------------------------------------------------------------- guarantee 2

  /**
   * Guarantee 2: without {@code enforce} in a direction, for pods no policy enforces it on, every
   * flow not explicitly denied passes, and every DNS lookup passes.
   */
  @Property
  void observeNeverBlocks(
      @ForAll("programs") Program program, @ForAll("probes") List<Probe> probes) {
    Tally t = tally("observeNeverBlocks", 1.0);
    Compiled compiled = Compiled.of(program);
    for (Policy policy : program.policies()) {
      for (Endpoint.Pod pod : Intent.subjects(policy)) {
        for (Direction direction : Direction.values()) {
          boolean enforced =
              program.policies().stream()
                  .anyMatch(p -> p.enforces(direction) && Intent.selects(p, pod));
          if (enforced) {
            continue;
          }
          for (Probe probe : probes) {
            if (direction == Direction.INGRESS && probe.other() instanceof Endpoint.Fqdn) {
              continue;
            }
            Tri denied =
                Intent.any(
                    program.policies(),
                    pod,
                    (s, p) ->
                        Intent.denies(
                            s, p, program.target(), direction, probe.other(), probe.port()));
            if (denied != Tri.NO) {
              continue;
            }
            Verdict v = Flows.decide(compiled, pod, direction, probe.other(), probe.port());
            if (Flows.droppedAtOtherEnd(v, direction)
                || Flows.lookupDroppedAtResolver(compiled, pod, probe.other())) {
              t.otherSide();
            } else if (t.counts(v) && !v.passes()) {
              throw new AssertionError(
                  compiled.explain(
                      "no policy enforces "
                          + word(direction)
                          + " on "
                          + pod
                          + ", yet "
                          + Flows.describe(pod, direction, probe.other(), probe.port())
                          + " does not pass: "
                          + v));
            }
          }
          if (direction == Direction.EGRESS) {
            for (String name : List.of("api.example.com", "unrelated.example.org")) {
              Verdict v = compiled.evaluator().dnsLookup(pod, name);
              if (Flows.droppedAtOtherEnd(v, Direction.EGRESS)) {
                t.otherSide();
              } else if (t.counts(v) && !v.passes()) {
                throw new AssertionError(
                    compiled.explain(
                        "no policy enforces egress on "
                            + pod
                            + ", yet the lookup of `"
                            + name
                            + "` does not pass: "
                            + v));
              }
            }
          }
        }
      }
    }
  }

  // ---------------------------------------------------------------- guarantee 3

  /** Guarantee 3: observed DNS lookups and HTTP flows go through the L7 proxy. */
  @Property
  void visibilityIsReal(@ForAll("programs") Program program) {
    Tally t = tally("visibilityIsReal", 0.5);
    Compiled compiled = Compiled.of(program);
    for (Policy policy : program.policies()) {
      for (Endpoint.Pod pod : Intent.subjects(policy)) {
        for (Stmt stmt : policy.statements()) {
          if (stmt instanceof ObserveDns d) {
            for (String pattern : d.patterns()) {
              Verdict v = compiled.evaluator().dnsLookup(pod, Intent.nameFor(pattern));
              if (Flows.droppedAtOtherEnd(v, Direction.EGRESS)) {
                t.otherSide();
              } else if (t.counts(v) && !v.visible()) {
                throw new AssertionError(
                    compiled.explain(
                        "observed DNS lookup of `"
                            + Intent.nameFor(pattern)
                            + "` from "
                            + pod
                            + " is not visible: "
                            + v));
              }
            }
          } else if (stmt instanceof ObserveHttp h) {
            for (Endpoint other : Flows.others(h, policy)) {
              for (Port port : Intent.samples(h)) {
                if (Flows.lookupDroppedAtResolver(compiled, pod, other)) {
                  t.otherSide();
                  continue;
                }
                Verdict v = Flows.decide(compiled, pod, h.direction(), other, port);
                if (Flows.droppedAtOtherEnd(v, h.direction())) {
                  t.otherSide();
                } else if (t.counts(v) && !v.visible()) {
                  throw new AssertionError(
                      compiled.explain(
                          "observed HTTP flow "
                              + Flows.describe(pod, h.direction(), other, port)
                              + " is not visible: "
                              + v));
                }
              }
            }
          }
        }
      }
    }
  }

  // ---------------------------------------------------------------- guarantee 4

  /**
   * Guarantee 4: under {@code enforce}, a flow that no statement of any policy selecting the pod
   * declares (and that is not DNS to the resolver) is dropped.
   */
  @Property
  void leastPrivilegeUnderEnforce(
      @ForAll("programs") Program program, @ForAll("probes") List<Probe> probes) {
    Tally t = tally("leastPrivilegeUnderEnforce", 0.5);
    Compiled compiled = Compiled.of(program);
    for (Policy policy : program.policies()) {
      for (Endpoint.Pod pod : Intent.subjects(policy)) {
        for (Direction direction : Direction.values()) {
          if (!policy.enforces(direction)) {
            continue;
          }
          for (Probe probe : probes) {
            if (probe.port().port() == 53) {
              continue; // DNS to the resolver is added automatically (guarantee 4)
            }
            if (!(probe.other() instanceof Endpoint.Pod || probe.other() instanceof Endpoint.Ip)) {
              continue; // entities and names: host → local pod passes by default (§3.7)
            }
            Tri declared =
                Intent.any(
                    program.policies(),
                    pod,
                    (s, p) ->
                        Intent.allows(
                            s, p, program.target(), direction, probe.other(), probe.port()));
            if (declared != Tri.NO) {
              continue;
            }
            Verdict v = Flows.decide(compiled, pod, direction, probe.other(), probe.port());
            if (t.counts(v) && !v.drops()) {
              throw new AssertionError(
                  compiled.explain(
                      "under `enforce "
                          + word(direction)
                          + "` the undeclared flow "
                          + Flows.describe(pod, direction, probe.other(), probe.port())
                          + " is not dropped: "
                          + v));
            }
          }
        }
      }
    }
  }

  // ---------------------------------------------------------------- deny wins

  /**
   * Deny wins: a {@code deny} drops its flows whatever else allows the peer (an allow on other
   * ports to a broader peer, the allow-all that keeps a direction open), and drops only those:
   * allows to the same address on their own ports still pass.
   */
  @Property
  void denyWins(@ForAll("programs") Program program) {
    Tally t = tally("denyWins", 0.3);
    Compiled compiled = Compiled.of(program);
    for (Policy policy : program.policies()) {
      for (Endpoint.Pod pod : Intent.subjects(policy)) {
        for (Stmt stmt : policy.statements()) {
          if (!(stmt instanceof Rule r) || !r.deny()) {
            continue;
          }
          for (Endpoint other : Flows.others(r.peers().alternatives(), policy)) {
            for (Port port : Intent.samples(r.service())) {
              Verdict v = Flows.decide(compiled, pod, r.direction(), other, port);
              if (t.counts(v) && v.kind() != Verdict.Kind.DENIED_BY_RULE) {
                throw new AssertionError(
                    compiled.explain(
                        "`"
                            + Model.text(stmt)
                            + "` does not drop "
                            + Flows.describe(pod, r.direction(), other, port)
                            + ": "
                            + v));
              }
            }
            allowsStillPass(compiled, t, pod, r.direction(), other);
          }
        }
      }
    }
  }

  /** Allows of any policy selecting the pod that name {@code other} pass on their own ports. */
  private static void allowsStillPass(
      Compiled compiled, Tally t, Endpoint.Pod pod, Direction direction, Endpoint other) {
    Program program = compiled.program();
    for (Policy policy : program.policies()) {
      if (!Intent.selects(policy, pod)) {
        continue;
      }
      for (Stmt stmt : policy.statements()) {
        if (stmt instanceof Rule r && !r.deny() && r.direction() == direction) {
          boolean names = false;
          for (Peer peer : r.peers().alternatives()) {
            names |= Intent.covers(peer, policy, program.target(), other) == Tri.YES;
          }
          if (names) {
            for (Port port : Intent.samples(r.service())) {
              expectPasses(compiled, t, pod, direction, other, port, stmt);
            }
          }
        }
      }
    }
  }

  private static String word(Direction direction) {
    return direction == Direction.EGRESS ? "egress" : "ingress";
  }
}
