package dev.cilia.testing;

import java.util.Optional;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Pins every property's random seed when the system property {@code cilia.jqwik.seed} names one
 * (the default build sets it, so that {@code ./mvnw verify} generates the same tries every run);
 * when it is empty ({@code -Pproperties-long}) jqwik picks random seeds as usual. Each property
 * gets its own seed, derived from the pinned one and its class and method, so that properties do
 * not all walk the same sequence. A property with its own {@code @Property(seed = …)} keeps it.
 * Registered for every property through {@code META-INF/services}.
 */
public final class PinnedSeeds implements AroundPropertyHook {
  /** The system property with the base seed. */
  public static final String PROPERTY = "cilia.jqwik.seed";

  @Override
  public PropagationMode propagateTo() {
    return PropagationMode.ALL_DESCENDANTS;
  }

  @Override
  public PropertyExecutionResult aroundProperty(
      PropertyLifecycleContext context, PropertyExecutor property) {
    Optional<String> base = base();
    if (base.isPresent() && context.attributes().seed().filter(s -> !s.isEmpty()).isEmpty()) {
      String name = context.containerClass().getName() + "#" + context.targetMethod().getName();
      context.attributes().setSeed(seed(base.get(), name));
    }
    return property.execute();
  }

  /** The pinned base seed, if the build pins one. */
  static Optional<String> base() {
    return Optional.ofNullable(System.getProperty(PROPERTY))
        .map(String::strip)
        .filter(s -> !s.isEmpty());
  }

  /** The seed of one property: the same for the same base and name, different across names. */
  static String seed(String base, String name) {
    long value;
    try {
      value = Long.parseLong(base);
    } catch (NumberFormatException e) {
      value = base.hashCode();
    }
    return Long.toString(value * 31 + name.hashCode());
  }
}
