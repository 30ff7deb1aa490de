package dev.cilia.cilium.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cilia.cilium.PolicyYaml;
import dev.cilia.cilium.Target;
import dev.cilia.cilium.admission.Violation.Check;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The facade gives typed violations: who refuses, the code, the path and the message apart. */
class AdmissionTest {
  private static final String CNP =
      """
      apiVersion: cilium.io/v2
      kind: CiliumNetworkPolicy
      metadata: {name: p, namespace: shop}
      """;

  @Test
  void schemaViolationsCarryTheKeywordAndThePointer() {
    String yaml = CNP + "spec: {endpointSelector: {}, egress: [{toPorts: [{ports: [{}]}]}]}\n";
    List<Violation> found = Admission.schema(Target.V1_16, PolicyYaml.readTrees(yaml).get(0));
    assertEquals(
        List.of(
            new Violation(
                Check.SCHEMA,
                "required",
                "/spec/egress/0/toPorts/0/ports/0",
                "missing required field `port`")),
        found);
    assertEquals("/spec/egress/0/toPorts/0/ports/0", found.get(0).pointer());
  }

  @Test
  void aFieldTheTargetDoesNotKnowIsAdditionalProperties() {
    String yaml =
        CNP
            + "spec: {endpointSelector: {}, egress: [{toPorts: [{ports: [{port: \"80\","
            + " endPort: 90, protocol: TCP}]}]}]}\n";
    List<Violation> found = Admission.schema(Target.V1_13, PolicyYaml.readTrees(yaml).get(0));
    assertEquals(1, found.size(), found.toString());
    assertEquals("additionalProperties", found.get(0).code());
    assertEquals("/spec/egress/0/toPorts/0/ports/0/endPort", found.get(0).path());
  }

  @Test
  void theWholeObjectIsTheEmptyPathAndPrintsAsSlash() {
    List<Violation> found = Admission.schema(Target.V1_16, PolicyYaml.readTrees("[1, 2]\n").get(0));
    assertEquals(1, found.size());
    assertEquals("", found.get(0).path());
    assertEquals("/", found.get(0).pointer());
    assertEquals(
        List.of("/: " + found.get(0).message()),
        SchemaValidator.validate(Target.V1_16, PolicyYaml.readTrees("[1, 2]\n").get(0)));
  }

  @Test
  void agentViolationsCarryTheCheckId() {
    String ports =
        IntStream.range(0, 41)
            .mapToObj(i -> "{port: \"" + (1000 + i) + "\", protocol: TCP}")
            .collect(Collectors.joining(", ", "[", "]"));
    String yaml =
        CNP + "spec: {endpointSelector: {}, egress: [{toPorts: [{ports: " + ports + "}]}]}\n";
    assertEquals(
        List.of(
            new Violation(
                Check.AGENT,
                "V16",
                "/spec/egress/0/toPorts/0/ports",
                "too many ports, the max is 40")),
        Admission.agent(Target.V1_15, PolicyYaml.read(yaml)));
  }

  @Test
  void aValidPolicyHasNoViolations() {
    String yaml =
        CNP + "spec: {endpointSelector: {}, egress: [{toPorts: [{ports: [{port: \"80\"}]}]}]}\n";
    assertEquals(List.of(), Admission.schema(Target.V1_16, PolicyYaml.readTrees(yaml).get(0)));
    assertEquals(List.of(), Admission.agent(Target.V1_16, PolicyYaml.read(yaml)));
  }
}
