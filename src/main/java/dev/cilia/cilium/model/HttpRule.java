package dev.cilia.cilium.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/** One {@code rules.http} entry; all fields absent ({@code {}}) matches every request. */
@JsonPropertyOrder({"path", "method", "host", "headers", "headerMatches"})
public record HttpRule(
    String path,
    String method,
    String host,
    List<String> headers,
    List<Map<String, Object>> headerMatches) {
  public static final HttpRule ANY = new HttpRule(null, null, null, null, null);
}
