package dev.cilia.cilium.admission;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Kubernetes' {@code ValidateLabelSelector} (apimachinery {@code meta/v1/validation}), which the
 * agent runs on every endpoint and node selector (V4 of CILIUM-POLICY.md §4). Error texts follow
 * apimachinery's field errors and their aggregate ({@code [a, b]} when more than one).
 */
final class K8sValidation {
  private static final String QUALIFIED_NAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
  private static final String QUALIFIED_NAME_MSG =
      "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an"
          + " alphanumeric character";
  private static final String LABEL_VALUE_MSG =
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or"
          + " '.', and must start and end with an alphanumeric character";
  private static final String DNS1123_SUBDOMAIN_MSG =
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or"
          + " '.', and must start and end with an alphanumeric character";
  private static final String DNS1123_SUBDOMAIN_FMT =
      "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";

  private K8sValidation() {}

  /**
   * The aggregate error of {@code ValidateLabelSelector} for {@code selector} with every key passed
   * through {@code keys} first, or empty when the selector is valid.
   */
  static String labelSelectorErrors(LabelSelector selector, UnaryOperator<String> keys) {
    List<String> errors = new ArrayList<>();
    // Go iterates the map in random order; sorted keys keep messages stable.
    Map<String, String> labels = new TreeMap<>();
    if (selector.getMatchLabels() != null) {
      selector.getMatchLabels().forEach((k, v) -> labels.put(keys.apply(k), v == null ? "" : v));
    }
    labels.forEach(
        (key, value) -> {
          for (String msg : qualifiedNameErrors(key)) {
            errors.add("matchLabels: Invalid value: " + GoText.quote(key) + ": " + msg);
          }
          for (String msg : labelValueErrors(value)) {
            errors.add("matchLabels: Invalid value: " + GoText.quote(value) + ": " + msg);
          }
        });
    List<LabelSelectorRequirement> expressions =
        selector.getMatchExpressions() == null ? List.of() : selector.getMatchExpressions();
    for (int i = 0; i < expressions.size(); i++) {
      LabelSelectorRequirement req = expressions.get(i);
      String path = "matchExpressions[" + i + "]";
      String op = req.getOperator() == null ? "" : req.getOperator();
      List<String> values = req.getValues() == null ? List.of() : req.getValues();
      switch (op) {
        case "In", "NotIn" -> {
          if (values.isEmpty()) {
            errors.add(
                path
                    + ".values: Required value: must be specified when `operator` is 'In' or"
                    + " 'NotIn'");
          }
        }
        case "Exists", "DoesNotExist" -> {
          if (!values.isEmpty()) {
            errors.add(
                path
                    + ".values: Forbidden: may not be specified when `operator` is 'Exists' or"
                    + " 'DoesNotExist'");
          }
        }
        default ->
            errors.add(
                path
                    + ".operator: Invalid value: "
                    + GoText.quote(op)
                    + ": not a valid selector operator");
      }
      String key = keys.apply(req.getKey() == null ? "" : req.getKey());
      for (String msg : qualifiedNameErrors(key)) {
        errors.add(path + ".key: Invalid value: " + GoText.quote(key) + ": " + msg);
      }
      for (int v = 0; v < values.size(); v++) {
        String value = values.get(v) == null ? "" : values.get(v);
        for (String msg : labelValueErrors(value)) {
          errors.add(
              path + ".values[" + v + "]: Invalid value: " + GoText.quote(value) + ": " + msg);
        }
      }
    }
    Set<String> unique = new LinkedHashSet<>(errors);
    if (unique.isEmpty()) {
      return "";
    }
    return unique.size() == 1 ? unique.iterator().next() : "[" + String.join(", ", unique) + "]";
  }

  /** apimachinery's {@code IsQualifiedName}. */
  static List<String> qualifiedNameErrors(String value) {
    List<String> errs = new ArrayList<>();
    String[] parts = value.split("/", -1);
    String name;
    if (parts.length == 1) {
      name = parts[0];
    } else if (parts.length == 2) {
      String prefix = parts[0];
      name = parts[1];
      if (prefix.isEmpty()) {
        errs.add("prefix part must be non-empty");
      } else {
        for (String msg : dns1123SubdomainErrors(prefix)) {
          errs.add("prefix part " + msg);
        }
      }
    } else {
      errs.add(
          "a qualified name "
              + regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc")
              + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
      return errs;
    }
    if (name.isEmpty()) {
      errs.add("name part must be non-empty");
    } else if (name.length() > 63) {
      errs.add("name part must be no more than 63 characters");
    }
    if (!isQualifiedNamePart(name)) {
      errs.add(
          "name part "
              + regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc"));
    }
    return errs;
  }

  /** apimachinery's {@code IsValidLabelValue}. */
  static List<String> labelValueErrors(String value) {
    List<String> errs = new ArrayList<>();
    if (value.length() > 63) {
      errs.add("must be no more than 63 characters");
    }
    if (!value.isEmpty() && !isQualifiedNamePart(value)) {
      errs.add(
          regexError(
              LABEL_VALUE_MSG, "(" + QUALIFIED_NAME_FMT + ")?", "MyValue", "my_value", "12345"));
    }
    return errs;
  }

  private static List<String> dns1123SubdomainErrors(String value) {
    List<String> errs = new ArrayList<>();
    if (value.length() > 253) {
      errs.add("must be no more than 253 characters");
    }
    if (!isDns1123Subdomain(value)) {
      errs.add(regexError(DNS1123_SUBDOMAIN_MSG, DNS1123_SUBDOMAIN_FMT, "example.com"));
    }
    return errs;
  }

  /** {@code ([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]}, without regex backtracking. */
  private static boolean isQualifiedNamePart(String s) {
    if (s.isEmpty() || !isAsciiAlnum(s.charAt(0)) || !isAsciiAlnum(s.charAt(s.length() - 1))) {
      return false;
    }
    return s.chars().allMatch(c -> isAsciiAlnum(c) || c == '-' || c == '_' || c == '.');
  }

  /** Lower-case RFC 1123 labels joined by dots. */
  static boolean isDns1123Subdomain(String s) {
    for (String label : s.split("\\.", -1)) {
      if (label.isEmpty()
          || !isLowerAlnum(label.charAt(0))
          || !isLowerAlnum(label.charAt(label.length() - 1))
          || !label.chars().allMatch(c -> isLowerAlnum(c) || c == '-')) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAsciiAlnum(int c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
  }

  private static boolean isLowerAlnum(int c) {
    return c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
  }

  /** apimachinery's {@code RegexError}, double spaces included. */
  private static String regexError(String msg, String fmt, String... examples) {
    StringBuilder out = new StringBuilder(msg).append(" (e.g. ");
    for (int i = 0; i < examples.length; i++) {
      if (i > 0) {
        out.append(" or ");
      }
      out.append('\'').append(examples[i]).append("', ");
    }
    return out.append("regex used for validation is '").append(fmt).append("')").toString();
  }
}
