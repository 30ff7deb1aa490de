package dev.cilia.testing;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.JsonNode;

/**
 * The upstream schemas for the monitoring kinds in {@code ../shared/reference} (Prometheus operator
 * CRDs, core {@code v1/Service}, the Cilium chart's values schema) and {@code promtool}. Tests that
 * need them are skipped with one line when they are missing, and fail when the env {@code CI} is
 * set.
 */
public final class MonitoringReference {
  static final Path REFERENCE = Path.of("..", "shared", "reference");
  private static final Map<Path, Schema> CACHE = new ConcurrentHashMap<>();

  /** Prometheus operator releases: the newest, and one from the time of Cilium 1.16. */
  public static final List<String> OPERATOR_VERSIONS = List.of("0.76.2", "0.89.0");

  public static final List<String> KUBERNETES_VERSIONS = List.of("1.30.1", "1.33.1");

  private MonitoringReference() {}

  private static boolean ci() {
    String ci = System.getenv("CI");
    return ci != null && !ci.isEmpty();
  }

  /** Skips (or under CI fails) the calling test when {@code folder} is missing. */
  public static Path require(String folder) {
    Path path = REFERENCE.resolve(folder);
    if (!Files.isDirectory(path)) {
      String message = "reference data not found at " + path.toAbsolutePath();
      if (ci()) {
        throw new AssertionError(message + " (required under CI)");
      }
      Assumptions.assumeTrue(false, message + "; skipping");
    }
    return path;
  }

  /** The {@code promtool} command, or a skip (a failure under CI) when it is not installed. */
  public static String promtool() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "promtool"))) {
        return Path.of(dir, "promtool").toString();
      }
    }
    String message = "promtool not found on PATH (Debian: apt-get install prometheus)";
    if (ci()) {
      throw new AssertionError(message + "; required under CI");
    }
    Assumptions.assumeTrue(false, message + "; skipping");
    return null;
  }

  /** Problems of {@code document} under the schema file {@code folder/version/file}. */
  public static List<String> validate(
      String folder, String version, String file, JsonNode document) {
    Path path = require(folder).resolve(version).resolve(file);
    Schema schema =
        CACHE.computeIfAbsent(
            path,
            p -> {
              try {
                return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                    .getSchema(Files.readString(p), InputFormat.JSON);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    return schema.validate(document).stream().map(Object::toString).toList();
  }
}
