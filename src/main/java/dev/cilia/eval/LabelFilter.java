package dev.cilia.eval;

/**
 * The default identity label filter, as far as CILIUM-POLICY.md §1.4 states it without doubt: these
 * pod labels never reach the identity, so selecting on them never matches.
 */
public final class LabelFilter {
  private LabelFilter() {}

  public static boolean dropped(String key) {
    switch (key) {
      case "pod-template-hash",
          "controller-revision-hash",
          "controller-uid",
          "pod-template-generation" -> {
        return true;
      }
      default -> {}
    }
    int slash = key.indexOf('/');
    if (slash < 0) {
      return false;
    }
    String prefix = key.substring(0, slash);
    boolean kubernetes =
        prefix.equals("kubernetes.io")
            || prefix.endsWith(".kubernetes.io")
            || prefix.equals("k8s.io")
            || prefix.endsWith(".k8s.io");
    if (!kubernetes) {
      return false;
    }
    // Kept per §1.4: app.kubernetes.io/*, the stateful set pod name, the pod index and job
    // index/uid labels (the exact list is approximate in §1.4; these are assumed kept).
    return !(prefix.equals("app.kubernetes.io")
        || key.equals("statefulset.kubernetes.io/pod-name")
        || key.equals("apps.kubernetes.io/pod-index")
        || prefix.equals("batch.kubernetes.io"));
  }
}
