package dev.cilia.check;

import java.util.Collection;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Hints for unknown names: the likely slip first (an address without {@code ip}, {@code tcp/1521},
 * {@code app:web}), then "did you mean" the closest known name, then a short list of names.
 */
final class Suggestions {
  /** How many names a hint lists before it stops with "…". */
  static final int LISTED = 12;

  private static final Pattern PROTOCOL_SLASH_PORT =
      Pattern.compile("(?i)(tcp|udp|sctp)/([0-9]+(-[0-9]+)?)");
  private static final Pattern PORT_SLASH_PROTOCOL =
      Pattern.compile("(?i)([0-9]+(-[0-9]+)?)/(tcp|udp|sctp)");
  private static final Pattern DOMAIN =
      Pattern.compile("(\\*\\.)?([a-z0-9-]+\\.)+[a-z][a-z0-9-]*\\.?", Pattern.CASE_INSENSITIVE);

  private Suggestions() {}

  /** The hint for an unknown peer {@code text}, or empty to keep the default hint. */
  static Optional<String> peer(String text, Collection<String> known) {
    if (Values.host(text).isPresent()) {
      return Optional.of("an address is written with `ip`: `ip " + text + "`");
    }
    if (text.contains("/") && Values.cidr(text).prefix().isPresent()) {
      return Optional.of("a prefix is written with `cidr`: `cidr " + text + "`");
    }
    Optional<String> near = closest(text, known);
    if (near.isPresent()) {
      return Optional.of("did you mean `" + near.get() + "`?");
    }
    if (DOMAIN.matcher(text).matches()) {
      return Optional.of("a DNS name is written with `fqdn` and quotes: `fqdn \"" + text + "\"`");
    }
    return Optional.empty();
  }

  /** The hint for an unknown service {@code text}, or empty to keep the default hint. */
  static Optional<String> service(String text, Collection<String> known) {
    var slash = PROTOCOL_SLASH_PORT.matcher(text);
    if (slash.matches()) {
      return Optional.of(
          "the protocol and the port are separate words: `"
              + slash.group(1).toLowerCase(java.util.Locale.ROOT)
              + " "
              + slash.group(2)
              + "`");
    }
    var reverse = PORT_SLASH_PROTOCOL.matcher(text);
    if (reverse.matches()) {
      return Optional.of(
          "the protocol comes first, then the port: `"
              + reverse.group(3).toLowerCase(java.util.Locale.ROOT)
              + " "
              + reverse.group(1)
              + "`");
    }
    return closest(text, known).map(n -> "did you mean `" + n + "`?");
  }

  /** The hint for a label key written as {@code key:value}. */
  static Optional<String> labelKey(String text) {
    int colon = text.indexOf(':');
    if (colon > 0 && colon < text.length() - 1 && text.indexOf(':', colon + 1) < 0) {
      return Optional.of(
          "labels are written with `=`: `"
              + text.substring(0, colon)
              + "="
              + text.substring(colon + 1)
              + "`");
    }
    if (colon == text.length() - 1 && colon > 0) {
      return Optional.of("labels are written with `=`: `" + text.substring(0, colon) + "=VALUE`");
    }
    return Optional.empty();
  }

  /** "a, b, c" of the first names in order, with "…" when there are more. */
  static String list(Collection<String> names) {
    TreeSet<String> sorted = new TreeSet<>(names);
    StringBuilder out = new StringBuilder();
    int n = 0;
    for (String name : sorted) {
      if (n == LISTED) {
        out.append(", … (").append(sorted.size() - LISTED).append(" more)");
        break;
      }
      if (n > 0) {
        out.append(", ");
      }
      out.append(name);
      n++;
    }
    return out.toString();
  }

  /**
   * The known name closest to {@code text} when it is near enough to be a typo: at most one edit
   * for short names, two for names of six or more characters; ties go to the first in order.
   */
  static Optional<String> closest(String text, Collection<String> known) {
    if (text.length() < 3) {
      return Optional.empty();
    }
    int allowed = text.length() >= 6 ? 2 : 1;
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String name : new TreeSet<>(known)) {
      if (Math.abs(name.length() - text.length()) > allowed) {
        continue;
      }
      int d = distance(text, name, allowed);
      if (d <= allowed && d < bestDistance && !name.equals(text)) {
        best = name;
        bestDistance = d;
      }
    }
    return Optional.ofNullable(best);
  }

  /** Edit distance with adjacent swaps (Damerau, optimal string alignment), capped at limit+1. */
  static int distance(String a, String b, int limit) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      int rowMin = Integer.MAX_VALUE;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          v = Math.min(v, d[i - 2][j - 2] + 1);
        }
        d[i][j] = v;
        rowMin = Math.min(rowMin, v);
      }
      if (rowMin > limit) {
        return limit + 1;
      }
    }
    return d[a.length()][b.length()];
  }
}
