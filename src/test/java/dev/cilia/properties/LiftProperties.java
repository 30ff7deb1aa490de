package dev.cilia.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cilia.cilium.PolicyYaml;
import dev.cilia.cilium.model.CiliumPolicy;
import dev.cilia.diag.Code;
import dev.cilia.driver.Compilation;
import dev.cilia.driver.Diffing;
import dev.cilia.driver.Importing;
import dev.cilia.driver.InputError;
import dev.cilia.emit.Emitted;
import dev.cilia.eval.Endpoint;
import dev.cilia.eval.Flow;
import dev.cilia.lift.Comparison;
import dev.cilia.lift.FlowSet;
import dev.cilia.properties.Model.Program;
import dev.cilia.verify.PolicySet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * {@code ciliac import} and {@code ciliac diff} on generated programs: importing what a program
 * emitted gives the same verdicts, a program differs from itself in nothing, and one added {@code
 * allow} changes exactly the flows it declares.
 */
class LiftProperties {
  static final String ADDED_PEER = "203.0.113.77";
  static final int ADDED_PORT = 41234;
  private static int changesSeen;
  private static int importsChecked;

  @Provide
  Arbitrary<Program> programs() {
    return CiliaPrograms.programs();
  }

  static List<Emitted> evidence(Compilation.Outcome outcome) {
    return outcome.documents();
  }

  @Property(tries = 25)
  void importOfCompiledYamlHasTheSameVerdicts(@ForAll("programs") Program program)
      throws IOException, InputError {
    Compiled compiled = Compiled.of(program);
    Path dir = Files.createTempDirectory("cilia-lift");
    try {
      Path yaml = dir.resolve("emitted.yaml");
      Files.writeString(yaml, compiled.yaml());
      Importing.Outcome imported =
          Importing.run(
              new Compilation.Options(
                  List.of(yaml), false, Optional.empty(), Optional.of(program.target())));
      assertTrue(
          imported.diagnostics().stream().noneMatch(d -> d.code() == Code.CIL0704),
          () -> compiled.explain("import changed meaning:\n" + imported.report()));
      assertEquals(compiled.outcome().documents().size(), imported.checks().size());
      for (Importing.Check c : imported.checks()) {
        assertTrue(c.flows() > 0, c::toString);
        assertTrue(c.differ().isEmpty() || c.todos() > 0, () -> compiled.explain(c.toString()));
        if (c.todos() == 0) {
          importsChecked++;
        }
      }
    } finally {
      try (var walk = Files.walk(dir)) {
        for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  @Property(tries = 60)
  void aProgramDiffersFromItselfInNothing(@ForAll("programs") Program program) {
    Compiled compiled = Compiled.of(program);
    List<Emitted> docs = evidence(compiled.outcome());
    Diffing.Outcome diff = Diffing.compare(docs, docs, program.target(), "p", "p");
    assertEquals(List.of(), diff.groups());
    // Not vacuous: every flow of every policy, decided twice from separate evaluators.
    FlowSet all = FlowSet.of(docs.stream().map(d -> PolicyYaml.read(d.yaml())).toList());
    assertTrue(all.size() > 0 || docs.isEmpty());
    assertEquals(
        List.of(),
        Comparison.compare(
            all, PolicySet.of(program.target(), docs), PolicySet.of(program.target(), docs)));
  }

  private static final Pattern POLICY = Pattern.compile("(?m)^(clusterwide )?policy [^\\n]*\\{\\n");

  @Property(tries = 60)
  void oneAddedAllowChangesExactlyItsFlows(@ForAll("programs") Program program) {
    Compiled before = Compiled.of(program);
    Map<String, String> files = new LinkedHashMap<>(program.files());
    String input = program.inputPaths().get(0);
    Matcher m = POLICY.matcher(files.get(input));
    if (!m.find()) {
      return;
    }
    String text = files.get(input);
    files.put(
        input,
        text.substring(0, m.end())
            + "  allow tcp "
            + ADDED_PORT
            + " to ip "
            + ADDED_PEER
            + "\n"
            + text.substring(m.end()));
    Compiled after = Compiled.of(program, files);
    List<Emitted> old = evidence(before.outcome());
    List<Emitted> now = evidence(after.outcome());
    Diffing.Outcome diff = Diffing.compare(old, now, program.target(), "p", "p+allow");
    int dns = 0;
    for (Diffing.Group g : diff.groups()) {
      if (resolverDns(g)) {
        // A policy's first egress statement brings DNS to its resolver, for every name.
        dns += g.flows();
        continue;
      }
      assertEquals("ip " + ADDED_PEER, g.peer(), () -> before.explain(g.toString()));
      assertEquals("egress", g.direction(), g::toString);
      assertTrue(g.example().startsWith("tcp/" + ADDED_PORT + " "), g::toString);
      assertEquals("allowed", g.after(), g::toString);
    }
    // Every flow of the allow whose outcome it changes is reported.
    PolicySet was = PolicySet.of(program.target(), old);
    PolicySet is = PolicySet.of(program.target(), now);
    List<CiliumPolicy> changed = new ArrayList<>();
    for (Emitted d : now) {
      if (old.stream().noneMatch(o -> o.yaml().equals(d.yaml()))) {
        changed.add(PolicyYaml.read(d.yaml()));
      }
    }
    int expected = 0;
    for (Flow f : FlowSet.of(changed).flows()) {
      if (f.destination() instanceof Endpoint.Ip ip
          && ip.address().getHostAddress().equals(ADDED_PEER)
          && f.port() == ADDED_PORT
          && f.protocol() == dev.cilia.eval.Protocol.TCP
          && f.source() instanceof Endpoint.Pod
          && !Comparison.outcome(was.decide(f)).equals(Comparison.outcome(is.decide(f)))) {
        expected++;
      }
    }
    assertEquals(
        expected,
        diff.groups().stream().mapToInt(Diffing.Group::flows).sum() - dns,
        () -> before.explain(DiffRender.text(diff)));
    changesSeen += expected;
  }

  /** A change the allow brings along: DNS to the resolver, allowed and proxied for every name. */
  private static boolean resolverDns(Diffing.Group g) {
    boolean lookup =
        g.direction().equals("dns")
            || g.example().startsWith("tcp/53 ")
            || g.example().startsWith("udp/53 ");
    return lookup && (g.after().equals("visible") || g.after().equals("allowed"));
  }

  @AfterContainer
  static void meaningful() {
    assertTrue(changesSeen > 0, "no try changed a verdict: the diff property checked nothing");
    assertTrue(importsChecked > 0, "no imported policy was checked without TODOs");
  }

  /** The text report, for failure messages. */
  static final class DiffRender {
    static String text(Diffing.Outcome o) {
      return dev.cilia.driver.DiffReport.text(o);
    }
  }

  static {
    // Fail early and clearly when the temporary folder is not writable.
    try {
      Files.deleteIfExists(Files.createTempFile("cilia-lift", ".probe"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
