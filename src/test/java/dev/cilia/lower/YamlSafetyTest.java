package dev.cilia.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.cilia.cilium.PolicyYaml;
import dev.cilia.cilium.model.CiliumPolicy;
import dev.cilia.driver.Compilation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Strings from the input are quoted by the YAML library: they can never change the structure. */
class YamlSafetyTest {
  @Test
  void trickyStringsSurviveTheRoundTrip(@TempDir Path dir) throws Exception {
    String description =
        "x: y # z --- \\\"quoted\\\" \\\\ {a: [b]} &anchor *alias !tag | > % @ `é😀";
    Path file = dir.resolve("tricky.cilia");
    Files.writeString(
        file,
        "policy tricky in namespace shop {\n"
            + "  description \""
            + description
            + "\"\n"
            + "  label yes=true\n"
            + "  label null=null\n"
            + "  label octal=0123\n"
            + "  label float=1e3\n"
            + "  label tilde=\"\"\n"
            + "  select app=no, tier=\"\"\n"
            + "  allow https to fqdn \"*.example.com\"\n"
            + "}\n");
    Compilation.Outcome outcome =
        Compilation.run(
            new Compilation.Options(List.of(file), false, Optional.empty(), Optional.empty()));
    assertFalse(outcome.hasErrors(), () -> outcome.diagnostics().toString());
    String yaml = outcome.documents().get(0).yaml();
    List<?> docs = PolicyYaml.readTrees(yaml);
    assertEquals(1, docs.size(), yaml);
    CiliumPolicy back = PolicyYaml.read(yaml);
    assertEquals(
        "x: y # z --- \"quoted\" \\ {a: [b]} &anchor *alias !tag | > % @ `é😀",
        back.spec().description());
    assertEquals(
        Map.of("yes", "true", "null", "null", "octal", "0123", "float", "1e3", "tilde", ""),
        back.metadata().getLabels());
    assertEquals(Map.of("app", "no", "tier", ""), back.spec().endpointSelector().getMatchLabels());
    assertEquals("*.example.com", back.spec().egress().get(1).toFQDNs().get(0).matchPattern());
  }
}
