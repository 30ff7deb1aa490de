package dev.cilia.properties;

import dev.cilia.cilium.PolicyYaml;
import dev.cilia.cilium.admission.AgentChecks;
import dev.cilia.cilium.admission.AgentViolation;
import dev.cilia.cilium.admission.SchemaValidator;
import dev.cilia.emit.Emitted;
import dev.cilia.properties.Model.Program;
import dev.cilia.testing.UpstreamSchemas;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import tools.jackson.databind.JsonNode;

/**
 * LANGUAGE.md's guarantee 5 (issue 4): every emitted document passes our schema for its target, the
 * agent's import checks, and — when {@code ../shared/reference} is there — the upstream CRD schema
 * of the release the target is checked against.
 */
class ValidityProperties {
  @Provide
  Arbitrary<Program> programs() {
    return CiliaPrograms.programs();
  }

  @Property
  @StatisticsReport(onFailureOnly = true)
  void emittedDocumentsMatchSchema(@ForAll("programs") Program program) {
    // The generator must keep reaching every construct, or the properties check less than they say.
    java.util.Set<String> features = CiliaPrograms.features(program);
    for (String feature : CiliaPrograms.FEATURES) {
      Statistics.label(feature).collect(features.contains(feature));
      Statistics.label(feature).coverage(c -> c.check(true).percentage(p -> p >= 2));
    }
    Statistics.label("target").collect(program.target().version());
    Compiled compiled = Compiled.of(program);
    boolean upstream = UpstreamSchemas.present();
    for (Emitted emitted : compiled.outcome().documents()) {
      for (JsonNode document : PolicyYaml.readTrees(emitted.yaml())) {
        List<String> ours = SchemaValidator.validate(program.target(), document);
        if (!ours.isEmpty()) {
          throw new AssertionError(compiled.explain(emitted.fileName() + ": our schema: " + ours));
        }
        if (upstream) {
          List<String> theirs = UpstreamSchemas.validate(program.target(), document);
          if (!theirs.isEmpty()) {
            throw new AssertionError(
                compiled.explain(
                    emitted.fileName()
                        + ": upstream schema "
                        + program.target().upstreamSchemaVersion()
                        + ": "
                        + theirs));
          }
        }
      }
      List<AgentViolation> agent =
          AgentChecks.check(program.target(), PolicyYaml.read(emitted.yaml()));
      if (!agent.isEmpty()) {
        throw new AssertionError(compiled.explain(emitted.fileName() + ": agent: " + agent));
      }
    }
  }
}
