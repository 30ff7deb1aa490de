package dev.cilia.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/** The plain-code reading of `allow … to NAME` agrees with its definition by a regex. */
class DirectionHintsProperties {
  private static final Pattern NAMED =
      Pattern.compile("^(?:allow|deny)\\b.*\\b(to|from)\\s+([a-z0-9]([-a-z0-9]*[a-z0-9])?)$");

  private static DirectionHints.Named byRegex(String statement) {
    Matcher m = NAMED.matcher(statement.strip().replaceAll("\\s+", " "));
    return m.matches() ? new DirectionHints.Named(m.group(1), m.group(2)) : null;
  }

  @Example
  void knownStatements() {
    for (String s :
        List.of(
            "allow tcp 80 to db",
            "allow  tcp 80\tto \n db ",
            "deny tcp 25 to world",
            "allow http from web",
            "allow http from web-1",
            "allow http from -web",
            "allow http from web-",
            "allow to db",
            "allowto db",
            "allow http fromto db",
            "allow http _to db",
            "allow http into db",
            "allow http to db.example",
            "allow http to Db",
            "allow https to fqdn \"x\u2028y\" to db",
            "allow https to fqdn \"é\" to db",
            "allow tcp 80 to\u00a0db",
            "deny",
            "allow",
            "")) {
      assertEquals(byRegex(s), DirectionHints.named(s), s);
    }
  }

  @Property
  void sameAsTheRegex(@ForAll("statements") String statement) {
    Statistics.collect(byRegex(statement) == null ? "no match" : "match");
    assertEquals(byRegex(statement), DirectionHints.named(statement), statement);
  }

  @Provide
  Arbitrary<String> statements() {
    Arbitrary<String> part =
        Arbitraries.oneOf(
            Arbitraries.of(
                "allow", "deny", "to", "from", " ", "  ", "\t", "\n", "\u000B", "-", "_", "db",
                "web-1", "é", "\u0301", "\u2028", "\u00a0", "\"", ",", "80", "x"),
            Arbitraries.strings().withChars("atofrmdb- _0\t").ofMaxLength(4));
    Arbitrary<String> name = Arbitraries.of(" db", " web-1", " to db", " from x", "", " -");
    return Combinators.combine(
            Arbitraries.of("allow", "deny", " allow", "allowx", ""), part.list().ofMaxSize(6), name)
        .as((first, parts, last) -> first + String.join("", parts) + last);
  }
}
