package dev.cilia.eval;

import static dev.cilia.eval.EvaluatorTest.assertKind;
import static dev.cilia.eval.EvaluatorTest.ccnp;
import static dev.cilia.eval.EvaluatorTest.cnp;
import static dev.cilia.eval.EvaluatorTest.evaluator;
import static dev.cilia.eval.EvaluatorTest.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cilia.cilium.Target;
import dev.cilia.eval.Verdict.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Evaluator#decide(Flow, Side)} and {@link Evaluator#selecting}. */
class EvaluatorSidesTest {
  static final String API_EGRESS =
      cnp(
          "shop",
          "api",
          """
          endpointSelector:
            matchLabels:
              app: api
          egress:
          - toEndpoints:
            - matchLabels:
                app: db
            toPorts:
            - ports:
              - port: "5432"
                protocol: TCP
          """);

  static final String DB_INGRESS =
      cnp(
          "shop",
          "db",
          """
          endpointSelector:
            matchLabels:
              app: db
          ingress:
          - fromEndpoints:
            - matchLabels:
                app: billing
          """);

  static final String EVERYONE =
      ccnp(
          "everyone",
          """
          endpointSelector: {}
          egressDeny:
          - toEntities:
            - world
            toPorts:
            - ports:
              - port: "25"
                protocol: TCP
          """);

  static final Endpoint.Pod API = pod("shop", "app", "api");
  static final Endpoint.Pod DB = pod("shop", "app", "db");

  @Test
  void eachSideIsDecidedAlone() {
    Evaluator e = evaluator(Target.V1_18, API_EGRESS, DB_INGRESS);
    Flow flow = new Flow(API, DB, Protocol.TCP, 5432);
    assertKind(Kind.DENIED, e.decide(flow));
    assertEquals(List.of(Side.INGRESS), e.decide(flow).sides());
    Verdict egress = e.decide(flow, Side.EGRESS);
    assertKind(Kind.ALLOWED, egress);
    assertEquals(
        List.of(new RuleRef("shop/api", Side.EGRESS, "egress[0].toPorts[0]")), egress.rules());
    assertKind(Kind.DENIED, e.decide(flow, Side.INGRESS));
  }

  @Test
  void aSideNeedsAPodAtThatEnd() {
    Evaluator e = evaluator(Target.V1_18, API_EGRESS);
    Flow out = new Flow(API, Endpoint.ip("10.0.0.1"), Protocol.TCP, 1);
    assertThrows(IllegalArgumentException.class, () -> e.decide(out, Side.INGRESS));
    Flow in = new Flow(Endpoint.ip("10.0.0.1"), API, Protocol.TCP, 1);
    assertThrows(IllegalArgumentException.class, () -> e.decide(in, Side.EGRESS));
    assertKind(Kind.ALLOWED, e.decide(in, Side.INGRESS));
  }

  @Test
  void selectingNamesClusterwidePoliciesFirst() {
    Evaluator e = evaluator(Target.V1_18, API_EGRESS, DB_INGRESS, EVERYONE);
    assertEquals(List.of("everyone", "shop/api"), e.selecting(API));
    assertEquals(List.of("everyone", "shop/db"), e.selecting(DB));
    assertEquals(List.of("everyone"), e.selecting(pod("other", "app", "api")));
    assertEquals(List.of(), evaluator(Target.V1_18, API_EGRESS).selecting(DB));
  }
}
