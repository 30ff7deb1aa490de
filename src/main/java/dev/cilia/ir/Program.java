package dev.cilia.ir;

import java.util.List;

/** Everything a run compiles: the policies and tests of all input files and their imports. */
public record Program(List<Policy> policies, List<TestCase> tests) {
  public Program {
    policies = List.copyOf(policies);
    tests = List.copyOf(tests);
  }
}
