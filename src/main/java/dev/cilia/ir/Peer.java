package dev.cilia.ir;

import dev.cilia.source.Span;
import java.util.List;

/** Where traffic goes to or comes from, with names resolved. */
public sealed interface Peer
    permits Peer.Pods, Peer.Cidr, Peer.Fqdn, Peer.Entity, Peer.KubeService {
  Span span();

  /**
   * Pods: {@code namespace NS} (every pod of NS), {@code pods SELECTOR [in namespace NS]}, {@code
   * namespaces SELECTOR}, {@code kube-dns}.
   */
  record Pods(Selector pods, NamespaceMatch namespaces, Span span) implements Peer {}

  /** {@code cidr A/N except …} or {@code ip A} (a full-length prefix). */
  record Cidr(IpPrefix prefix, List<IpPrefix> except, Span span) implements Peer {
    public Cidr {
      except = List.copyOf(except);
    }
  }

  /** {@code fqdn "name"} (exact) or {@code fqdn "*.example.com"} (pattern, has {@code *}). */
  record Fqdn(String name, Span span) implements Peer {
    public boolean isPattern() {
      return name.indexOf('*') >= 0;
    }
  }

  /** A Cilium entity: {@code world}, {@code cluster}, {@code host}, {@code kube-apiserver}, … */
  record Entity(String name, Span span) implements Peer {}

  /** {@code service NAME in namespace NS}. */
  record KubeService(String name, String namespace, Span span) implements Peer {}
}
