package dev.cilia.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cilia.cilium.Entities;
import dev.cilia.syntax.Keywords;
import dev.cilia.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The names every file knows come from their one home: the lexer and {@code cilium.Entities}. */
class VocabularyTest {
  @TempDir Path dir;

  @Test
  void editorsGetTheLexersKeywordsAndTheCrdsEntities() {
    assertEquals(Keywords.all(), Vocabulary.keywords());
    assertEquals(Entities.CRD.size(), Vocabulary.entities().size());
    assertTrue(Vocabulary.entities().containsAll(Entities.CRD));
  }

  @Test
  void everyKeywordButTheContextualOnesIsRefusedAsALetName() throws Exception {
    StringBuilder text = new StringBuilder();
    for (String keyword : Keywords.all()) {
      text.append("let ").append(keyword).append(" = world\n");
    }
    Path file = dir.resolve("keywords.cilia");
    Files.writeString(file, text);
    Cli.Run run = Cli.run("check", file.toString());
    assertEquals(1, run.exitCode(), run.err());
    long refused = run.err().lines().filter(l -> l.contains("error[CIL0205]")).count();
    assertEquals(Keywords.all().size() - Keywords.CONTEXTUAL.size(), refused, run.err());
    assertTrue(!run.err().contains("`monitoring` is a keyword"), run.err());
  }
}
