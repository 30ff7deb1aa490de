package dev.cilia.lint;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import dev.cilia.diag.Code;
import dev.cilia.diag.Diagnostic;
import dev.cilia.diag.Diagnostics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The monitoring kinds {@code ciliac compile} writes beside the policies — Service, ServiceMonitor,
 * PrometheusRule and the Cilium chart's Helm values — checked against Cilia's schemas of them
 * (docs/lint.md): the fields the API server (or the chart) types, closed where upstream closes
 * them.
 */
final class MonitoringKinds {
  /** Schema resource by kind; {@code HelmValues} is a values file without {@code kind}. */
  private static final Map<String, String> SCHEMAS =
      Map.of(
          "Service", "service.json",
          "ServiceMonitor", "servicemonitor.json",
          "PrometheusRule", "prometheusrule.json",
          "HelmValues", "helm-values.json");

  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(
          SpecificationVersion.DRAFT_7,
          builder ->
              builder.schemaRegistryConfig(
                  SchemaRegistryConfig.builder()
                      .pathType(PathType.JSON_POINTER)
                      .locale(Locale.ROOT)
                      .build()));

  private static final Map<String, Schema> CACHE = new ConcurrentHashMap<>();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private MonitoringKinds() {}

  /** The kind lint checks for this object, if it is one of them. */
  static Optional<String> kindOf(JsonNode node) {
    JsonNode kind = node.get("kind");
    if (kind != null && kind.isString()) {
      String k = kind.stringValue();
      return SCHEMAS.containsKey(k) && !k.equals("HelmValues") ? Optional.of(k) : Optional.empty();
    }
    if (node.get("apiVersion") == null && (node.has("hubble") || node.has("prometheus"))) {
      return Optional.of("HelmValues");
    }
    return Optional.empty();
  }

  /** Checks one object of that kind; problems are CIL0505 at their field. */
  static void check(
      String kind, JsonNode node, Locations locations, String base, Diagnostics diagnostics) {
    Schema schema = CACHE.computeIfAbsent(kind, k -> load(SCHEMAS.get(k)));
    for (Error error : schema.validate(node)) {
      String pointer = error.getInstanceLocation().toString();
      diagnostics.add(
          Diagnostic.of(
              Code.CIL0505,
              locations.at(base + pointer),
              "fails the "
                  + (kind.equals("HelmValues") ? "Cilium Helm values" : kind)
                  + " schema at `"
                  + (pointer.isEmpty() ? "/" : pointer)
                  + "`: "
                  + error.getMessage().replaceFirst("^\\S*: ", ""),
              kind.equals("HelmValues")
                  ? "the chart's values.schema.json refuses this type (docs/monitoring.md)"
                  : "the API server refuses what the kind's schema does not allow (docs/lint.md)"));
    }
  }

  private static Schema load(String file) {
    String resource = "/dev/cilia/lint/monitoring/" + file;
    try (InputStream in = MonitoringKinds.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("schema resource missing: " + resource);
      }
      Schema schema = REGISTRY.getSchema(JSON.readTree(in));
      schema.initializeValidators();
      return schema;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
