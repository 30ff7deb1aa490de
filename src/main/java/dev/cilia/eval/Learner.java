package dev.cilia.eval;

/** Whether the subject pod's DNS lookups teach toFQDNs the addresses of a name (§3.5). */
interface Learner {
  /** YES if the lookup is proxied and allowed; MAYBE if that is unknown; appends why to notes. */
  Tri learned(String name, StringBuilder notes);
}
