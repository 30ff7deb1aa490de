package dev.cilia.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cilia.diag.Code;
import dev.cilia.diag.Diagnostic;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * CIL0303 compares an open policy only with the enforcing policies that may share its pods: those
 * of its namespace and the clusterwide ones, or for a clusterwide policy the namespace it names.
 */
class OpenAndEnforcedCandidatesTest {
  private static List<Diagnostic> conflicts(String text) {
    return Lowerer.lower(CheckedPrograms.of(text), Optional.empty()).diagnostics().stream()
        .filter(d -> d.code() == Code.CIL0303)
        .toList();
  }

  private static final String ENFORCING =
      """
      policy lockdown in namespace shop {
        select app=api
        enforce egress
        allow https to world
      }
      policy lockdown in namespace bank {
        select app=api
        enforce egress
        allow https to world
      }
      """;

  @Test
  void aClusterwidePolicyNamingANamespaceMeetsOnlyThatNamespace() {
    List<Diagnostic> found =
        conflicts(
            "cilium 1.15\n"
                + "clusterwide policy dns {\n  select namespace bank\n  observe dns \"*\"\n}\n"
                + ENFORCING);
    assertEquals(1, found.size(), found.toString());
    assertTrue(found.get(0).message().contains("`bank/lockdown`"), found.get(0).message());
  }

  @Test
  void aClusterwidePolicyNamingAnotherNamespaceMeetsNone() {
    List<Diagnostic> found =
        conflicts(
            "cilium 1.15\n"
                + "clusterwide policy dns {\n  select namespace media\n  observe dns \"*\"\n}\n"
                + ENFORCING);
    assertEquals(List.of(), found);
  }

  @Test
  void aClusterwidePolicyByLabelsMeetsTheFirstEnforcingPolicyInInputOrder() {
    List<Diagnostic> found =
        conflicts(
            "cilium 1.15\n"
                + "clusterwide policy dns {\n  select namespaces team=a\n  observe dns \"*\"\n}\n"
                + ENFORCING);
    assertEquals(1, found.size(), found.toString());
    assertTrue(found.get(0).message().contains("`shop/lockdown`"), found.get(0).message());
  }

  @Test
  void anOpenPolicyMeetsAnEnforcingClusterwidePolicy() {
    List<Diagnostic> found =
        conflicts(
            """
            cilium 1.15
            clusterwide policy guard {
              select namespaces team=a
              enforce egress
              allow https to world
            }
            policy visibility in namespace shop {
              observe dns "*"
            }
            """);
    assertEquals(1, found.size(), found.toString());
    assertTrue(found.get(0).message().contains("`guard`"), found.get(0).message());
  }

  @Test
  void disjointPodsOrANewerTargetMeetNone() {
    assertEquals(
        List.of(),
        conflicts(
            """
            cilium 1.15
            policy visibility in namespace shop {
              select app=web
              observe dns "*"
            }
            policy lockdown in namespace shop {
              select app=api
              enforce egress
              allow https to world
            }
            """));
    assertEquals(
        List.of(),
        conflicts(
            "cilium 1.16\npolicy visibility in namespace shop {\n  observe dns \"*\"\n}\n"
                + ENFORCING));
  }
}
