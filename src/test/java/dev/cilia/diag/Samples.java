package dev.cilia.diag;

import dev.cilia.source.SourceFile;
import dev.cilia.source.Span;
import java.util.List;

/** Diagnostics shared by the renderer tests. */
final class Samples {
  private Samples() {}

  static Span at(SourceFile file, int line, int column, int length) {
    int start = file.offset(line, column);
    return new Span(file, start, file.text().offsetByCodePoints(start, length));
  }

  static SourceFile payments() {
    return SourceFile.of(
        "payments.cilia", "# payments\n".repeat(13) + "  allow ftp to partner-ftp\n" + "}\n");
  }

  static Diagnostic ftp() {
    return Diagnostic.of(
        Code.CIL0203,
        at(payments(), 14, 9, 3),
        "`ftp` needs its passive data ports",
        "write `ftp passive 30000-30100` with the server's passive port range");
  }

  /** An error with a hint and a related place, a warning, and a note, over two files. */
  static List<Diagnostic> mixed() {
    SourceFile db =
        SourceFile.of(
            "policies/db.cilia",
            "policy db {\n  allow tcp/5432 from app\n  deny tcp/5432 from app\n}\n");
    SourceFile wide = SourceFile.of("policies/wide.cilia", "clusterwide policy all {\n}\n");
    Diagnostic deny =
        Diagnostic.of(
                Code.CIL0301,
                at(db, 3, 3, 4),
                "`deny` drops a declared `allow`",
                "remove the `deny` or narrow it")
            .withRelated(new Related(at(db, 2, 3, 5), "the `allow` it drops"));
    Diagnostic everything =
        Diagnostic.of(
            Code.CIL0302, at(wide, 1, 13, 6), "clusterwide policy `all` selects every endpoint");
    Diagnostic dns =
        Diagnostic.of(Code.CIL0305, at(db, 1, 8, 2), "dns to the resolver allowed automatically");
    return List.of(deny, everything, dns);
  }
}
