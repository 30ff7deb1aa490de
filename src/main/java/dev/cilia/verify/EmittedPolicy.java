package dev.cilia.verify;

import dev.cilia.cilium.Target;
import dev.cilia.ir.Policy;
import dev.cilia.source.Span;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One emitted document as the proof, the tests and explain see it: the YAML bytes (read back, never
 * the lowered objects), the IR policy that says what to ask, its target, and for each rule item
 * path ({@code egress[3]}) the statement that produced it.
 */
public record EmittedPolicy(
    Policy policy, Target target, String fileName, String yaml, Map<String, Span> origins) {
  public EmittedPolicy {
    origins = Collections.unmodifiableMap(new LinkedHashMap<>(origins));
  }
}
