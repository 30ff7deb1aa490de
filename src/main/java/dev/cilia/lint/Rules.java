package dev.cilia.lint;

import dev.cilia.cilium.model.CiliumPolicy;
import dev.cilia.cilium.model.EgressRule;
import dev.cilia.cilium.model.IngressRule;
import dev.cilia.cilium.model.PolicyRule;
import dev.cilia.eval.Side;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The rules of a policy ({@code spec} and each {@code specs[i]}) and their sections, so that a
 * check walks them once for both directions and both kinds. Paths are JSON pointers into the object
 * ({@code /specs/1/egressDeny/0}); {@link Rule#evaluatorName} gives the name the evaluator uses for
 * the same section ({@code specs[1].egressDeny}).
 */
final class Rules {
  private Rules() {}

  /** One of the four lists of a rule. */
  enum Section {
    EGRESS(Side.EGRESS, false),
    EGRESS_DENY(Side.EGRESS, true),
    INGRESS(Side.INGRESS, false),
    INGRESS_DENY(Side.INGRESS, true);

    final Side side;
    final boolean deny;

    Section(Side side, boolean deny) {
      this.side = side;
      this.deny = deny;
    }

    /** The YAML field: {@code egress}, {@code egressDeny}, … */
    String field() {
      return side.word() + (deny ? "Deny" : "");
    }

    /** The allow section of a side, or its deny section. */
    static Section of(Side side, boolean deny) {
      return side == Side.EGRESS ? (deny ? EGRESS_DENY : EGRESS) : (deny ? INGRESS_DENY : INGRESS);
    }
  }

  /**
   * One rule of a policy.
   *
   * @param pointer {@code /spec} or {@code /specs/i}
   */
  record Rule(PolicyRule rule, String pointer) {
    /** The section's list as written: {@code null} when absent. */
    List<?> list(Section section) {
      return switch (section) {
        case EGRESS -> rule.egress();
        case EGRESS_DENY -> rule.egressDeny();
        case INGRESS -> rule.ingress();
        case INGRESS_DENY -> rule.ingressDeny();
      };
    }

    /** Whether the section has at least one item. */
    boolean has(Section section) {
      List<?> list = list(section);
      return list != null && !list.isEmpty();
    }

    /** The items of one section, in order. */
    List<Item> items(Section section) {
      List<?> list = list(section);
      List<Item> items = new ArrayList<>();
      if (list == null) {
        return items;
      }
      for (int i = 0; i < list.size(); i++) {
        Object o = list.get(i);
        String path = pointer + "/" + section.field() + "/" + i;
        if (o instanceof EgressRule e) {
          items.add(Item.of(section, path, e));
        } else if (o instanceof IngressRule in) {
          items.add(Item.of(section, path, in));
        }
      }
      return items;
    }

    /** The items of all four sections. */
    List<Item> items() {
      List<Item> all = new ArrayList<>();
      for (Section s : Section.values()) {
        all.addAll(items(s));
      }
      return all;
    }

    /** The pointer of a section's list. */
    String pointer(Section section) {
      return pointer + "/" + section.field();
    }

    /** The evaluator's name of a section: {@code egress}, {@code specs[1].ingressDeny}. */
    String evaluatorName(Section section) {
      String rule = Rules.evaluatorName(pointer);
      return (rule.isEmpty() ? "" : rule + ".") + section.field();
    }
  }

  /** The pointers of the rules a policy object holds: {@code /spec}, then {@code /specs/i}. */
  static List<String> pointers(JsonNode object) {
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

  /** The evaluator's name of a rule: {@code ""} for {@code /spec}, {@code specs[1]}. */
  static String evaluatorName(String rulePointer) {
    return rulePointer.equals("/spec") ? "" : "specs[" + rulePointer.substring(7) + "]";
  }

  /** Every rule of {@code policy}: {@code spec} first, then {@code specs} in order. */
  static List<Rule> of(CiliumPolicy policy) {
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
}
