package dev.cilia.testing;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.cilia.cilium.Target;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.JsonNode;

/**
 * The upstream CRD schemas in {@code ../shared/reference/cilium-crd-schemas}, when that folder is
 * there. When it is not, tests that need it fail if the environment variable {@code CI} is set (CI
 * must run them), and are skipped with one line saying why otherwise.
 */
public final class UpstreamSchemas {
  private static final Path FOLDER = Path.of("..", "shared", "reference", "cilium-crd-schemas");
  private static final Map<Path, Schema> CACHE = new ConcurrentHashMap<>();

  private UpstreamSchemas() {}

  public static Optional<Path> folder() {
    return Files.isDirectory(FOLDER) ? Optional.of(FOLDER) : Optional.empty();
  }

  /** What a test that needs the folder does. */
  public enum Decision {
    RUN,
    SKIP,
    FAIL
  }

  /** Run when the folder is there; else fail under CI ({@code CI} set and not empty), else skip. */
  public static Decision decide(boolean present, Map<String, String> env) {
    if (present) {
      return Decision.RUN;
    }
    String ci = env.get("CI");
    return ci != null && !ci.isEmpty() ? Decision.FAIL : Decision.SKIP;
  }

  private static String missing() {
    return "upstream CRD schemas not found at " + FOLDER.toAbsolutePath().normalize();
  }

  /**
   * Returns when the reference folder is there; fails the calling test under CI when it is not, and
   * skips it with one line otherwise.
   */
  public static void assumePresent() {
    switch (decide(folder().isPresent(), System.getenv())) {
      case RUN -> {}
      case FAIL -> Assertions.fail(missing() + " and CI is set: the upstream checks must run");
      case SKIP -> Assumptions.abort(missing() + "; skipped (set CI to make this a failure)");
    }
  }

  /**
   * For a property that checks upstream only as one part of its work: whether the folder is there;
   * fails under CI when it is not, and prints one line once otherwise.
   */
  public static boolean present() {
    switch (decide(folder().isPresent(), System.getenv())) {
      case RUN:
        return true;
      case FAIL:
        Assertions.fail(missing() + " and CI is set: the upstream checks must run");
        return false;
      default:
        if (!SKIP_SAID.getAndSet(true)) {
          System.out.println(missing() + "; upstream comparisons skipped");
        }
        return false;
    }
  }

  private static final java.util.concurrent.atomic.AtomicBoolean SKIP_SAID =
      new java.util.concurrent.atomic.AtomicBoolean();

  /** Problems of a document under the upstream schema of the target's nearest release. */
  public static List<String> validate(Target target, JsonNode document) {
    String kind = document.path("kind").asString("");
    String file =
        kind.equals("CiliumClusterwideNetworkPolicy")
            ? "ciliumclusterwidenetworkpolicy_v2.json"
            : "ciliumnetworkpolicy_v2.json";
    Path path = FOLDER.resolve(target.upstreamSchemaVersion()).resolve(file);
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
