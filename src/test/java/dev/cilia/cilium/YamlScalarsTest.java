package dev.cilia.cilium;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The one-pass quoting decision agrees with its definition by patterns, string by string. */
class YamlScalarsTest {
  private static final Pattern SAFE =
      Pattern.compile("[A-Za-z0-9_/][A-Za-z0-9 _./:@;()'!?+=*&%$~<>|^-]*");
  private static final Set<String> WORDS =
      Set.of("y", "n", "yes", "no", "true", "false", "on", "off", "null", "~");
  private static final Pattern NUMERIC_START = Pattern.compile("[+-]?\\.?[0-9.].*");
  private static final Pattern NOT_NUMERIC = Pattern.compile(".*[/@g-np-su-wyG-NP-SU-WY].*");

  /** The definition: safe characters, no indicator pair, no implicit type of YAML 1.1 or 1.2. */
  private static boolean byPatterns(String text) {
    if (text.isEmpty() || !SAFE.matcher(text).matches()) {
      return true;
    }
    if (text.endsWith(":") || text.endsWith(" ") || text.contains(": ") || text.contains(" #")) {
      return true;
    }
    if (WORDS.contains(text.toLowerCase(Locale.ROOT))) {
      return true;
    }
    if (NUMERIC_START.matcher(text).matches()) {
      return !NOT_NUMERIC.matcher(text).matches();
    }
    return false;
  }

  @Test
  void knownScalars() {
    for (String s :
        new String[] {
          "",
          "app",
          "0x1F",
          "0o17",
          ".NaN",
          "1_000",
          "0b101",
          "2001-01-01",
          "<<",
          "~",
          "Yes",
          "OFF",
          "1.0.1",
          "1e3",
          "1:20",
          "10.0.0.0/8",
          "api.example.com",
          "a: b",
          "a #b",
          "a:",
          "a ",
          "k8s:app",
          "9100",
          "80-x",
          "1k",
          "1z",
          "é",
          "a\u2028b",
          "/healthz",
          "_x",
          "-x",
          "@x"
        }) {
      assertEquals(byPatterns(s), YamlScalars.needsQuotes(s), s);
    }
  }

  @Test
  void generatedScalars() {
    String alphabet = "aZyYnNoO019_/.:@ #-+~<>|^=eEgGxXbB\u00e9\u2028\n\t'\"!?*&%$;()";
    Random random = new Random(7);
    for (int i = 0; i < 200_000; i++) {
      StringBuilder b = new StringBuilder();
      int n = random.nextInt(7);
      for (int j = 0; j < n; j++) {
        b.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String s = b.toString();
      assertEquals(byPatterns(s), YamlScalars.needsQuotes(s), () -> "`" + s + "`");
    }
  }
}
