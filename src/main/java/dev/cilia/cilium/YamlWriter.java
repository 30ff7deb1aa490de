package dev.cilia.cilium;

import dev.cilia.cilium.model.CidrRule;
import dev.cilia.cilium.model.CiliumPolicy;
import dev.cilia.cilium.model.DefaultDeny;
import dev.cilia.cilium.model.EgressRule;
import dev.cilia.cilium.model.FqdnSelector;
import dev.cilia.cilium.model.HttpRule;
import dev.cilia.cilium.model.IcmpRule;
import dev.cilia.cilium.model.IngressRule;
import dev.cilia.cilium.model.L7Rules;
import dev.cilia.cilium.model.LogConfig;
import dev.cilia.cilium.model.PolicyRule;
import dev.cilia.cilium.model.PortProtocol;
import dev.cilia.cilium.model.PortRule;
import dev.cilia.cilium.model.RuleLabel;
import dev.cilia.cilium.model.ServiceSelector;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a policy as block YAML straight from the model: the same bytes as {@link PolicyYaml}'s
 * Jackson mapper gives (block style, sequences in a mapping not indented, {@code {}} and {@code []}
 * for empty ones, fields in the model's order, absent fields left out), without building
 * serializers by reflection. Strings are plain only when {@link YamlScalars} allows it, else double
 * quoted with every character outside printable ASCII escaped, so no input text can change a
 * document's structure. A document holding what this writer does not know (a line break in a
 * string, an empty key or one too long for a simple key, a fractional number, a {@code null} list
 * entry or map value, fields of {@code ObjectMeta} beyond the plain ones, any {@code
 * additionalProperties}) is refused, and {@link PolicyYaml} writes it with Jackson instead.
 */
final class YamlWriter {
  /**
   * The longest key the YAML emitter writes as a simple {@code key:}; longer ones use {@code ?}.
   */
  private static final int MAX_SIMPLE_KEY = 127;

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final StringBuilder out = new StringBuilder(1024);

  private YamlWriter() {}

  /** The document's text, or empty when it holds something this writer leaves to Jackson. */
  static Optional<String> write(CiliumPolicy policy) {
    YamlWriter writer = new YamlWriter();
    try {
      writer.document(policy);
    } catch (Refused e) {
      return Optional.empty();
    }
    return Optional.of(writer.out.toString());
  }

  /** A mapping's entries: key, value, key, value, …; absent values are never added. */
  private static final class Fields extends ArrayList<Object> {
    private static final long serialVersionUID = 1L;

    Fields put(String key, Object value) {
      if (value != null) {
        add(key);
        add(value);
      }
      return this;
    }
  }

