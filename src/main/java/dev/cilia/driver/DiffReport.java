package dev.cilia.driver;

import dev.cilia.diag.JsonOutput;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** How {@code ciliac diff} prints: text, a Markdown table for a pull request, or JSON. */
public final class DiffReport {
  private DiffReport() {}

  private static String arrow(Diffing.Group g) {
    return g.before() + " → " + g.after();
  }

  private static String rules(List<Diffing.Rule> rules) {
    if (rules.isEmpty()) {
      return "(no rule: not enforced)";
    }
    StringBuilder out = new StringBuilder();
    for (Diffing.Rule r : rules) {
      if (out.length() > 0) {
        out.append("; ");
      }
      out.append(r.rule());
      if (!r.place().isEmpty()) {
        out.append(" (").append(r.place()).append(')');
      }
    }
    return out.toString();
  }

  private static String summary(Diffing.Outcome o) {
    return String.format(
        Locale.ROOT,
        "%d verdict change%s in %d group%s (%d changed polic%s, %,d flows compared, Cilium %s)",
        o.groups().stream().mapToInt(Diffing.Group::flows).sum(),
        o.groups().stream().mapToInt(Diffing.Group::flows).sum() == 1 ? "" : "s",
        o.groups().size(),
        o.groups().size() == 1 ? "" : "s",
        o.changedPolicies(),
        o.changedPolicies() == 1 ? "y" : "ies",
        o.flows(),
        o.target());
  }

  /** Readable text, one block per group. */
  public static String text(Diffing.Outcome o) {
    StringBuilder out = new StringBuilder();
    out.append("diff ").append(o.oldName()).append(" → ").append(o.newName()).append('\n');
    for (Diffing.Group g : o.groups()) {
      out.append('\n')
          .append(g.workload())
          .append(' ')
          .append(g.direction())
          .append(' ')
          .append(g.peer())
          .append(": ")
          .append(arrow(g))
          .append(" (")
          .append(g.flows())
          .append(g.flows() == 1 ? " flow" : " flows")
          .append(")\n");
      out.append("  e.g. ").append(g.example()).append('\n');
      out.append("  old: ").append(rules(g.oldRules())).append('\n');
      out.append("  new: ").append(rules(g.newRules())).append('\n');
    }
    out.append(o.groups().isEmpty() ? "" : "\n").append(summary(o)).append('\n');
    return out.toString();
  }

  /** A Markdown table for a pull-request comment. */
  public static String markdown(Diffing.Outcome o) {
    StringBuilder out = new StringBuilder();
    out.append("### Cilia policy diff: `")
        .append(o.oldName())
        .append("` → `")
        .append(o.newName())
        .append("`\n\n");
    if (o.groups().isEmpty()) {
      out.append("No flow changes its verdict.\n\n");
    } else {
      out.append(
          "| workload | direction | peer | change | flows | example | old rule | new rule |\n");
      out.append("|---|---|---|---|---:|---|---|---|\n");
      for (Diffing.Group g : o.groups()) {
        out.append("| `")
            .append(cell(g.workload()))
            .append("` | ")
            .append(g.direction())
            .append(" | `")
            .append(cell(g.peer()))
            .append("` | ")
            .append(g.before().equals("denied") || g.after().equals("denied") ? "**" : "")
            .append(arrow(g))
            .append(g.before().equals("denied") || g.after().equals("denied") ? "**" : "")
            .append(" | ")
            .append(g.flows())
            .append(" | ")
            .append(cell(g.example()))
            .append(" | ")
            .append(cell(rules(g.oldRules())))
            .append(" | ")
            .append(cell(rules(g.newRules())))
            .append(" |\n");
      }
      out.append('\n');
    }
    out.append(summary(o)).append('\n');
    return out.toString();
  }

  private static String cell(String s) {
    return s.replace("|", "\\|").replace("\n", " ");
  }

  /** One JSON document. */
  public static String json(Diffing.Outcome o) {
    ObjectNode doc = JsonOutput.object();
    doc.put("old", o.oldName());
    doc.put("new", o.newName());
    doc.put("target", o.target().toString());
    doc.put("changedPolicies", o.changedPolicies());
    doc.put("flowsCompared", o.flows());
    ArrayNode groups = doc.putArray("changes");
    for (Diffing.Group g : o.groups()) {
      ObjectNode n = groups.addObject();
      n.put("workload", g.workload());
      n.put("direction", g.direction());
      n.put("peer", g.peer());
      n.put("before", g.before());
      n.put("after", g.after());
      n.put("flows", g.flows());
      n.put("example", g.example());
      rules(n.putArray("oldRules"), g.oldRules());
      rules(n.putArray("newRules"), g.newRules());
    }
    return JsonOutput.write(doc);
  }

  private static void rules(ArrayNode out, List<Diffing.Rule> rules) {
    for (Diffing.Rule r : rules) {
      ObjectNode n = out.addObject();
      n.put("rule", r.rule());
      n.put("place", r.place());
      n.put("source", r.line());
    }
  }
}
