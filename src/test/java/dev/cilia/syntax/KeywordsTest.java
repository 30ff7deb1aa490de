package dev.cilia.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The keywords come from the lexer's vocabulary, and the editors' TextMate grammars highlight
 * exactly those (also checked, with a real tokenizer, by {@code editors/test/keywords.test.mjs}).
 */
class KeywordsTest {
  static final Pattern WORDS = Pattern.compile("\\(\\?:([a-z|]+)\\)");

  @Test
  void theLexerHasTheKeywords() {
    Set<String> all = Keywords.all();
    assertTrue(all.size() >= 40, all::toString);
    assertTrue(all.containsAll(Set.of("policy", "notin", "passive", "monitoring")), all::toString);
    assertTrue(Keywords.isReserved("policy"));
    assertTrue(!Keywords.isReserved("monitoring") && !Keywords.isReserved("web"));
  }

  @Test
  void everyTextMateGrammarHighlightsExactlyTheLexersKeywords() throws IOException {
    for (String grammar :
        new String[] {
          "editors/textmate/cilia.tmLanguage.json", "editors/vscode/syntaxes/cilia.tmLanguage.json"
        }) {
      JsonNode patterns =
          JsonMapper.builder()
              .build()
              .readTree(Files.readString(Path.of(grammar)))
              .at("/repository/keywords/patterns");
      Set<String> highlighted = new TreeSet<>();
      for (JsonNode pattern : patterns) {
        Matcher m = WORDS.matcher(pattern.get("match").asString());
        assertTrue(m.find(), grammar + ": a keyword pattern without a word list");
        highlighted.addAll(Set.of(m.group(1).split("\\|")));
      }
      assertEquals(Keywords.all(), highlighted, grammar);
    }
  }
}
