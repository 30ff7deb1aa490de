package dev.cilia.eval;

import dev.cilia.diag.Work;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiled rules indexed by one {@code In} requirement of their subject selector, so that finding
 * the rules that select a pod tests only the rules that can match one of its labels, not every rule
 * (docs/performance.md). Each rule is filed under the requirement whose label value the fewest
 * rules require; rules without an {@code In} requirement are tested for every pod.
 */
final class RuleIndex {
  private static final int[] NONE = new int[0];

  private final CompiledRule[] rules;
  private final int[] always;
  private final Map<String, int[]> byLabel = new HashMap<>();

  RuleIndex(List<CompiledRule> list) {
    rules = list.toArray(CompiledRule[]::new);
    Map<String, Integer> frequency = new HashMap<>();
    for (CompiledRule r : rules) {
      if (r.subject() != null) {
        for (Selector.Req q : r.subject().reqs()) {
          if (q.op() == Selector.IN) {
            for (String v : q.values()) {
              frequency.merge(key(q.anySource(), q.lookup(), v), 1, Integer::sum);
            }
          }
        }
      }
    }
    Map<String, List<Integer>> buckets = new HashMap<>();
    List<Integer> rest = new ArrayList<>();
    for (int i = 0; i < rules.length; i++) {
      CompiledRule r = rules[i];
      if (r.subject() == null) {
        continue; // a nodeSelector rule selects no pod
      }
      Selector.Req best = null;
      long bestCost = Long.MAX_VALUE;
      for (Selector.Req q : r.subject().reqs()) {
        if (q.op() != Selector.IN) {
          continue;
        }
        long cost = 0;
        for (String v : q.values()) {
          cost += frequency.get(key(q.anySource(), q.lookup(), v));
        }
        if (cost < bestCost) {
          best = q;
          bestCost = cost;
        }
      }
      if (best == null) {
        rest.add(i);
      } else {
        for (String v : best.values()) {
          buckets
              .computeIfAbsent(key(best.anySource(), best.lookup(), v), k -> new ArrayList<>())
              .add(i);
        }
      }
    }
    always = ints(rest);
    buckets.forEach((k, v) -> byLabel.put(k, ints(v)));
  }

  /** The rules whose subject selects {@code identity}, in list order. */
  List<CompiledRule> selecting(Identity identity) {
    int[] candidates = always;
    int count = always.length;
    boolean copied = false;
    for (int pass = 0; pass < 2; pass++) {
      Map<String, String> labels = pass == 0 ? identity.byKey : identity.bySourceKey;
      for (Map.Entry<String, String> e : labels.entrySet()) {
        int[] bucket = byLabel.get(key(pass == 0, e.getKey(), e.getValue()));
        if (bucket == null) {
          continue;
        }
        if (!copied) {
          candidates = Arrays.copyOf(candidates, Math.max(16, count + bucket.length));
          copied = true;
        } else if (count + bucket.length > candidates.length) {
          candidates =
              Arrays.copyOf(candidates, Math.max(2 * candidates.length, count + bucket.length));
        }
        System.arraycopy(bucket, 0, candidates, count, bucket.length);
        count += bucket.length;
      }
    }
    if (copied) {
      Arrays.sort(candidates, 0, count);
    }
    List<CompiledRule> out = new ArrayList<>();
    int previous = -1;
    for (int k = 0; k < count; k++) {
      int i = candidates[k];
      if (i == previous) {
        continue; // a rule filed under several values of one requirement
      }
      previous = i;
      Work.add(Work.Step.SELECTOR_TEST);
      if (rules[i].subject().matches(identity)) {
        out.add(rules[i]);
      }
    }
    return out;
  }

  private static String key(boolean anySource, String lookup, String value) {
    return (anySource ? "a\u0000" : "s\u0000") + lookup + '\u0000' + value;
  }

  private static int[] ints(List<Integer> list) {
    if (list.isEmpty()) {
      return NONE;
    }
    int[] out = new int[list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = list.get(i);
    }
    return out;
  }
}
