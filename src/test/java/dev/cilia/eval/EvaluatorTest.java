package dev.cilia.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cilia.cilium.PolicyYaml;
import dev.cilia.cilium.Target;
import dev.cilia.cilium.model.CiliumPolicy;
import dev.cilia.eval.Verdict.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The evaluator's helpers for tests and what is not a table: malformed documents and endpoint
 * literals. The cases of CILIUM-POLICY.md §3 are data, in {@code src/test/resources/eval/
 * cases.yaml} ({@link EvaluatorCasesTest}).
 */
class EvaluatorTest {

  static Endpoint.Pod pod(String namespace, String... labels) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < labels.length; i += 2) {
      map.put(labels[i], labels[i + 1]);
    }
    return new Endpoint.Pod(namespace, map, Map.of());
  }

  static Evaluator evaluator(Target target, String... documents) {
    List<CiliumPolicy> policies = new ArrayList<>();
    for (String d : documents) {
      policies.add(PolicyYaml.read(d));
    }
    return new Evaluator(target, policies);
  }

  static String cnp(String namespace, String name, String spec) {
    return "apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata:\n  name: "
        + name
        + "\n  namespace: "
        + namespace
        + "\nspec:\n"
        + spec.indent(2);
  }

  static String ccnp(String name, String spec) {
    return "apiVersion: cilium.io/v2\nkind: CiliumClusterwideNetworkPolicy\nmetadata:\n  name: "
        + name
        + "\nspec:\n"
        + spec.indent(2);
  }

  static void assertKind(Kind expected, Verdict v) {
    assertEquals(expected, v.kind(), v::toString);
  }

  @Test
  void malformedDocumentsAreRejectedWithTheirPath() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                evaluator(
                    Target.V1_18,
                    cnp(
                        "default",
                        "bad",
                        """
                        endpointSelector: {}
                        egress:
                        - toCIDR: [10.0.0.0/33]
                        """)));
    assertTrue(e.getMessage().startsWith("policy default/bad: "), e.getMessage());
  }

  @Test
  void endpointsParseLiteralsOnly() {
    assertThrows(IllegalArgumentException.class, () -> Endpoint.ip("example.com"));
    assertThrows(IllegalArgumentException.class, () -> Endpoint.ip("1.2.3"));
    assertThrows(IllegalArgumentException.class, () -> new Endpoint.Entity("cluster"));
    assertEquals("ip 2001:db8:0:0:0:0:0:1", Endpoint.ip("2001:db8::1").toString());
  }
}
