package dev.cilia.cilium.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;

/** One entry of {@code toCIDRSet} / {@code fromCIDRSet}. */
@JsonPropertyOrder({"cidr", "cidrGroupRef", "cidrGroupSelector", "except"})
public record CidrRule(
    String cidr, String cidrGroupRef, LabelSelector cidrGroupSelector, List<String> except) {

  public static CidrRule of(String cidr, List<String> except) {
    return new CidrRule(cidr, null, null, except.isEmpty() ? null : List.copyOf(except));
  }
}
