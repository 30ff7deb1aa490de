package dev.cilia.eval;

import java.util.ArrayList;
import java.util.List;

/** Everything one pod's rules say about one direction, flattened for the hot path (§3.1). */
final class DirectionPolicy {
  final Side direction;
  final boolean enforced;
  final boolean defaultDeny;
  final Entry[] allows;
  final Entry[] denies;

  /** {@link #allows} and {@link #denies} by port, when they are long; else null. */
  final EntryIndex allowsByPort;

  final EntryIndex deniesByPort;

  /** The sections that enforce this direction. */
  final List<RuleRef> enforcedBy;

  /** When not default-deny: the rules whose {@code enableDefaultDeny} keeps it open. */
  final List<RuleRef> openedBy;

  /** The {@code to/fromRequires} ANDed into this direction's peer selectors. */
  final List<RuleRef> requires;

  final Verdict notEnforced;

  DirectionPolicy(Side direction, List<Section> sections, Endpoint.Pod subject) {
    this.direction = direction;
    boolean enforced = false;
    boolean defaultDeny = false;
    List<Entry> allows = new ArrayList<>();
    List<Entry> denies = new ArrayList<>();
    List<RuleRef> enforcedBy = new ArrayList<>();
    List<RuleRef> openedBy = new ArrayList<>();
    List<Requirement> requires = new ArrayList<>();
    for (Section s : sections) {
      if (!s.enforces()) {
        continue;
      }
      enforced = true;
      enforcedBy.add(s.ref());
      if (s.defaultDeny()) {
        defaultDeny = true;
      } else {
        openedBy.add(s.defaultDenyRef());
      }
      allows.addAll(s.allows());
      denies.addAll(s.denies());
      requires.addAll(s.requires());
    }
    if (!requires.isEmpty()) {
      require(allows, requires, false);
      require(denies, requires, true);
    }
    if (enforced && !defaultDeny) {
      // §3.1.3: only non-default-deny rules: Cilium adds an allow-all (`toEntities: [all]`),
      // so only deny rules and L7 redirects have an effect.
      allows.add(new Entry(openedBy.get(0), Peers.ALL, true, 0, 0, 0, false, null, null, true));
    }
    this.enforced = enforced;
    this.defaultDeny = defaultDeny;
    this.allows = allows.toArray(Entry[]::new);
    this.denies = denies.toArray(Entry[]::new);
    this.allowsByPort = EntryIndex.of(this.allows);
    this.deniesByPort = EntryIndex.of(this.denies);
    this.enforcedBy = List.copyOf(enforcedBy);
    this.openedBy = List.copyOf(openedBy);
    this.requires = requires.stream().map(Requirement::ref).toList();
    this.notEnforced =
        Verdict.because(
            Verdict.Kind.ALLOWED,
            List.of(direction),
            List.of(),
            () ->
                direction.word()
                    + " of "
                    + subject
                    + " is not enforced: no selected rule has "
                    + direction.word()
                    + " or "
                    + direction.word()
                    + "Deny rules");
  }

  /**
   * Cilium collects the requirements of every rule selecting the endpoint and ANDs them into the
   * peer selectors of every item of the same kind (allow or deny) in this direction (§3.12b).
   */
  private static void require(List<Entry> entries, List<Requirement> requires, boolean deny) {
    List<Selector.Req> reqs = new ArrayList<>();
    for (Requirement r : requires) {
      if (r.deny() == deny) {
        reqs.addAll(r.reqs());
      }
    }
    if (reqs.isEmpty()) {
      return;
    }
    entries.replaceAll(e -> e.requiring(reqs));
  }
}
