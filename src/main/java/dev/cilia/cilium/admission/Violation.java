package dev.cilia.cilium.admission;

/**
 * One reason a policy object is refused: by the API server's schema ({@link Check#SCHEMA}, the
 * object is rejected or pruned) or by the agent's import checks ({@link Check#AGENT}, the whole
 * policy is ignored).
 *
 * @param check who refuses it
 * @param code for {@code SCHEMA} the JSON Schema keyword that failed ({@code required}, {@code
 *     additionalProperties}, {@code kind}, …); for {@code AGENT} the check's id of
 *     docs/agent-checks.md ({@code V16}, {@code M1}, {@code O2})
 * @param path a JSON pointer into the object ({@code /spec/egress/0/toPorts/0/ports}); {@code ""}
 *     is the whole object
 * @param message what is wrong, without the path; for {@code AGENT} the agent's own wording for the
 *     target version
 */
public record Violation(Check check, String code, String path, String message) {
  /** Who refuses the object. */
  public enum Check {
    SCHEMA,
    AGENT
  }

  static Violation schema(String keyword, String path, String message) {
    return new Violation(Check.SCHEMA, keyword, path, message);
  }

  static Violation agent(AgentViolation v) {
    return new Violation(Check.AGENT, v.rule(), v.path(), v.message());
  }

  /** The path as printed: {@code /} for the whole object. */
  public String pointer() {
    return path.isEmpty() ? "/" : path;
  }
}
