package dev.cilia.cilium.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The API server's dotted paths and the evaluator's rule names, from JSON pointers. */
class RuleViewTest {
  @Test
  void dottedPaths() {
    assertEquals("spec.egress[0].toPorts[1]", RuleView.dotted("/spec/egress/0/toPorts/1"));
    assertEquals("specs[2].ingress[0]", RuleView.dotted("/specs/2/ingress/0"));
    assertEquals("spec", RuleView.dotted("/spec"));
    assertEquals("spec", RuleView.dotted("/spec/"));
    assertEquals("", RuleView.dotted(""));
    assertEquals("", RuleView.dotted("/"));
  }

  @Test
  void ruleNames() {
    assertEquals("egress[0]", RuleView.ruleName("/spec/egress/0"));
    assertEquals("", RuleView.ruleName("/spec"));
    assertEquals("specs[1]", RuleView.ruleName("/specs/1"));
  }
}
