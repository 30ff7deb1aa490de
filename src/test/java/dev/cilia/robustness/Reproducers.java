package dev.cilia.robustness;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One minimised reproducer per class of input that once crashed, hung or misled ciliac: the small
 * ones are files under {@code src/test/resources/robustness/}, the large ones (thousands deep, many
 * megabytes) are generated here. Each names the command, the exit code and text its report must
 * hold. {@link RobustnessReproducersTest} runs them; {@code bench/robustness.sh} times them.
 */
public final class Reproducers {
  private Reproducers() {}

  /** Writes the case's input into a folder. */
  @FunctionalInterface
  public interface Setup {
    void write(Path dir) throws IOException;
  }

  /**
   * One reproducer: {@code args} name files of the folder {@code setup} fills; the run exits with
   * {@code exit} and its stderr holds every one of {@code expected}.
   */
  public record Case(String name, Setup setup, List<String> args, int exit, List<String> expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  public static List<Case> all() {
    List<Case> cases = new ArrayList<>();
    // Syntax and help at the right place.
    cases.add(resource("lone-cr-lines.cilia", "check", 1, "lone-cr-lines.cilia:5:19", "`world`"));
    cases.add(resource("terminal-escape.cilia", "check", 1, "invalid character `\\x1B`"));
    cases.add(resource("slip-protocol-slash-port.cilia", "check", 1, "`tcp 1521`"));
    cases.add(resource("slip-bare-address.cilia", "check", 1, "`ip 10.1.2.3`"));
    cases.add(resource("slip-spaced-range.cilia", "check", 1, "`50000-50100`"));
    cases.add(resource("slip-label-colon.cilia", "check", 1, "`app=x`"));
    cases.add(resource("slip-keyword.cilia", "check", 1, "did you mean `allow`?"));
    cases.add(resource("unclosed-brace.cilia", "check", 1, "this `{` is not closed", "1 error\n"));
    cases.add(resource("no-cascade-builtin.cilia", "check", 1, "CIL0205", "1 error\n"));
    cases.add(resource("fmt-lone-cr-comments.cilia", "fmt", 0, ""));
    // Wrong command for the input.
    cases.add(resource("wrong-command-cilia-to-lint.cilia", "lint", 2, "use `ciliac check`"));
    cases.add(resource("wrong-command-yaml-to-check.yaml", "check", 2, "use `ciliac lint`"));
    // lint: one diagnostic, never an exception.
    cases.add(resource("lint-null-items.yaml", "lint", 1, "CIL0505"));
    cases.add(resource("lint-number-out-of-range.yaml", "lint", 1, "CIL0505", "out of range"));
    cases.add(resource("lint-wrong-types.yaml", "lint", 1, "CIL0505"));
    cases.add(resource("lint-long-patterns.yaml", "lint", 1, "CIL0519", "more than 255"));
    // Recursion and sharing.
    cases.add(generated("let-chain-5000.cilia", "check", 0, Reproducers::letChain, "ok: 1"));
    cases.add(generated("let-cycle-3000.cilia", "check", 1, Reproducers::letCycle, "CIL0221"));
    cases.add(
        generated(
            "let-cycle-through-peers-3000.cilia",
            "check",
            1,
            Reproducers::letCycleThroughPeers,
            "CIL0221"));
    cases.add(
        generated("let-doubling-30.cilia", "check", 0, Reproducers::letDoubling, "ok: 1 policy"));
    cases.add(
        generated(
            "service-doubling-30.cilia", "check", 0, Reproducers::serviceDoubling, "ok: 1 policy"));
    cases.add(
        new Case(
            "import-chain-2000",
            Reproducers::importChain,
            List.of("check", "f0.cilia"),
            0,
            List.of("ok: 1 policy")));
    cases.add(
        generated("deep-parentheses.cilia", "check", 1, Reproducers::deepParentheses, "CIL0101"));
    // Sizes: diagnostics capped, excerpts windowed, documents bounded.
    cases.add(
        generated(
            "long-line-5000-errors.cilia",
            "check",
            1,
            Reproducers::longLine,
            "4900 more diagnostics not shown",
            "5000 errors"));
    cases.add(
        generated("huge-description.cilia", "check", 1, Reproducers::hugeDescription, "CIL0905"));
    cases.add(
        generated(
            "long-yaml-scalar.yaml",
            "lint",
            0,
            Reproducers::longYamlScalar,
            "ok: 1 policy linted"));
    cases.add(
        new Case(
            "too-large-file",
            dir -> Files.write(dir.resolve("big.cilia"), new byte[(8 << 20) + 1]),
            List.of("check", "big.cilia"),
            2,
            List.of("larger than 8 MiB")));
    // Not regular files.
    cases.add(
        new Case(
            "dev-zero-through-symlink",
            dir -> Files.createSymbolicLink(dir.resolve("zero.cilia"), Path.of("/dev/zero")),
            List.of("check", "zero.cilia"),
            2,
            List.of("not a regular file")));
    cases.add(
        new Case(
            "fifo",
            dir -> {
              try {
                Process p =
                    new ProcessBuilder("mkfifo", dir.resolve("f.yaml").toString())
                        .inheritIO()
                        .start();
                p.waitFor();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            List.of("lint", "f.yaml"),
            2,
            List.of("not a regular file")));
    return cases;
  }

  private static Case resource(String file, String command, int exit, String... expected) {
    return new Case(
        file,
        dir -> {
          try (InputStream in = Reproducers.class.getResourceAsStream("/robustness/" + file)) {
            Files.write(dir.resolve(file), in.readAllBytes());
          }
        },
        List.of(command, file),
        exit,
        List.of(expected));
  }

  /** A generated input. */
  @FunctionalInterface
  interface Text {
    String make();
  }

  private static Case generated(
      String file, String command, int exit, Text text, String... expected) {
    return new Case(
        file,
        dir -> Files.writeString(dir.resolve(file), text.make()),
        List.of(command, file),
        exit,
        List.of(expected));
  }

  private static String policy(String rule) {
    return "policy p in namespace n {\n  select app=y\n  " + rule + "\n}\n";
  }

  static String letChain() {
    StringBuilder out = new StringBuilder("cilium 1.16\nlet a0 = pods app=x\n");
    for (int i = 1; i < 5000; i++) {
      out.append("let a").append(i).append(" = a").append(i - 1).append('\n');
    }
    return out.append(policy("allow tcp 80 to a4999")).toString();
  }

  static String letCycle() {
    StringBuilder out = new StringBuilder("cilium 1.16\n");
    for (int i = 0; i < 3000; i++) {
      out.append("let a").append(i).append(" = a").append((i + 1) % 3000).append('\n');
    }
    return out.append(policy("allow tcp 80 to a0")).toString();
  }

  static String letCycleThroughPeers() {
    StringBuilder out = new StringBuilder("cilium 1.16\n");
    for (int i = 0; i < 3000; i++) {
      out.append("let a").append(i).append(" = pods app=x").append(i);
      out.append(" or a").append((i + 1) % 3000).append('\n');
    }
    return out.append(policy("allow tcp 80 to a0")).toString();
  }

  static String letDoubling() {
    StringBuilder out = new StringBuilder("cilium 1.16\nlet a0 = pods app=x\n");
    for (int i = 1; i <= 30; i++) {
      out.append("let a").append(i).append(" = a").append(i - 1).append(" or a");
      out.append(i - 1).append('\n');
    }
    return out.append(policy("allow tcp 80 to a30")).toString();
  }

  static String serviceDoubling() {
    StringBuilder out = new StringBuilder("cilium 1.16\nlet s0 = tcp 80\n");
    for (int i = 1; i <= 30; i++) {
      out.append("let s").append(i).append(" = s").append(i - 1).append(", s");
      out.append(i - 1).append('\n');
    }
    return out.append(policy("allow s30 to world")).toString();
  }

  static void importChain(Path dir) throws IOException {
    int n = 2000;
    for (int i = 0; i < n; i++) {
      StringBuilder out = new StringBuilder();
      if (i == 0) {
        out.append("cilium 1.16\n");
      }
      if (i + 1 < n) {
        out.append("import \"f").append(i + 1).append(".cilia\"\n");
      }
      out.append("let x").append(i).append(" = pods app=x").append(i).append('\n');
      if (i == 0) {
        out.append(policy("allow tcp 80 to x1"));
      }
      Files.writeString(dir.resolve("f" + i + ".cilia"), out.toString());
    }
  }

  static String deepParentheses() {
    return "cilium 1.16\n"
        + policy("allow tcp 80 to " + "(".repeat(20_000) + "world" + ")".repeat(20_000));
  }

  static String longLine() {
    StringBuilder out = new StringBuilder("cilium 1.16\npolicy p in namespace n { select app=x");
    for (int i = 0; i < 5000; i++) {
      out.append(" allow tcp 80 to zz").append(i);
    }
    return out.append(" }\n").toString();
  }

  static String hugeDescription() {
    return "cilium 1.16\npolicy p in namespace n {\n  description \""
        + "x".repeat(3 << 20)
        + "\"\n  select app=y\n  allow tcp 80 to world\n}\n";
  }

  static String longYamlScalar() {
    return "apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata:\n  name: a\n"
        + "  namespace: b\nspec:\n  description: "
        + "x".repeat(7_000_000)
        + "\n  endpointSelector: {}\n  enableDefaultDeny:\n    egress: false\n"
        + "  egress:\n  - toEntities: [world]\n";
  }
}
