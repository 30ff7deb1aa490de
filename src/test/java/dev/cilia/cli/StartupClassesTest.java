package dev.cilia.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a one-file {@code ciliac check} loads, in a JVM of its own: it proves the sample, yet never
 * builds a Jackson mapper, Jackson's deserializers or the schema library (docs/performance.md,
 * "Cold start" items 5–7). A static field that builds one again would show up here, not only in the
 * benchmark.
 */
class StartupClassesTest {
  @Test
  void checkingOneValidFileBuildsNoMapperAndNoSchemaLibrary(@TempDir Path dir)
      throws IOException, InterruptedException {
    Path log = dir.resolve("classes.log");
    Path out = dir.resolve("out.txt");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "-Xshare:off",
                "-Xlog:class+load=info:file=" + log,
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "check",
                "samples/l7-visibility.cilia")
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "check did not finish");
    String output = Files.readString(out, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), output);
    assertTrue(output.contains("1 policy checked"), output);

    String classes = Files.readString(log, StandardCharsets.UTF_8);
    // The proof ran: without it the absent classes below would prove nothing.
    assertTrue(classes.contains(" dev.cilia.verify.Prover "), "the proof did not run");
    assertTrue(classes.contains(" dev.cilia.cilium.admission.SchemaCheck "), "no schema check");
    for (String absent :
        List.of(
            " tools.jackson.databind.ObjectMapper ",
            " tools.jackson.databind.deser.BeanDeserializer ",
            " com.networknt.schema.SchemaRegistry ")) {
      assertTrue(!classes.contains(absent), "loaded" + absent);
    }
  }
}
