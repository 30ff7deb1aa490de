package dev.cilia.ir;

import java.util.List;
import java.util.Optional;

/**
 * Everything a run compiles: the policies and tests of all input files and their imports, and the
 * {@code monitoring} block if one is declared.
 */
public record Program(
    List<Policy> policies, List<TestCase> tests, Optional<Monitoring> monitoring) {
  public Program {
    policies = List.copyOf(policies);
    tests = List.copyOf(tests);
  }

  public Program(List<Policy> policies, List<TestCase> tests) {
    this(policies, tests, Optional.empty());
  }

  /**
   * This program for a cluster whose domain is {@code domain} (kubelet {@code --cluster-domain}).
   */
  public Program withClusterDomain(String domain) {
    return new Program(
        policies.stream().map(p -> p.withDns(p.dns().withClusterDomain(domain))).toList(),
        tests,
        monitoring);
  }
}
