package dev.cilia.lsp;

import static dev.cilia.lsp.Workspaces.at;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HoversTest {
  @TempDir Path dir;
  Workspaces w;
  Path app;

  @BeforeEach
  void setUp() {
    w = new Workspaces(dir);
    w.write("common.cilia", Workspaces.COMMON);
    app = w.write("app.cilia", Workspaces.APP);
  }

  private String hover(String text, String needle, int delta) {
    return Hovers.hover(w.analyze(), app, at(text, needle, delta))
        .map(h -> h.getContents().getRight().getValue())
        .orElse("");
  }

  @Test
  void aStatementShowsItsRuleItemsAndTheProof() {
    String text = hover(Workspaces.APP, "allow postgres", 3);
    assertTrue(text.contains("`shop.app.yaml` `spec.egress["), text);
    assertTrue(text.contains("egress:\n- toCIDRSet:\n  - cidr: 10.20.30.0/24"), text);
    assertTrue(text.contains("port: \"5432\""), text);
    assertTrue(text.matches("(?s).*Proof: \\d+ of \\d+ declared flows proven.*"), text);
  }

  @Test
  void aRangeOnAnOldTargetIsShownExpanded() {
    String text = hover(Workspaces.APP, "allow tcp 9000", 3);
    assertTrue(text.contains("toEntities:\n  - kube-apiserver"), text);
    assertTrue(text.contains("port: \"9010\""), text);
    assertFalse(text.contains("endPort"), text);
  }

  @Test
  void letsPresetsAndBuiltinsShowTheirValue() {
    assertTrue(hover(Workspaces.APP, "to db", 4).contains("let db = cidr 10.20.30.0/24"));
    assertTrue(hover(Workspaces.APP, "to db", 4).contains("from `common.cilia`"));
    assertTrue(hover(Workspaces.APP, "let api", 5).contains("let api = fqdn \"api.example.com\""));
    assertTrue(hover(Workspaces.APP, "postgres", 1).contains("`postgres`: preset, `tcp 5432`"));
    assertTrue(
        hover(Workspaces.APP, "kube-apiserver", 1)
            .contains("`kube-apiserver`: builtin peer, `entity kube-apiserver`"));
  }

  @Test
  void theTargetLineSaysWhatTheTargetChanges() {
    String text = hover(Workspaces.APP, "1.15", 1);
    assertTrue(text.contains("**Cilium 1.15**"), text);
    assertTrue(text.contains("expanded into single ports"), text);
  }

  @Test
  void withErrorsTheHoverSaysWhyThereIsNoYaml() {
    String broken = Workspaces.APP.replace("allow web to api", "allow web to nowhere");
    w.open("app.cilia", broken);
    String text = hover(broken, "allow postgres", 3);
    assertTrue(text.startsWith("Not compiled: 1 error"), text);
  }
}
