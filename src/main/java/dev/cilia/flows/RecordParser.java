package dev.cilia.flows;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Reads one JSON value (an envelope, a bare flow, or another record) from a streaming parser into a
 * {@link HubbleRecord}. Keys are matched without case and underscores, so proto names ({@code
 * traffic_direction}) and lowerCamelCase ({@code trafficDirection}) read alike; unknown keys and
 * values of an unexpected type are skipped.
 */
final class RecordParser {
  private final Map<String, String> keys = new HashMap<>();

  /** Reads the object the parser is on ({@link JsonToken#START_OBJECT}) into {@code r}. */
  void top(JsonParser p, HubbleRecord r) {
    r.clear();
    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
      String key = key(p.currentName());
      JsonToken t = p.nextToken();
      switch (key) {
        case "flow" -> {
          if (t == JsonToken.START_OBJECT) {
            r.flowFields = true;
            flow(p, r);
          } else {
            p.skipChildren();
          }
        }
        case "lostevents", "nodestatus", "agentevent", "debugevent" -> {
          r.nonFlow = nonFlowName(key);
          p.skipChildren();
        }
        default -> field(p, key, t, r, true);
      }
    }
  }

  private static String nonFlowName(String key) {
    return switch (key) {
      case "lostevents" -> "lost_events";
      case "nodestatus" -> "node_status";
      case "agentevent" -> "agent_event";
      default -> "debug_event";
    };
  }

  private void flow(JsonParser p, HubbleRecord r) {
    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
      String key = key(p.currentName());
      field(p, key, p.nextToken(), r, false);
    }
  }

  /** One field of a flow; at the top level only flow fields mark the object as a bare flow. */
  private void field(JsonParser p, String key, JsonToken t, HubbleRecord r, boolean top) {
    switch (key) {
      case "verdict" -> {
        r.verdict = verdict(p, t);
        r.flowFields |= top && r.verdict != null;
      }
      case "dropreasondesc" -> r.dropReason = text(p, t);
      case "type" -> r.type = text(p, t);
      case "ip" -> {
        if (t == JsonToken.START_OBJECT) {
          r.flowFields |= top;
          ip(p, r);
        } else {
          p.skipChildren();
        }
      }
      case "l4" -> {
        if (t == JsonToken.START_OBJECT) {
          r.flowFields |= top;
          l4(p, r);
        } else {
          p.skipChildren();
        }
      }
      case "source" -> endpoint(p, t, r.source, r, top);
      case "destination" -> endpoint(p, t, r.destination, r, top);
      case "sourcenames" -> strings(p, t, r.sourceNames);
      case "destinationnames" -> strings(p, t, r.destinationNames);
      case "isreply" -> {
        if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
          r.isReply = t == JsonToken.VALUE_TRUE;
        } else if (t == JsonToken.START_OBJECT) {
          // A BoolValue written as a message: {"value": true}.
          while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            JsonToken v = p.nextToken();
            if (key(p.currentName()).equals("value")
                && (v == JsonToken.VALUE_TRUE || v == JsonToken.VALUE_FALSE)) {
              r.isReply = v == JsonToken.VALUE_TRUE;
            } else {
              p.skipChildren();
            }
          }
        } else {
          p.skipChildren();
        }
      }
      case "reply" -> r.reply = t == JsonToken.VALUE_TRUE;
      case "trafficdirection" -> r.direction = direction(p, t);
      case "l7" -> {
        if (t == JsonToken.START_OBJECT) {
          l7(p, r);
        } else {
          p.skipChildren();
        }
      }
      case "egressdeniedby", "ingressdeniedby" -> deniedBy(p, t, r);
      default -> p.skipChildren();
    }
  }

  private void ip(JsonParser p, HubbleRecord r) {
    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
      String key = key(p.currentName());
      JsonToken t = p.nextToken();
      switch (key) {
        case "source" -> r.sourceIp = text(p, t);
        case "destination" -> r.destinationIp = text(p, t);
        default -> p.skipChildren();
      }
    }
  }

  private void l4(JsonParser p, HubbleRecord r) {
    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
      String key = key(p.currentName());
      JsonToken t = p.nextToken();
      if (t != JsonToken.START_OBJECT) {
        p.skipChildren();
        continue;
      }
      switch (key) {
        case "tcp", "udp", "sctp" -> {
          r.protocol = key;
          ports(p, r);
        }
        case "icmpv4", "icmpv6" -> {
          r.protocol = key.equals("icmpv4") ? "icmp" : "icmpv6";
          r.icmpType = 0;
          while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String k = key(p.currentName());
            JsonToken v = p.nextToken();
            if (k.equals("type")) {
              r.icmpType = number(p, v, 0, 255);
            } else {
              p.skipChildren();
            }
          }
        }
        default -> p.skipChildren();
      }
    }
  }

  private void ports(JsonParser p, HubbleRecord r) {
    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
      String key = key(p.currentName());
      JsonToken t = p.nextToken();
      switch (key) {
        case "sourceport" -> r.sourcePort = number(p, t, 0, 65535);
        case "destinationport" -> r.destinationPort = number(p, t, 0, 65535);
        case "flags" -> {
          if (t != JsonToken.START_OBJECT) {
            p.skipChildren();
            break;
          }
          r.flags = true;
          while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String flag = key(p.currentName());
            JsonToken v = p.nextToken();
            boolean on = v == JsonToken.VALUE_TRUE;
            if (flag.equals("syn")) {
              r.syn = on;
            } else if (flag.equals("ack")) {
              r.ack = on;
            } else {
              p.skipChildren();
            }
          }
        }
        default -> p.skipChildren();
      }
    }
  }

  private void endpoint(
      JsonParser p, JsonToken t, HubbleRecord.End end, HubbleRecord r, boolean top) {
    if (t != JsonToken.START_OBJECT) {
      p.skipChildren();
      return;
    }
    r.flowFields |= top;
    end.present = true;
    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
      String key = key(p.currentName());
      JsonToken v = p.nextToken();
      switch (key) {
        case "namespace" -> end.namespace = text(p, v);
        case "podname" -> end.podName = text(p, v);
        case "labels" -> strings(p, v, end.labels);
        default -> p.skipChildren();
      }
    }
  }

  private void l7(JsonParser p, HubbleRecord r) {
    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
      String key = key(p.currentName());
      JsonToken t = p.nextToken();
      switch (key) {
        case "type" -> r.l7Type = l7Type(p, t);
        case "dns" -> {
          if (t != JsonToken.START_OBJECT) {
            p.skipChildren();
            break;
          }
          r.l7Kind = "dns";
          while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String k = key(p.currentName());
            JsonToken v = p.nextToken();
            switch (k) {
              case "query" -> r.dnsQuery = text(p, v);
              case "ips" -> strings(p, v, r.dnsIps);
              default -> p.skipChildren();
            }
          }
        }
        case "http", "kafka" -> {
          r.l7Kind = key;
          p.skipChildren();
        }
        default -> p.skipChildren();
      }
    }
  }

  private void deniedBy(JsonParser p, JsonToken t, HubbleRecord r) {
    if (t != JsonToken.START_ARRAY) {
      p.skipChildren();
      return;
    }
    while (true) {
      JsonToken e = p.nextToken();
      if (e == JsonToken.END_ARRAY || e == null) {
        return;
      }
      if (e != JsonToken.START_OBJECT) {
        p.skipChildren();
        continue;
      }
      String name = null;
      String namespace = null;
      while (p.nextToken() == JsonToken.PROPERTY_NAME) {
        String k = key(p.currentName());
        JsonToken v = p.nextToken();
        switch (k) {
          case "name" -> name = text(p, v);
          case "namespace" -> namespace = text(p, v);
          default -> p.skipChildren();
        }
      }
      if (name != null && r.deniedBy.size() < 16) {
        r.deniedBy.add(namespace == null || namespace.isEmpty() ? name : namespace + "/" + name);
      }
    }
  }

  private static void strings(JsonParser p, JsonToken t, List<String> out) {
    if (t != JsonToken.START_ARRAY) {
      p.skipChildren();
      return;
    }
    while (true) {
      JsonToken e = p.nextToken();
      if (e == JsonToken.END_ARRAY || e == null) {
        return;
      }
      if (e == JsonToken.VALUE_STRING) {
        if (out.size() < 256) {
          out.add(p.getString());
        }
      } else {
        p.skipChildren();
      }
    }
  }

  private static String text(JsonParser p, JsonToken t) {
    if (t == JsonToken.VALUE_STRING
        || t == JsonToken.VALUE_NUMBER_INT
        || t == JsonToken.VALUE_NUMBER_FLOAT) {
      return p.getString();
    }
    p.skipChildren();
    return null;
  }

  /** An integer in {@code [min, max]}, as a number or a numeric string; else 0. */
  private static int number(JsonParser p, JsonToken t, int min, int max) {
    long v;
    if (t == JsonToken.VALUE_NUMBER_INT) {
      if (p.getNumberType() != JsonParser.NumberType.INT
          && p.getNumberType() != JsonParser.NumberType.LONG) {
        return 0;
      }
      v = p.getLongValue();
    } else if (t == JsonToken.VALUE_STRING) {
      try {
        v = Long.parseLong(p.getString().strip());
      } catch (NumberFormatException e) {
        return 0;
      }
    } else {
      p.skipChildren();
      return 0;
    }
    return v < min || v > max ? 0 : (int) v;
  }

  /** Verdicts as strings, or as the enum numbers some producers write. */
  private static String verdict(JsonParser p, JsonToken t) {
    if (t == JsonToken.VALUE_NUMBER_INT) {
      return switch (number(p, t, 0, 99)) {
        case 1 -> "FORWARDED";
        case 2 -> "DROPPED";
        case 3 -> "ERROR";
        case 4 -> "AUDIT";
        case 5 -> "REDIRECTED";
        case 6 -> "TRACED";
        case 7 -> "TRANSLATED";
        default -> null;
      };
    }
    String s = text(p, t);
    return s == null ? null : s.toUpperCase(Locale.ROOT);
  }

  private static String direction(JsonParser p, JsonToken t) {
    if (t == JsonToken.VALUE_NUMBER_INT) {
      return switch (number(p, t, 0, 9)) {
        case 1 -> "INGRESS";
        case 2 -> "EGRESS";
        default -> null;
      };
    }
    String s = text(p, t);
    return s == null ? null : s.toUpperCase(Locale.ROOT);
  }

  private static String l7Type(JsonParser p, JsonToken t) {
    if (t == JsonToken.VALUE_NUMBER_INT) {
      return switch (number(p, t, 0, 9)) {
        case 1 -> "REQUEST";
        case 2 -> "RESPONSE";
        case 3 -> "SAMPLE";
        default -> null;
      };
    }
    String s = text(p, t);
    return s == null ? null : s.toUpperCase(Locale.ROOT);
  }

  /** {@code traffic_direction} and {@code trafficDirection} → {@code trafficdirection}. */
  private String key(String name) {
    String k = keys.get(name);
    if (k == null) {
      k = name.replace("_", "").toLowerCase(Locale.ROOT);
      if (keys.size() < 4096) {
        keys.put(name, k);
      }
    }
    return k;
  }
}
