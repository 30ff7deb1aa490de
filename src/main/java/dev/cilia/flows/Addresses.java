package dev.cilia.flows;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** IP literals as Hubble writes them; never a host name, so no DNS lookup ever happens. */
public final class Addresses {
  private Addresses() {}

  /** Whether {@code text} is an IPv4 dotted quad or an IPv6 literal. */
  public static boolean isLiteral(String text) {
    return parse(text).isPresent();
  }

  /** The address of an IP literal; empty for anything else. */
  public static Optional<InetAddress> parse(String text) {
    if (text == null || text.isEmpty() || text.length() > 64) {
      return Optional.empty();
    }
    if (text.indexOf(':') >= 0) {
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (!(c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
          return Optional.empty();
        }
      }
      try {
        // A literal with ':' is parsed, never resolved.
        return Optional.of(InetAddress.getByName(text));
      } catch (UnknownHostException | SecurityException e) {
        return Optional.empty();
      }
    }
    byte[] bytes = new byte[4];
    int part = 0;
    int value = -1;
    for (int i = 0; i <= text.length(); i++) {
      char c = i == text.length() ? '.' : text.charAt(i);
      if (c == '.') {
        if (value < 0 || part > 3) {
          return Optional.empty();
        }
        bytes[part++] = (byte) value;
        value = -1;
      } else if (c >= '0' && c <= '9') {
        value = (value < 0 ? 0 : value * 10) + (c - '0');
        if (value > 255) {
          return Optional.empty();
        }
      } else {
        return Optional.empty();
      }
    }
    if (part != 4) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByAddress(bytes));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  /** The canonical text of a literal ({@code 2001:db8::1}); the text itself when not one. */
  static String canonical(String text) {
    return parse(text).map(InetAddress::getHostAddress).orElse(text);
  }
}
