package dev.cilia.diag;

import dev.cilia.source.Span;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders diagnostics as a SARIF 2.1.0 log with one run of {@code ciliac}, for code-scanning tools;
 * {@code docs/diagnostics-format.md} says how each field is filled.
 */
public final class SarifRenderer implements Renderer {
  static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private final String toolVersion;

  /** {@code toolVersion} goes to {@code tool.driver.version}. */
  public SarifRenderer(String toolVersion) {
    if (toolVersion == null || toolVersion.isEmpty()) {
      throw new IllegalArgumentException("SARIF needs the tool version");
    }
    this.toolVersion = toolVersion;
  }

  @Override
  public String render(List<Diagnostic> diagnostics) {
    ObjectNode log = JsonOutput.object();
    log.put("$schema", SCHEMA);
    log.put("version", "2.1.0");
    ObjectNode run = log.putArray("runs").addObject();

    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "ciliac");
    driver.put("version", toolVersion);
    ArrayNode rules = driver.putArray("rules");
    Map<Code, Integer> ruleIndex = new EnumMap<>(Code.class);
    TreeSet<Code> used = new TreeSet<>();
    diagnostics.forEach(d -> used.add(d.code()));
    for (Code code : used) {
      ruleIndex.put(code, rules.size());
      ObjectNode rule = rules.addObject();
      rule.put("id", code.name());
      rule.putObject("shortDescription").put("text", code.title());
      rule.putObject("defaultConfiguration").put("level", code.severity().label());
    }

    // Our columns count code points; SARIF's default unit is UTF-16 code units.
    run.put("columnKind", "unicodeCodePoints");

    ArrayNode results = run.putArray("results");
    for (Diagnostic diagnostic : diagnostics) {
      ObjectNode result = results.addObject();
      result.put("ruleId", diagnostic.code().name());
      result.put("ruleIndex", ruleIndex.get(diagnostic.code()));
      result.put("level", diagnostic.severity().label());
      result.putObject("message").put("text", text(diagnostic));
      physical(result.putArray("locations").addObject(), diagnostic.span());
      if (!diagnostic.related().isEmpty()) {
        ArrayNode relatedLocations = result.putArray("relatedLocations");
        int id = 0;
        for (Related related : diagnostic.related()) {
          ObjectNode location = relatedLocations.addObject();
          location.put("id", id++);
          physical(location, related.span());
          location.putObject("message").put("text", related.message());
        }
      }
    }
    return JsonOutput.write(log);
  }

  /** The message, and the hint on a second line as {@code hint: ...}. */
  private static String text(Diagnostic diagnostic) {
    return diagnostic
        .hint()
        .map(h -> diagnostic.message() + "\nhint: " + h)
        .orElse(diagnostic.message());
  }

  private static void physical(ObjectNode location, Span span) {
    ObjectNode physical = location.putObject("physicalLocation");
    physical.putObject("artifactLocation").put("uri", uri(span.file().displayName()));
    ObjectNode region = physical.putObject("region");
    region.put("startLine", span.line());
    region.put("startColumn", span.column());
    region.put("endLine", span.endLine());
    region.put("endColumn", span.endColumn());
  }

  /**
   * A URI reference for a display name: a relative path stays relative with forward slashes; an
   * absolute one becomes a {@code file:} URI. Bytes outside RFC 3986 path characters, and {@code :}
   * (which would read as a scheme), are percent-encoded as UTF-8.
   */
  static String uri(String displayName) {
    String path = displayName.replace('\\', '/');
    if (path.length() >= 2
        && isAsciiLetter(path.charAt(0))
        && path.charAt(1) == ':'
        && (path.length() == 2 || path.charAt(2) == '/')) {
      return "file:///" + path.substring(0, 2) + encode(path.substring(2));
    }
    if (path.startsWith("/")) {
      return "file://" + encode(path);
    }
    return encode(path);
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static String encode(String path) {
    StringBuilder out = new StringBuilder();
    for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      boolean plain =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "-._~/!$&'()*+,;=@".indexOf(c) >= 0;
      if (plain) {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
    return out.toString();
  }
}
