package dev.cilia.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cilia.testing.Cli;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code --cilium} outside 1.13–1.18 is a usage error that lists the supported versions. */
class CiliumOptionTest {
  @ParameterizedTest
  @CsvSource({
    "compile, 1.12, samples/payments.cilia",
    "compile, 1.19, samples/payments.cilia",
    "check, 1.12, samples/payments.cilia",
    "check, 2.0, samples/payments.cilia",
    "check, latest, samples/payments.cilia",
    "lint, 1.12, samples/yaml/l7-visibility.yaml",
    "test, 1.19, samples/payments.cilia",
    "explain, 1.12, samples/payments.cilia",
    "import, 1.12, samples/yaml/l7-visibility.yaml",
    "replay, 1.12, samples/payments.cilia",
    "suggest, 1.12, samples/payments.cilia",
    "diff, 1.12, samples/payments.cilia",
  })
  void unsupportedVersionsAreUsageErrors(String command, String version, String input) {
    Cli.Run run = Cli.run(command, "--cilium", version, input);
    assertEquals(2, run.exitCode(), run.err());
    assertEquals("", run.out());
    assertTrue(
        run.err()
            .startsWith(
                "Invalid value for option '--cilium': Cilium "
                    + version
                    + " is not supported;"
                    + " supported targets: 1.13, 1.14, 1.15, 1.16, 1.17, 1.18\n"),
        run.err());
  }

  @ParameterizedTest
  @CsvSource({"1.13", "1.14", "1.15", "1.16", "1.17", "1.18"})
  void supportedVersionsAreAccepted(String version) {
    assertEquals(0, Cli.run("check", "--cilium", version, "samples/payments.cilia").exitCode());
  }
}
