package dev.cilia.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;
import org.junit.jupiter.api.Test;

/** The default build pins each property's seed; {@code -Pproperties-long} leaves them random. */
class PinnedSeedsTest {
  @Test
  void eachPropertyHasItsOwnStableSeed() {
    assertEquals(PinnedSeeds.seed("1702", "A#b"), PinnedSeeds.seed("1702", "A#b"));
    assertNotEquals(PinnedSeeds.seed("1702", "A#b"), PinnedSeeds.seed("1702", "A#c"));
    assertNotEquals(PinnedSeeds.seed("1702", "A#b"), PinnedSeeds.seed("1703", "A#b"));
  }

  /** Runs inside {@link PinnedSeeds} and checks the seed it set. */
  static final class SeedSeen implements AroundPropertyHook {
    @Override
    public int aroundPropertyProximity() {
      return 10;
    }

    @Override
    public PropertyExecutionResult aroundProperty(
        PropertyLifecycleContext context, PropertyExecutor property) {
      Optional<String> base = PinnedSeeds.base();
      String name = context.containerClass().getName() + "#" + context.targetMethod().getName();
      assertEquals(
          base.map(b -> PinnedSeeds.seed(b, name)),
          base.isPresent() ? context.attributes().seed() : Optional.empty(),
          "the pinned seed reaches the property");
      PropertyExecutionResult result = property.execute();
      base.ifPresent(b -> assertEquals(PinnedSeeds.seed(b, name), result.seed().orElseThrow()));
      return result;
    }
  }

  @Property(tries = 3)
  @AddLifecycleHook(SeedSeen.class)
  void thePinnedSeedIsTheOneUsed(@ForAll int any) {}
}
