package dev.cilia.properties;

import dev.cilia.diag.Diagnostic;
import dev.cilia.diag.Related;
import dev.cilia.driver.Compilation;
import dev.cilia.source.SourceFile;
import dev.cilia.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * Robustness (issue 5): mutated valid source and random text never make the compiler throw; every
 * failure is a diagnostic with a code, a span inside its file and a message.
 */
class RobustnessProperties {

  /** Files to compile and which of them are inputs; prints as the files. */
  record Source(SortedMap<String, String> files, List<String> inputs) {
    @Override
    public String toString() {
      return Compiled.renderedFiles(files);
    }
  }

  @Provide
  Arbitrary<Source> sources() {
    return Arbitraries.frequencyOf(
        Tuple.of(6, mutated()), Tuple.of(2, tokenSoup()), Tuple.of(1, randomText()));
  }

  @Property
  @StatisticsReport(onFailureOnly = true)
  void robustness(@ForAll("sources") Source source) {
    Compilation.Outcome outcome = Compiled.run(source.files(), source.inputs());
    // Most inputs must fail (that is what is tested), and some mutations must still compile.
    Statistics.label("outcome").collect(outcome.hasErrors() ? "errors" : "compiles");
    Statistics.label("outcome")
        .coverage(
            c -> {
              c.check("errors").percentage(p -> p >= 40);
              c.check("compiles").percentage(p -> p >= 2);
            });
    List<SourceFile> files = outcome.files();
    for (Diagnostic d : outcome.diagnostics()) {
      String where = d + "\nfor\n" + source;
      check(d.code() != null && d.severity() != null, "a diagnostic without a code: " + where);
      check(!d.message().isBlank(), "a diagnostic without a message: " + where);
      check(d.hint().map(h -> !h.isBlank()).orElse(true), "a blank hint: " + where);
      check(!d.code().name().startsWith("CIL09"), "an internal error: " + d.message() + where);
      checkSpan(d.span(), files, where);
      for (Related r : d.related()) {
        checkSpan(r.span(), files, where);
        check(!r.message().isBlank(), "a related note without a message: " + where);
      }
    }
    if (!outcome.hasErrors()) {
      check(
          !outcome.documents().isEmpty() || outcome.program().policies().isEmpty(),
          "no errors and no documents for\n" + source);
    }
  }

