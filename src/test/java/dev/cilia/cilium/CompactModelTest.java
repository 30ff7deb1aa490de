package dev.cilia.cilium;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cilia.cilium.model.CiliumPolicy;
import dev.cilia.cilium.model.EgressRule;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The model read back keeps what it read, in the order it read it, in compact form: lists of their
 * own size that cannot change, and the shared empty map where fabric8 makes one per object.
 */
class CompactModelTest {
  private static final String DOCUMENT =
      """
      apiVersion: cilium.io/v2
      kind: CiliumNetworkPolicy
      metadata:
        name: api
        namespace: shop
      spec:
        endpointSelector:
          matchLabels:
            tier: web
            app: api
        egress:
        - toEndpoints:
          - matchLabels:
              k8s:io.kubernetes.pod.namespace: billing
          toPorts:
          - ports:
            - port: "443"
              protocol: TCP
            - port: "8443"
              protocol: TCP
        - toEntities:
          - world
      """;

  @Test
  void listsAreImmutableAndOfTheirSize() {
    CiliumPolicy policy = PolicyYaml.read(DOCUMENT);
    List<EgressRule> egress = policy.spec().egress();
    assertEquals(2, egress.size());
    assertNotEquals(ArrayList.class, egress.getClass());
    assertThrows(UnsupportedOperationException.class, () -> egress.add(EgressRule.empty()));
    assertEquals(List.of("world"), egress.get(1).toEntities());
    assertEquals(
        List.of("443", "8443"),
        egress.get(0).toPorts().get(0).ports().stream().map(p -> p.port()).toList());
  }

  @Test
  void fabric8EmptiesAreSharedAndLabelsKeepTheirOrder() {
    CiliumPolicy policy = PolicyYaml.read(DOCUMENT);
    LabelSelector subject = policy.spec().endpointSelector();
    assertEquals(List.of("tier", "app"), List.copyOf(subject.getMatchLabels().keySet()));
    assertSame(Map.of(), subject.getAdditionalProperties());
    assertSame(List.of(), subject.getMatchExpressions());
    assertSame(Map.of(), policy.metadata().getAdditionalProperties());
    assertSame(List.of(), policy.metadata().getOwnerReferences());
    assertEquals("shop", policy.metadata().getNamespace());
  }

  @Test
  void aListHoldingNullIsReadAsWritten() {
    String text = DOCUMENT.replace("  - world\n", "  - world\n    - null\n");
    List<String> entities = PolicyYaml.read(text).spec().egress().get(1).toEntities();
    assertEquals(Arrays.asList("world", null), entities);
  }

  @Test
  void theCompactModelEqualsTheOneWritten() {
    CiliumPolicy read = PolicyYaml.read(DOCUMENT);
    assertEquals(read, PolicyYaml.read(PolicyYaml.write(read)));
    assertEquals(PolicyYaml.write(read), PolicyYaml.write(PolicyYaml.read(PolicyYaml.write(read))));
  }
}
