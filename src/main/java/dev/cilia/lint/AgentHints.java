package dev.cilia.lint;

import dev.cilia.cilium.admission.Violation;
import java.util.Optional;

/** The fix for an agent import check that users of hand-written YAML often hit (CIL0506). */
final class AgentHints {
  private AgentHints() {}

  static Optional<String> hint(Violation v) {
    return Optional.ofNullable(
        switch (v.code()) {
          case "V5" ->
              "split the item: one peer kind (`toEndpoints`, `toCIDRSet`, `toEntities`,"
                  + " …) per item, each with the same `toPorts`";
          case "V6" ->
              "Cilium 1.14–1.16 refuse `toServices` with `toPorts` (cilium#20067): allow"
                  + " the Service's pods with `toEndpoints` and these ports, or target 1.17+";
          case "V11" -> "put `icmps` and `toPorts` in separate items";
          case "V16" -> "split the ports into `toPorts` entries of at most 40";
          case "V18" ->
              "HTTP and Kafka rules need `protocol: TCP` on every port of the entry (an"
                  + " omitted protocol is ANY); only DNS rules may use UDP or ANY";
          case "V19" -> "name the port: L7 rules need a real port, not `0`";
          case "V20" -> "DNS rules need their port, usually `port: \"53\"`";
          case "V21" -> "give DNS rules single ports, not `endPort`";
          case "V22" -> "use one L7 kind per `toPorts` entry: `http`, `kafka`, `dns` or `l7proto`";
          case "V8" -> "DNS rules belong in `egress`, on the items that reach the DNS server";
          case "M1" ->
              "give each peer and port one L7 parser: split the ports, or drop one kind of"
                  + " rule";
          default -> null;
        });
  }
}
