package dev.cilia.lint;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Values no Cilium field can hold, found before the schema and the agent's checks read the
 * document: a number outside the 64-bit range (such as {@code 1e308}) or one that is not finite.
 * Walks the tree with an explicit stack.
 */
final class TreeScreen {
  private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
  private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

  /** One value the document cannot hold: where, as a JSON pointer, and why. */
  record Problem(String pointer, String message) {}

  private TreeScreen() {}

  static List<Problem> problems(JsonNode root) {
    List<Problem> problems = new ArrayList<>();
    Deque<Map.Entry<String, JsonNode>> stack = new ArrayDeque<>();
    stack.push(Map.entry("", root));
    while (!stack.isEmpty()) {
      Map.Entry<String, JsonNode> top = stack.pop();
      String pointer = top.getKey();
      JsonNode node = top.getValue();
      if (node.isObject()) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
          stack.push(Map.entry(pointer + "/" + escape(field.getKey()), field.getValue()));
        }
      } else if (node.isArray()) {
        for (int i = node.size() - 1; i >= 0; i--) {
          stack.push(Map.entry(pointer + "/" + i, node.get(i)));
        }
      } else if (node.isNumber() && !inRange(node)) {
        problems.add(
            new Problem(
                pointer,
                "the number `"
                    + shortText(node)
                    + "` is out of range; Cilium's numbers are 64-bit integers at most"));
      }
    }
    problems.sort(java.util.Comparator.comparing(Problem::pointer));
    return problems;
  }

  private static boolean inRange(JsonNode node) {
    if (node.isIntegralNumber()) {
      BigInteger value = node.bigIntegerValue();
      return value.bitLength() < 64;
    }
    double d = node.doubleValue();
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return false;
    }
    BigDecimal value = node.decimalValue();
    return value.compareTo(LONG_MIN) >= 0 && value.compareTo(LONG_MAX) <= 0;
  }

  private static String shortText(JsonNode node) {
    String text = node.asString();
    return text.length() > 40 ? text.substring(0, 40) + "…" : text;
  }

  private static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }
}
