package dev.cilia.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cilia.testing.UpstreamSchemas.Decision;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tests that need ../shared/reference run, fail under CI, or skip with a reason, never vanish. */
class UpstreamSchemasTest {
  @Test
  void aPresentFolderRuns() {
    assertEquals(Decision.RUN, UpstreamSchemas.decide(true, Map.of("CI", "true")));
    assertEquals(Decision.RUN, UpstreamSchemas.decide(true, Map.of()));
  }

  @Test
  void aMissingFolderFailsUnderCi() {
    assertEquals(Decision.FAIL, UpstreamSchemas.decide(false, Map.of("CI", "true")));
    assertEquals(Decision.FAIL, UpstreamSchemas.decide(false, Map.of("CI", "1")));
  }

  @Test
  void aMissingFolderIsSkippedOutsideCi() {
    assertEquals(Decision.SKIP, UpstreamSchemas.decide(false, Map.of()));
    assertEquals(Decision.SKIP, UpstreamSchemas.decide(false, Map.of("CI", "")));
  }
}
