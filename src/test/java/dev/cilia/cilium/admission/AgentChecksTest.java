package dev.cilia.cilium.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cilia.cilium.PolicyYaml;
import dev.cilia.cilium.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The agent's import checks (docs/agent-checks.md) against the cases of {@code
 * src/test/resources/admission/*.yaml}: each document names its case, the targets it is checked for
 * ({@code # cilium: 1.16 1.17}) and the violations in order ({@code # expect: RULE PATH MESSAGE},
 * {@code /} for the whole object), or {@code # expect: none}.
 */
class AgentChecksTest {
  static final Path CASES = Path.of("src/test/resources/admission");
  static final Path DOC = Path.of("docs/agent-checks.md");

  /** One document of a case file. */
  record Case(String name, List<Target> targets, List<AgentViolation> expected, String yaml) {}

  static List<Case> cases(Path file) throws IOException {
    List<Case> cases = new ArrayList<>();
    for (String document : Files.readString(file).split("(?m)^---\n")) {
      String name = null;
      List<Target> targets = new ArrayList<>();
      List<AgentViolation> expected = new ArrayList<>();
      boolean none = false;
      for (String line : document.lines().toList()) {
        if (line.startsWith("# case: ")) {
          name = line.substring(8).strip();
        } else if (line.startsWith("# cilium: ")) {
          for (String v : line.substring(10).strip().split(" ")) {
            targets.add(Target.parse(v).orElseThrow(() -> new AssertionError("target " + v)));
          }
        } else if (line.equals("# expect: none")) {
          none = true;
        } else if (line.startsWith("# expect: ")) {
          String[] parts = line.substring(10).split(" ", 3);
          String path = parts[1].equals("/") ? "" : parts[1];
          expected.add(new AgentViolation(parts[0], path, parts[2]));
        }
      }
      String where = file + ": case " + name;
      assertTrue(name != null && !targets.isEmpty(), () -> where + " needs `# case:`, `# cilium:`");
      assertTrue(none != !expected.isEmpty(), () -> where + ": `expect: none` or violations");
      cases.add(new Case(name, targets, expected, document));
    }
    return cases;
  }

  static List<Path> files() throws IOException {
    try (Stream<Path> list = Files.list(CASES)) {
      return list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  @TestFactory
  List<DynamicNode> everyCaseReportsWhatItExpects() throws IOException {
    List<DynamicNode> files = new ArrayList<>();
    for (Path file : files()) {
      List<DynamicNode> tests = new ArrayList<>();
      for (Case c : cases(file)) {
        for (Target target : c.targets()) {
          tests.add(
              DynamicTest.dynamicTest(
                  c.name() + " @ " + target,
                  () ->
                      assertEquals(
                          c.expected(),
                          AgentChecks.check(target, PolicyYaml.read(c.yaml())),
                          () -> file + ": " + c.name() + " for " + target)));
        }
      }
      files.add(DynamicContainer.dynamicContainer(file.getFileName().toString(), tests));
    }
    return files;
  }

  /** Every check of docs/agent-checks.md has a case that trips it. */
  @Test
  void everyCheckTrips() throws IOException {
    Set<String> tripped = new TreeSet<>();
    int cases = 0;
    for (Path file : files()) {
      for (Case c : cases(file)) {
        cases += c.targets().size();
        c.expected().forEach(v -> tripped.add(v.rule()));
      }
    }
    assertTrue(cases >= 129, "cases: " + cases);
    Set<String> documented = new TreeSet<>();
    Matcher m = Pattern.compile("(?m)^\\| ([OVM]\\d+) \\|").matcher(Files.readString(DOC));
    while (m.find()) {
      documented.add(m.group(1));
    }
    // V30 says that deny rules go through the other checks; its cases report those checks' ids.
    documented.remove("V30");
    assertFalse(documented.isEmpty());
    documented.removeAll(tripped);
    assertEquals(Set.of(), documented, "checks of docs/agent-checks.md without a tripping case");
  }
}
