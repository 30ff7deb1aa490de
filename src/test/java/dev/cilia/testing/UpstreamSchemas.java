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
import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.JsonNode;

/**
 * The upstream CRD schemas in {@code ../shared/reference/cilium-crd-schemas}, when that folder is
 * there; tests that need them are skipped with a message when it is not.
 */
public final class UpstreamSchemas {
  private static final Path FOLDER = Path.of("..", "shared", "reference", "cilium-crd-schemas");
  private static final Map<Path, Schema> CACHE = new ConcurrentHashMap<>();

  private UpstreamSchemas() {}

  public static Optional<Path> folder() {
    return Files.isDirectory(FOLDER) ? Optional.of(FOLDER) : Optional.empty();
  }

  /** Skips the calling test when the reference folder is absent. */
  public static void assumePresent() {
    Assumptions.assumeTrue(
        folder().isPresent(),
        "upstream CRD schemas not found at " + FOLDER.toAbsolutePath() + "; skipping");
  }

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
