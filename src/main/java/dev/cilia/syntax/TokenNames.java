package dev.cilia.syntax;

import dev.cilia.syntax.antlr.CiliaLexer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

/** Names tokens and expectations in our words rather than ANTLR's. */
final class TokenNames {
  private TokenNames() {}

  static String found(Token token) {
    return switch (token.getType()) {
      case Token.EOF -> "end of file";
      case CiliaLexer.STRING -> "string " + token.getText();
      default -> "`" + token.getText() + "`";
    };
  }

  static String describe(IntervalSet expected, List<String> rules) {
    List<Integer> types = expected.toList();
    if (types.size() > 4) {
      String context = rules.isEmpty() ? "" : rules.get(0);
      return switch (context) {
        case "file", "topLevel" -> "a declaration (`policy`, `let`, `import`, `test`, …)";
        case "body", "statement" -> "a statement (`allow`, `deny`, `observe`, `select`, …) or `}`";
        case "peerExpr", "peer" -> "a peer (`namespace`, `pods`, `cidr`, `fqdn`, a name, …)";
        case "serviceList", "serviceItem", "protocol" -> "a service (`tcp 443`, `https`, …)";
        case "selector", "term", "labelValue", "word" -> "a label selector such as `app=web`";
        case "expectStmt", "testTarget" -> "`expect` or `}`";
        case "monitoringSetting", "monitoringValue" -> "a value (a word, a string or KEY=VALUE)";
        default -> "one of " + list(types.subList(0, 4)) + ", …";
      };
    }
    return list(types);
  }

  private static String list(List<Integer> types) {
    List<String> names = new ArrayList<>();
    for (int type : types) {
      names.add(name(type));
    }
    if (names.size() == 1) {
      return names.get(0);
    }
    return String.join(", ", names.subList(0, names.size() - 1))
        + " or "
        + names.get(names.size() - 1);
  }

  static String name(int type) {
    return switch (type) {
      case Token.EOF -> "end of file";
      case CiliaLexer.WORD -> "a name or number";
      case CiliaLexer.STRING -> "a string";
      case CiliaLexer.LBRACE -> "`{`";
      case CiliaLexer.RBRACE -> "`}`";
      case CiliaLexer.LPAREN -> "`(`";
      case CiliaLexer.RPAREN -> "`)`";
      case CiliaLexer.COMMA -> "`,`";
      case CiliaLexer.EQ -> "`=`";
      case CiliaLexer.EQEQ -> "`==`";
      case CiliaLexer.NEQ -> "`!=`";
      case CiliaLexer.BANG -> "`!`";
      default -> {
        String literal = CiliaLexer.VOCABULARY.getLiteralName(type);
        yield literal == null
            ? CiliaLexer.VOCABULARY.getDisplayName(type)
            : "`" + literal.substring(1, literal.length() - 1) + "`";
      }
    };
  }

  /** {@link #hintFor(IntervalSet)}, with the rules being parsed (innermost first). */
  static Optional<String> hintFor(IntervalSet expected, List<String> rules) {
    if (!rules.isEmpty()
        && (rules.get(0).equals("monitoringSetting") || rules.get(0).equals("monitoringValue"))) {
      return Optional.of(
          "each monitoring setting is NAME VALUE[, VALUE…], such as `interval 30s`; see"
              + " docs/monitoring.md");
    }
    return hintFor(expected);
  }

  static Optional<String> hintFor(IntervalSet expected) {
    if (expected.contains(CiliaLexer.RBRACE) && expected.size() <= 2) {
      return Optional.of("every `{` needs a matching `}`");
    }
    if (expected.contains(CiliaLexer.TO) && expected.contains(CiliaLexer.FROM)) {
      return Optional.of("write `to PEER` for egress or `from PEER` for ingress");
    }
    return Optional.empty();
  }
}
