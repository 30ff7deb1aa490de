package dev.cilia.driver;

import dev.cilia.diag.Code;
import dev.cilia.diag.Diagnostics;
import dev.cilia.lower.Lowered;

/**
 * Refuses an emitted document that the API server could not store: etcd refuses requests over 1.5
 * MiB, so a policy whose YAML passes 1 MiB (a huge description, a hundred thousand peers) is
 * reported at the policy instead of failing at {@code kubectl apply}, and is not read back.
 */
final class DocumentSize {
  /** The largest emitted document, in UTF-8 bytes (the YAML is ASCII: one byte a character). */
  static final int MAX_BYTES = 1 << 20;

  private DocumentSize() {}

  /** Whether {@code yaml} fits; when it does not, the error is added. */
  static boolean fits(Lowered lowered, String yaml, Diagnostics diagnostics) {
    if (yaml.length() <= MAX_BYTES) {
      return true;
    }
    diagnostics.error(
        Code.CIL0905,
        lowered.policy().span(),
        String.format(
            "policy `%s` gives a %.1f MiB document; the API server refuses objects over 1.5 MiB",
            lowered.policy().name(), yaml.length() / (1024.0 * 1024.0)),
        "keep the document under 1 MiB: shorten the description, or split the policy");
    return false;
  }
}
