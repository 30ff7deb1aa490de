package dev.cilia.cilium.model;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The one walk over a policy's rules and their sections: {@code spec}, then each {@code specs[i]},
 * and in each the four lists {@code egress}, {@code egressDeny}, {@code ingress}, {@code
 * ingressDeny}, whose items are seen the same way ({@link RuleItem}). The agent's import checks,
 * the evaluator, {@code lint} and {@code import} find rules and items through it, so that none of
 * them mirrors an egress walk for ingress or a {@code spec} walk for {@code specs}.
 *
 * <p>Places have one notation: a JSON pointer into the object ({@code /specs/1/egressDeny/0}),
 * shown as the API server shows a field ({@link #dotted}: {@code specs[1].egressDeny[0]}); the
 * evaluator names a place the same way without the leading {@code spec.} ({@link #ruleName}).
 */
public final class RuleView {
  private RuleView() {}

  /** One of the four lists of a rule. */
  public enum Section {
    EGRESS(true, false),
    EGRESS_DENY(true, true),
    INGRESS(false, false),
    INGRESS_DENY(false, true);

    private final boolean egress;
    private final boolean deny;

    Section(boolean egress, boolean deny) {
      this.egress = egress;
      this.deny = deny;
    }

    /** Whether the section decides the sender's egress (else the receiver's ingress). */
    public boolean egress() {
      return egress;
    }

    /** Whether it is a deny section. */
    public boolean deny() {
      return deny;
    }

    /** {@code egress} or {@code ingress}. */
    public String word() {
      return egress ? "egress" : "ingress";
    }

    /** The YAML field: {@code egress}, {@code egressDeny}, … */
    public String field() {
      return word() + (deny ? "Deny" : "");
    }

    /** The allow or the deny section of a direction. */
    public static Section of(boolean egress, boolean deny) {
      return egress ? (deny ? EGRESS_DENY : EGRESS) : (deny ? INGRESS_DENY : INGRESS);
    }
  }

  /**
   * One rule of a policy.
   *
   * @param pointer {@code /spec} or {@code /specs/i}
   */
  public record Rule(PolicyRule rule, String pointer) {
    /** The section's list as written: {@code null} when absent. */
    public List<?> list(Section section) {
      return switch (section) {
        case EGRESS -> rule.egress();
        case EGRESS_DENY -> rule.egressDeny();
        case INGRESS -> rule.ingress();
        case INGRESS_DENY -> rule.ingressDeny();
      };
    }

    /** Whether the section has at least one item. */
    public boolean has(Section section) {
      List<?> list = list(section);
      return list != null && !list.isEmpty();
    }

    /** The items of one section, in order; a {@code null} entry is left out. */
    public List<RuleItem> items(Section section) {
      List<?> list = list(section);
      List<RuleItem> items = new ArrayList<>();
      if (list == null) {
        return items;
      }
      for (int i = 0; i < list.size(); i++) {
        Object o = list.get(i);
        String path = pointer(section) + "/" + i;
        if (o instanceof EgressRule e) {
          items.add(RuleItem.of(section, path, e));
        } else if (o instanceof IngressRule in) {
          items.add(RuleItem.of(section, path, in));
        }
      }
      return items;
    }

    /** The items of all four sections, egress first. */
    public List<RuleItem> items() {
      List<RuleItem> all = new ArrayList<>();
      for (Section s : Section.values()) {
        all.addAll(items(s));
      }
      return all;
    }

    /** The pointer of a section's list. */
    public String pointer(Section section) {
      return pointer + "/" + section.field();
    }

    /** The evaluator's name of a section: {@code egress}, {@code specs[1].ingressDeny}. */
    public String name(Section section) {
      return ruleName(pointer(section));
    }
  }

  /** Every rule of {@code policy}: {@code spec} first, then {@code specs} in order. */
  public static List<Rule> of(CiliumPolicy policy) {
    List<Rule> rules = new ArrayList<>();
    if (policy.spec() != null) {
      rules.add(new Rule(policy.spec(), "/spec"));
    }
    if (policy.specs() != null) {
      for (int i = 0; i < policy.specs().size(); i++) {
        if (policy.specs().get(i) != null) {
          rules.add(new Rule(policy.specs().get(i), "/specs/" + i));
        }
      }
    }
    return rules;
  }

  /** The pointers of the rules an object's tree holds: {@code /spec}, then {@code /specs/i}. */
  public static List<String> pointers(JsonNode object) {
    List<String> pointers = new ArrayList<>();
    if (object.get("spec") != null) {
      pointers.add("/spec");
    }
    JsonNode specs = object.get("specs");
    if (specs != null && specs.isArray()) {
      for (int i = 0; i < specs.size(); i++) {
        pointers.add("/specs/" + i);
      }
    }
    return pointers;
  }

  /** {@code /spec/egress/0/toFQDNs/1} → {@code spec.egress[0].toFQDNs[1]}, as the API server. */
  public static String dotted(String pointer) {
    StringBuilder out = new StringBuilder(pointer.length() + 4);
    int n = pointer.length();
    int start = Math.min(1, n);
    while (n > start && pointer.charAt(n - 1) == '/') {
      n--; // as String.split, which drops trailing empty parts
    }
    while (start <= n) {
      int end = pointer.indexOf('/', start);
      if (end < 0) {
        end = n;
      }
      boolean index = end > start;
      for (int i = start; i < end && index; i++) {
        index = Character.isDigit(pointer.charAt(i));
      }
      if (index) {
        out.append('[').append(pointer, start, end).append(']');
      } else {
        if (out.length() > 0) {
          out.append('.');
        }
        out.append(pointer, start, end);
      }
      start = end + 1;
    }
    return out.toString();
  }

  /**
   * The evaluator's name of a place: {@link #dotted} without the leading {@code spec}: {@code
   * /spec/egress/0} → {@code egress[0]}, {@code /spec} → {@code ""}, {@code /specs/1} → {@code
   * specs[1]}.
   */
  public static String ruleName(String pointer) {
    String dotted = dotted(pointer);
    if (dotted.equals("spec")) {
      return "";
    }
    return dotted.startsWith("spec.") ? dotted.substring("spec.".length()) : dotted;
  }
}
