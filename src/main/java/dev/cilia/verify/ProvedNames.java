package dev.cilia.verify;

import dev.cilia.cilium.Entities;
import dev.cilia.eval.Endpoint;
import dev.cilia.eval.Evaluator;
import dev.cilia.eval.Side;
import dev.cilia.eval.Verdict;
import dev.cilia.ir.Peer;
import dev.cilia.ir.Policy;
import dev.cilia.ir.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The name lookups that a declared egress flow needs, proved for glibc, musl and c-ares clients
 * through the pod's search list (CILIUM-POLICY.md §3.9; docs/proof.md): an {@code fqdn} peer's
 * name, a Service name in a {@code pods} peer's namespace, and {@code kubernetes.default.svc} for
 * {@code kube-apiserver}.
 */
final class ProvedNames {
  /** The Service name that stands for the Services in front of a {@code pods} peer. */
  static final String SERVICE = Representatives.FILLER;

  private final Prover prover;
  private final Set<String> asked = new HashSet<>();

  ProvedNames(Prover prover) {
    this.prover = prover;
  }

  /** Forgets the lookups asked for the previous policy: each policy's are asked apart. */
  void nextPolicy() {
    asked.clear();
  }

  /** Lookups of in-cluster names for the peer's representatives. */
  void inCluster(
      TargetDocuments run,
      Evaluator evaluator,
      Policy policy,
      Statement s,
      Endpoint.Pod subject,
      Peer peer,
      List<Endpoint> others) {
    NameResolution.SearchList search = NameResolution.SearchList.of(policy);
    if (peer instanceof Peer.Pods) {
      for (Endpoint other : others) {
        if (other instanceof Endpoint.Pod p) {
          resolve(
              run,
              evaluator,
              policy,
              s,
              subject,
              NameResolution.written(SERVICE, p.namespace(), subject.namespace(), search),
              search.serviceName(SERVICE, p.namespace()));
        }
      }
    } else if (peer instanceof Peer.Entity e && e.name().equals(Entities.KUBE_APISERVER)) {
      resolve(
          run,
          evaluator,
          policy,
          s,
          subject,
          NameResolution.written("kubernetes", "default", subject.namespace(), search),
          search.serviceName("kubernetes", "default"));
    }
  }

  /**
   * Each written form must resolve to {@code answer} for every client; false (after reporting) when
   * one does not.
   */
  boolean resolve(
      TargetDocuments run,
      Evaluator evaluator,
      Policy policy,
      Statement s,
      Endpoint.Pod subject,
      List<String> writtenForms,
      String answer) {
    NameResolution.SearchList search = NameResolution.SearchList.of(policy);
    boolean all = true;
    for (String written : writtenForms) {
      if (!asked.add(policy.qualifiedName() + " " + s.span() + " " + subject + " " + written)) {
        continue;
      }
      NameResolution.Lookups lookups =
          new NameResolution.Lookups(evaluator, subject, written, search);
      for (NameResolution.Client client : NameResolution.Client.values()) {
        NameResolution.Result r = NameResolution.resolve(lookups, answer, client);
        if (r.resolved()) {
          prover.provedOne();
          continue;
        }
        all = false;
        if (r.unknown()) {
          prover.unknownOne();
        } else if (r.verdict().drops() && r.verdict().sides().equals(List.of(Side.INGRESS))) {
          // The resolver's own ingress drops it: that side belongs to the resolver's policies.
          prover.skippedOne();
        } else {
          Verdict v = r.verdict();
          prover.failLookup(
              run,
              policy,
              s,
              "the lookup of `"
                  + written
                  + "` from "
                  + Wording.endpoint(subject)
                  + " by a "
                  + client.word()
                  + " client",
              new Verdict(v.kind(), v.sides(), v.rules(), r.reason() + ": " + v.reason()));
          return false;
        }
      }
    }
    return all;
  }
}