  /** A value the writer does not know: the document goes to Jackson. */
  private static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Refused() {
      super(null, null, false, false);
    }
  }

  /**
   * What a value is written as: a {@link Fields} for a mapping, a {@link List} for a sequence, a
   * {@link String} (quoted as needed), or a {@link Scalar} written as it is (numbers, booleans).
   */
  private static Object node(Object value) {
    if (value instanceof String || value instanceof List<?>) {
      return value;
    }
    if (value instanceof Boolean b) {
      return new Scalar(b ? "true" : "false");
    }
    if (value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte
        || value instanceof BigInteger) {
      return new Scalar(value.toString());
    }
    if (value instanceof Map<?, ?> m) {
      Fields f = new Fields();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!(e.getKey() instanceof String key) || e.getValue() == null) {
          throw new Refused();
        }
        f.put(key, e.getValue());
      }
      return f;
    }
    return fields(value);
  }

  /** A plain scalar that needs no quoting decision. */
  private record Scalar(String text) {}

  /** The fields of one model object, in the order Jackson writes them. */
  private static Fields fields(Object o) {
    Fields f = new Fields();
    if (o instanceof CiliumPolicy p) {
      return f.put("apiVersion", p.apiVersion())
          .put("kind", p.kind())
          .put("metadata", p.metadata())
          .put("spec", p.spec())
          .put("specs", p.specs());
    }
    if (o instanceof PolicyRule r) {
      return f.put("description", r.description())
          .put("endpointSelector", r.endpointSelector())
          .put("nodeSelector", r.nodeSelector())
          .put("enableDefaultDeny", r.enableDefaultDeny())
          .put("ingress", r.ingress())
          .put("ingressDeny", r.ingressDeny())
          .put("egress", r.egress())
          .put("egressDeny", r.egressDeny())
          .put("labels", r.labels())
          .put("log", r.log());
    }
    if (o instanceof EgressRule e) {
      return f.put("toEndpoints", e.toEndpoints())
          .put("toRequires", e.toRequires())
          .put("toCIDR", e.toCIDR())
          .put("toCIDRSet", e.toCIDRSet())
          .put("toEntities", e.toEntities())
          .put("toServices", e.toServices())
          .put("toFQDNs", e.toFQDNs())
          .put("toNodes", e.toNodes())
          .put("toGroups", e.toGroups())
          .put("toPorts", e.toPorts())
          .put("icmps", e.icmps())
          .put("authentication", e.authentication());
    }
    if (o instanceof IngressRule i) {
      return f.put("fromEndpoints", i.fromEndpoints())
          .put("fromRequires", i.fromRequires())
          .put("fromCIDR", i.fromCIDR())
          .put("fromCIDRSet", i.fromCIDRSet())
          .put("fromEntities", i.fromEntities())
          .put("fromNodes", i.fromNodes())
          .put("fromGroups", i.fromGroups())
          .put("toPorts", i.toPorts())
          .put("icmps", i.icmps())
          .put("authentication", i.authentication());
    }
    if (o instanceof PortRule r) {
      return f.put("ports", r.ports())
          .put("rules", r.rules())
          .put("serverNames", r.serverNames())
          .put("terminatingTLS", r.terminatingTLS())
          .put("originatingTLS", r.originatingTLS())
          .put("listener", r.listener());
    }
    if (o instanceof PortProtocol p) {
      return f.put("port", p.port()).put("endPort", p.endPort()).put("protocol", p.protocol());
    }
    if (o instanceof L7Rules r) {
      return f.put("http", r.http())
          .put("kafka", r.kafka())
          .put("dns", r.dns())
          .put("l7proto", r.l7proto())
          .put("l7", r.l7());
    }
    if (o instanceof HttpRule h) {
      return f.put("path", h.path())
          .put("method", h.method())
          .put("host", h.host())
          .put("headers", h.headers())
          .put("headerMatches", h.headerMatches());
    }
    if (o instanceof FqdnSelector s) {
      return f.put("matchName", s.matchName()).put("matchPattern", s.matchPattern());
    }
    if (o instanceof CidrRule c) {
      return f.put("cidr", c.cidr())
          .put("cidrGroupRef", c.cidrGroupRef())
          .put("cidrGroupSelector", c.cidrGroupSelector())
          .put("except", c.except());
    }
    if (o instanceof ServiceSelector s) {
      return f.put("k8sService", s.k8sService()).put("k8sServiceSelector", s.k8sServiceSelector());
    }
    if (o instanceof ServiceSelector.K8sService s) {
      return f.put("serviceName", s.serviceName()).put("namespace", s.namespace());
    }
    if (o instanceof IcmpRule r) {
      return f.put("fields", r.fields());
    }
    if (o instanceof IcmpRule.IcmpField i) {
      return f.put("family", i.family()).put("type", i.type());
    }
    if (o instanceof DefaultDeny d) {
      return f.put("ingress", d.ingress()).put("egress", d.egress());
    }
    if (o instanceof RuleLabel l) {
      return f.put("key", l.key()).put("value", l.value()).put("source", l.source());
    }
    if (o instanceof LogConfig l) {
      return f.put("value", l.value());
    }
    if (o instanceof LabelSelector s) {
      // fabric8 leaves out empty lists and maps (JsonInclude NON_EMPTY).
      requireNone(s.getAdditionalProperties());
      return f.put("matchExpressions", nonEmpty(s.getMatchExpressions()))
          .put("matchLabels", nonEmpty(s.getMatchLabels()));
    }
    if (o instanceof LabelSelectorRequirement r) {
      requireNone(r.getAdditionalProperties());
      return f.put("key", r.getKey())
          .put("operator", r.getOperator())
          .put("values", nonEmpty(r.getValues()));
    }
    if (o instanceof ObjectMeta m) {
      requireNone(m.getAdditionalProperties());
      if (nonEmpty(m.getManagedFields()) != null || nonEmpty(m.getOwnerReferences()) != null) {
        throw new Refused();
      }
      return f.put("annotations", nonEmpty(m.getAnnotations()))
          .put("creationTimestamp", m.getCreationTimestamp())
          .put("deletionGracePeriodSeconds", m.getDeletionGracePeriodSeconds())
          .put("deletionTimestamp", m.getDeletionTimestamp())
          .put("finalizers", nonEmpty(m.getFinalizers()))
          .put("generateName", m.getGenerateName())
          .put("generation", m.getGeneration())
          .put("labels", nonEmpty(m.getLabels()))
          .put("name", m.getName())
          .put("namespace", m.getNamespace())
          .put("resourceVersion", m.getResourceVersion())
          .put("selfLink", m.getSelfLink())
          .put("uid", m.getUid());
    }
    throw new Refused();
  }

  private static void requireNone(Map<String, Object> additional) {
    if (additional != null && !additional.isEmpty()) {
      throw new Refused();
    }
  }

  private static <T extends List<?>> T nonEmpty(T list) {
    return list == null || list.isEmpty() ? null : list;
  }

  private static <T extends Map<?, ?>> T nonEmpty(T map) {
    return map == null || map.isEmpty() ? null : map;
  }

  private void document(Object root) {
    Object node = node(root);
    if (node instanceof Fields f && !f.isEmpty()) {
      emit(new Frame(f, true, 0, false, null));
    } else if (node instanceof List<?> l && !l.isEmpty()) {
      emit(new Frame(l, false, 0, false, null));
    } else {
      line(node);
    }
  }

  /**
   * One open mapping or sequence: its entries (key, value, … for a mapping), the next one to write,
   * its indent, and whether its first entry continues the line after {@code "- "}.
   */
  private static final class Frame {
    final List<?> entries;
    final boolean mapping;
    final int indent;
    final Frame parent;
    int next;
    boolean inline;

    Frame(List<?> entries, boolean mapping, int indent, boolean inline, Frame parent) {
      this.entries = entries;
      this.mapping = mapping;
      this.indent = indent;
      this.inline = inline;
      this.parent = parent;
    }
  }

  /**
   * Writes a non-empty mapping or sequence and everything in it, with a stack of open ones: a
   * mapping's entries at its indent, a nested mapping two deeper, a sequence in a mapping at its
   * key's indent, a mapping or sequence in a sequence starting on the item's {@code "- "} line.
   */
  private void emit(Frame root) {
    Frame f = root;
    while (f != null) {
      if (f.next >= f.entries.size()) {
        f = f.parent;
        continue;
      }
      if (!f.inline) {
        indent(f.indent);
      }
      f.inline = false;
      Object value;
      if (f.mapping) {
        String key = (String) f.entries.get(f.next);
        if (key.isEmpty() || key.length() > MAX_SIMPLE_KEY) {
          throw new Refused();
        }
        string(key);
        out.append(':');
        value = node(f.entries.get(f.next + 1));
        f.next += 2;
      } else {
        out.append("- ");
        Object item = f.entries.get(f.next++);
        if (item == null) {
          throw new Refused();
        }
        value = node(item);
      }
      boolean nested = value instanceof List<?> l && !l.isEmpty();
      if (!nested) {
        if (f.mapping) {
          out.append(' ');
        }
        line(value);
      } else if (f.mapping) {
        out.append('\n');
        // A sequence in a mapping stands at its key's indent.
        boolean mapping = value instanceof Fields;
        f = new Frame((List<?>) value, mapping, mapping ? f.indent + 2 : f.indent, false, f);
      } else {
        f = new Frame((List<?>) value, value instanceof Fields, f.indent + 2, true, f);
      }
    }
  }

  /** A scalar, or an empty mapping or sequence, and the end of its line. */
  private void line(Object value) {
    if (value instanceof String s) {
      string(s);
    } else if (value instanceof Scalar s) {
      out.append(s.text());
    } else if (value instanceof Fields) {
      out.append("{}");
    } else {
      out.append("[]");
    }
    out.append('\n');
  }

  private void indent(int indent) {
    for (int i = 0; i < indent; i++) {
      out.append(' ');
    }
  }

  /**
   * A string: plain when {@link YamlScalars} allows it, else double quoted with {@code "} and
   * {@code \} escaped and every character outside printable ASCII written as an escape ({@code \n},
   * {@code \x85}, {@code \u2028}, {@code \U0001f600}), as the emitter writes ASCII only.
   */
  private void string(String s) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      // The YAML library writes a string with a line break as a literal block (|), and a key
      // with one as a complex key; and a lone surrogate is no character at all.
      if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
        throw new Refused();
      }
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c)
            && i + 1 < n
            && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else {
          throw new Refused();
        }
      }
    }
    if (!YamlScalars.needsQuotes(s)) {
      out.append(s);
      return;
    }
    out.append('"');
    int start = 0;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c <= 0x7e && c != '"' && c != '\\') {
        continue;
      }
      out.append(s, start, i);
      start = i + 1;
      String escape = escape(c);
      if (escape != null) {
        out.append('\\').append(escape);
      } else if (c <= 0xff) {
        out.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xf]);
      } else if (Character.isHighSurrogate(c)) {
        hex("\\U", Character.toCodePoint(c, s.charAt(i + 1)), 8);
        i++;
        start = i + 1;
      } else {
        hex("\\u", c, 4);
      }
    }
    out.append(s, start, n).append('"');
  }

  private void hex(String prefix, int value, int digits) {
    out.append(prefix);
    for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
      out.append(HEX[(value >> shift) & 0xf]);
    }
  }

  /** The YAML emitter's short escapes, without the backslash; null for the others. */
  private static String escape(char c) {
    return switch (c) {
      case 0 -> "0";
      case 7 -> "a";
      case 8 -> "b";
      case 9 -> "t";
      case 10 -> "n";
      case 11 -> "v";
      case 12 -> "f";
      case 13 -> "r";
      case 27 -> "e";
      case '"' -> "\"";
      case '\\' -> "\\";
      case 0x85 -> "N";
      case 0xa0 -> "_";
      default -> null;
    };
  }
}
