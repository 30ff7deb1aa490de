package dev.cilia.driver;

import dev.cilia.diag.Code;
import dev.cilia.diag.Diagnostic;
import dev.cilia.source.Span;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one edit that fixes a diagnostic, where its hint names exactly one replacement (an editor's
 * quick fix): {@code ftp} → {@code ftp passive 30000-30100}, {@code 90-80} → {@code 80-90}, a bare
 * port after a preset → {@code tcp 443}, {@code cidr 10.1.2.3} → {@code ip 10.1.2.3}, a bare
 * address as a peer → {@code ip 10.1.2.3}, {@code tcp/1521} → {@code tcp 1521}.
 */
public final class Fixes {
  /** Codes whose hint {@code write `X`} is the exact text to put in place of the span. */
  private static final Set<Code> WRITE_REPLACES_SPAN =
      Set.of(Code.CIL0203, Code.CIL0214, Code.CIL0215, Code.CIL0218);

  private static final Pattern WRITE =
      Pattern.compile("write (?:the protocol first: )?`([^`…]+)`(?:[^`]*)");
  private static final Pattern PROTOCOL_SLASH =
      Pattern.compile("(tcp|udp|sctp|any)/(\\d+(?:-\\d+)?)");
  private static final Pattern ADDRESS =
      Pattern.compile("\\d{1,3}(?:\\.\\d{1,3}){3}|[0-9A-Fa-f]*:[0-9A-Fa-f:.]*");
  private static final Pattern PREFIX =
      Pattern.compile("(?:\\d{1,3}(?:\\.\\d{1,3}){3}|[0-9A-Fa-f]*:[0-9A-Fa-f:.]*)/\\d{1,3}");

  private Fixes() {}

  /** One replacement: put {@code text} where {@code span} is. */
  public record Fix(String title, Span span, String text) {}

  /** The fix of {@code diagnostic}, when it has exactly one. */
  public static Optional<Fix> of(Diagnostic diagnostic) {
    Span span = diagnostic.span();
    String written = span.text();
    String hint = diagnostic.hint().orElse("");
    if (diagnostic.code() == Code.CIL0201) {
      Matcher slash = PROTOCOL_SLASH.matcher(written);
      if (slash.matches()) {
        return fix(span, slash.group(1) + " " + slash.group(2));
      }
      if (diagnostic.message().startsWith("unknown peer")) {
        if (ADDRESS.matcher(written).matches()) {
          return fix(span, "ip " + written);
        }
        if (PREFIX.matcher(written).matches()) {
          return fix(span, "cidr " + written);
        }
      }
      return Optional.empty();
    }
    if (diagnostic.code() == Code.CIL0215
        && hint.contains("`ip " + written + "` for one address")) {
      String before = span.file().text().substring(0, span.start());
      Matcher cidr = Pattern.compile("cidr\\s+$").matcher(before);
      if (cidr.find()) {
        Span whole = new Span(span.file(), cidr.start(), span.end());
        return fix(whole, "ip " + written);
      }
      return Optional.empty();
    }
    if (!WRITE_REPLACES_SPAN.contains(diagnostic.code()) || hint.contains("such as")) {
      return Optional.empty();
    }
    Matcher write = WRITE.matcher(hint);
    if (!write.matches()) {
      return Optional.empty();
    }
    String text = write.group(1);
    if (diagnostic.code() == Code.CIL0218) {
      // "write `https, tcp 8443`" names the list around the bare port; the port's part is the fix.
      text = text.substring(text.lastIndexOf(", ") + 1).strip();
    }
    return fix(span, text);
  }

  private static Optional<Fix> fix(Span span, String text) {
    return Optional.of(new Fix("write `" + text + "`", span, text));
  }
}
