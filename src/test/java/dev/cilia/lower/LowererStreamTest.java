package dev.cilia.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cilia.diag.Code;
import dev.cilia.diag.Diagnostic;
import dev.cilia.ir.Program;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The streaming form of {@link Lowerer#lower} hands each document on as it is made, in program
 * order, and otherwise lowers as the form that returns all documents: the same documents, the same
 * diagnostics, the checks across documents included.
 */
class LowererStreamTest {
  private static final String POLICIES =
      """
      cilium 1.15
      policy web in namespace shop {
        select app=web
        enforce egress
        allow https to world
      }
      policy api in namespace billing {
        select app=api
        observe dns "*"
      }
      clusterwide policy guard {
        select namespaces team=shop
        deny tcp 25 to world
      }
      policy open in namespace shop {
        select app=web
        allow tcp 8080 from pods app=lb
        allow tcp 9090 to world
      }
      """;

  @Test
  void handsOnTheSameDocumentsAndDiagnosticsInProgramOrder() {
    Program program = CheckedPrograms.of(POLICIES);
    Lowerer.Result all = Lowerer.lower(program, Optional.empty());
    List<Lowered> streamed = new ArrayList<>();
    List<Diagnostic> diagnostics = Lowerer.lower(program, Optional.empty(), streamed::add);

    assertEquals(
        List.of("web", "api", "guard", "open"),
        streamed.stream().map(l -> l.policy().name()).toList());
    List<Lowered> sorted = new ArrayList<>(streamed);
    sorted.sort(Comparator.comparing(Lowered::policy, Lowerer.DOCUMENT_ORDER));
    assertEquals(all.documents(), sorted);
    assertEquals(all.diagnostics(), diagnostics);
    // The check across documents ran on the streamed form too: `open` keeps 1.15's egress open.
    assertTrue(
        diagnostics.stream().anyMatch(d -> d.code() == Code.CIL0303), diagnostics.toString());
  }

  @Test
  void noDocumentReachesTheSinkOnceLoweringHasFailed() {
    Program program =
        CheckedPrograms.of(
            """
            policy first in namespace shop {
              select app=a
              allow https to world
            }
            policy broken in namespace shop {
              select app=b
              enforce dns
              allow https to world
            }
            policy last in namespace shop {
              select app=c
              allow https to world
            }
            """);
    List<String> streamed = new ArrayList<>();
    List<Diagnostic> diagnostics =
        Lowerer.lower(program, Optional.empty(), l -> streamed.add(l.policy().name()));

    assertEquals(List.of("first"), streamed);
    assertTrue(
        diagnostics.stream().anyMatch(d -> d.code() == Code.CIL0318), diagnostics.toString());
  }
}
