package dev.cilia.ir;

import java.util.List;

/** A label selector: requirements that must all hold; no requirements selects everything. */
public record Selector(List<Requirement> requirements) {
  public static final Selector ALL = new Selector(List.of());

  public Selector {
    requirements = List.copyOf(requirements);
  }

  public boolean isAll() {
    return requirements.isEmpty();
  }

  /** Kubernetes selector operators. */
  public enum Operator {
    IN,
    NOT_IN,
    EXISTS,
    DOES_NOT_EXIST
  }

  /** {@code key=value} is {@code IN [value]}; {@code key!=value} is {@code NOT_IN [value]}. */
  public record Requirement(String key, Operator operator, List<String> values) {
    public Requirement {
      values = List.copyOf(values);
    }
  }
}
