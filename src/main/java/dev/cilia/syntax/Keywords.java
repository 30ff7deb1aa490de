package dev.cilia.syntax;

import dev.cilia.syntax.antlr.CiliaLexer;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import org.antlr.v4.runtime.Vocabulary;

/**
 * The keywords of the language, read from the generated lexer's vocabulary (the literal rules
 * {@code POLICY : 'policy' ;} of {@code grammar/Cilia.g4}), so that no other list can drift from
 * the grammar.
 */
public final class Keywords {
  /**
   * Keywords that the grammar also takes as a name wherever a name may stand: {@code monitoring}
   * starts a declaration only at the top level and stays usable as a {@code let} name.
   */
  public static final Set<String> CONTEXTUAL = Set.of("monitoring");

  private static final Set<String> ALL = read(CiliaLexer.VOCABULARY);

  private Keywords() {}

  /** Every keyword of the lexer, sorted. */
  public static Set<String> all() {
    return ALL;
  }

  /** Whether {@code word} is a keyword that cannot name a {@code let}. */
  public static boolean isReserved(String word) {
    return ALL.contains(word) && !CONTEXTUAL.contains(word);
  }

  private static Set<String> read(Vocabulary vocabulary) {
    Set<String> out = new TreeSet<>();
    for (int type = 1; type <= vocabulary.getMaxTokenType(); type++) {
      String literal = vocabulary.getLiteralName(type);
      if (literal != null && literal.matches("'[a-z]+'")) {
        out.add(literal.substring(1, literal.length() - 1));
      }
    }
    return Collections.unmodifiableSet(out);
  }
}