  private static void checkSpan(Span span, List<SourceFile> files, String where) {
    check(
        files.stream()
            .anyMatch(f -> f == span.file() || f.displayName().equals(span.file().displayName())),
        "a span in a file that was not compiled: " + span.file().displayName() + " " + where);
    check(span.end() <= span.file().text().length(), "a span past the end of its file: " + where);
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new AssertionError(message);
    }
  }

  // ---------------------------------------------------------------- inputs

  /** One edit of the tokens of a file. */
  sealed interface Mutation permits Delete, Duplicate, Swap, Insert, Replace, Cut {}

  record Delete(int at) implements Mutation {}

  record Duplicate(int at) implements Mutation {}

  record Swap(int at, int with) implements Mutation {}

  record Insert(int at, String text) implements Mutation {}

  record Replace(int at, String token) implements Mutation {}

  /** Cuts the file at a character offset (anywhere, also inside a token or a string). */
  record Cut(int at) implements Mutation {}

  private static final Pattern TOKEN =
      Pattern.compile(
          "\"(?:\\\\.|[^\"\\\\\\n])*\"?|#[^\\n]*|\\s+|!=|==|[{}(),=!]|[^\\s{}(),=!\"#]+");

  static List<String> tokens(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = TOKEN.matcher(text);
    int at = 0;
    while (at < text.length() && m.find(at)) {
      if (m.start() > at) {
        out.add(text.substring(at, m.start()));
      }
      out.add(m.group());
      at = m.end();
    }
    if (at < text.length()) {
      out.add(text.substring(at));
    }
    return out;
  }

  static String apply(String text, List<Mutation> mutations) {
    for (Mutation mutation : mutations) {
      if (mutation instanceof Cut c) {
        text = text.substring(0, Math.floorMod(c.at(), text.length() + 1));
        continue;
      }
      List<String> tokens = tokens(text);
      if (tokens.isEmpty()) {
        tokens.add("");
      }
      int n = tokens.size();
      if (mutation instanceof Delete d) {
        tokens.remove(Math.floorMod(d.at(), n));
      } else if (mutation instanceof Duplicate d) {
        int i = Math.floorMod(d.at(), n);
        tokens.add(i, tokens.get(i));
      } else if (mutation instanceof Swap s) {
        java.util.Collections.swap(tokens, Math.floorMod(s.at(), n), Math.floorMod(s.with(), n));
      } else if (mutation instanceof Insert i) {
        tokens.add(Math.floorMod(i.at(), n + 1), i.text());
      } else if (mutation instanceof Replace r) {
        tokens.set(Math.floorMod(r.at(), n), r.token());
      }
      text = String.join("", tokens);
    }
    return text;
  }

  static final List<String> WORDS =
      List.of(
          "cilium",
          "1.13",
          "1.16",
          "1.19",
          "import",
          "\"lib/shared-1.cilia\"",
          "\"../x.cilia\"",
          "\"main.cilia\"",
          "let",
          "resolver",
          "policy",
          "clusterwide",
          "in",
          "namespace",
          "namespaces",
          "pods",
          "test",
          "for",
          "expect",
          "description",
          "label",
          "select",
          "enforce",
          "egress",
          "ingress",
          "observe",
          "dns",
          "http",
          "on",
          "allow",
          "deny",
          "visible",
          "to",
          "from",
          "or",
          "except",
          "cidr",
          "ip",
          "fqdn",
          "entity",
          "service",
          "ftp",
          "passive",
          "tcp",
          "udp",
          "sctp",
          "any",
          "notin",
          "{",
          "}",
          "(",
          ")",
          ",",
          "=",
          "==",
          "!=",
          "!",
          "world",
          "kube-dns",
          "https",
          "oracle",
          "app=web",
          "80",
          "0",
          "65536",
          "99999999999",
          "8080-80",
          "1-65535",
          "10.0.0.0/8",
          "10.0.0.1/8",
          "::/0",
          "2001:db8::/129",
          "300.1.1.1",
          "\"*\"",
          "\"**.x\"",
          "\"\"",
          "\"a\\qb\"",
          "\"unterminated",
          "#",
          "-",
          "p.q",
          "A",
          "_",
          "peer-1",
          "svc-1",
          "\n",
          "\t",
          "\u00e9",
          "\u2028",
          "\ud83d\ude00",
          "\ud800",
          "\u0000",
          "\r\n",
          "\ufeff");

  static Arbitrary<String> insertions() {
    return Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.of(WORDS)),
        Tuple.of(1, Arbitraries.strings().all().ofMinLength(1).ofMaxLength(4)));
  }

  static Arbitrary<Mutation> mutation() {
    Arbitrary<Integer> at = Arbitraries.integers().between(0, 400);
    return Arbitraries.frequencyOf(
        Tuple.of(3, at.map(Delete::new)),
        Tuple.of(2, at.map(Duplicate::new)),
        Tuple.of(2, Combinators.combine(at, at).as(Swap::new)),
        Tuple.of(3, Combinators.combine(at, insertions()).as(Insert::new)),
        Tuple.of(3, Combinators.combine(at, Arbitraries.of(WORDS)).as(Replace::new)),
        Tuple.of(1, Arbitraries.integers().between(0, 3000).map(Cut::new)));
  }

  static Arbitrary<Source> mutated() {
    return Combinators.combine(
            CiliaPrograms.programs(),
            Arbitraries.integers().between(0, 4),
            mutation().list().ofMinSize(1).ofMaxSize(4))
        .as(
            (program, which, mutations) -> {
              SortedMap<String, String> files = new TreeMap<>(program.files());
              String path = new ArrayList<>(files.keySet()).get(which % files.size());
              files.put(path, apply(files.get(path), mutations));
              return new Source(files, program.inputPaths());
            });
  }

  static Arbitrary<Source> tokenSoup() {
    Arbitrary<String> separator = Arbitraries.of(" ", " ", "\n", "", "  ");
    return Combinators.combine(Arbitraries.of(WORDS), separator)
        .as((w, s) -> w + s)
        .list()
        .ofMaxSize(40)
        .map(words -> main(String.join("", words)));
  }

  static Arbitrary<Source> randomText() {
    return Arbitraries.strings().all().ofMaxLength(200).map(RobustnessProperties::main);
  }

  private static Source main(String text) {
    SortedMap<String, String> files = new TreeMap<>(Map.of("main.cilia", text));
    files.put("lib/shared-1.cilia", "let web = pods app=web\n");
    return new Source(files, List.of("main.cilia"));
  }
}
