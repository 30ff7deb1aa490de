package dev.cilia.cilium;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.cilia.cilium.model.CiliumPolicy;
import dev.cilia.cilium.model.PortProtocol;
import dev.cilia.source.SharedStrings;
import org.junit.jupiter.api.Test;

/** Short strings and ports read back are one instance each; the text never changes. */
class SharedStringsTest {
  private static final String DOCUMENT =
      """
      apiVersion: cilium.io/v2
      kind: CiliumNetworkPolicy
      metadata:
        name: NAME
        namespace: shop
      spec:
        endpointSelector:
          matchLabels:
            k8s:app: api
        egress:
          - toEndpoints:
              - matchLabels:
                  k8s:io.kubernetes.pod.namespace: kube-system
                  k8s:k8s-app: kube-dns
            toPorts:
              - ports:
                  - port: "53"
                    protocol: ANY
                  - port: "8000"
                    endPort: 8100
                    protocol: TCP
      """;

  @Test
  void equalShortStringsBecomeOneInstance() {
    String a = new String("k8s:io.kubernetes.pod.namespace".toCharArray());
    String b = new String("k8s:io.kubernetes.pod.namespace".toCharArray());
    assertNotSame(a, b);
    assertSame(SharedStrings.of(a), SharedStrings.of(b));
    assertEquals(a, SharedStrings.of(b));
  }

  @Test
  void longStringsAndNullStayAsTheyAre() {
    String longText = "x".repeat(65);
    String copy = new String(longText.toCharArray());
    SharedStrings.of(longText);
    assertSame(copy, SharedStrings.of(copy));
    assertNull(SharedStrings.of(null));
  }

  @Test
  void slotCollisionsKeepEveryStringItsOwnText() {
    for (int i = 0; i < 100_000; i++) {
      String text = "egress[" + i + "]";
      assertEquals(text, SharedStrings.of(text));
    }
  }

  @Test
  void twoDocumentsReadBackShareTheirStringsAndPorts() {
    CiliumPolicy first = PolicyYaml.read(DOCUMENT.replace("NAME", "first"));
    CiliumPolicy second = PolicyYaml.read(DOCUMENT.replace("NAME", "second"));
    PortProtocol dns = ports(first).get(0);
    assertEquals(new PortProtocol("53", null, "ANY"), dns);
    assertSame(dns, ports(second).get(0));
    String key = firstLabelKey(first);
    String sameKey = firstLabelKey(second);
    assertEquals("k8s:io.kubernetes.pod.namespace", key);
    assertSame(key, sameKey);
    assertEquals("first", first.metadata().getName());
    assertEquals("second", second.metadata().getName());
  }

  @Test
  void aPortRangeIsReadWithItsEnd() {
    PortProtocol range = ports(PolicyYaml.read(DOCUMENT.replace("NAME", "range"))).get(1);
    assertEquals(new PortProtocol("8000", 8100, "TCP"), range);
  }

  @Test
  void aStreamOfTwoDocumentsIsReadAsTwoTrees() {
    String stream =
        "---\n" + DOCUMENT.replace("NAME", "one") + "---\n" + DOCUMENT.replace("NAME", "two");
    var trees = PolicyYaml.readTrees(stream);
    assertEquals(2, trees.size());
    assertEquals("two", trees.get(1).path("metadata").path("name").asString());
  }

  private static String firstLabelKey(CiliumPolicy policy) {
    var labels = policy.spec().egress().get(0).toEndpoints().get(0).getMatchLabels();
    return labels.keySet().iterator().next();
  }

  private static java.util.List<PortProtocol> ports(CiliumPolicy policy) {
    return policy.spec().egress().get(0).toPorts().get(0).ports();
  }
}
