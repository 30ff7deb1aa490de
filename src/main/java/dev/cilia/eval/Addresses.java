package dev.cilia.eval;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** IP literals and prefixes, parsed without ever resolving a name. */
final class Addresses {
  private Addresses() {}

  /** Parses an IPv4 dotted quad or an IPv6 literal. */
  static InetAddress parse(String text) {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException("expected an IP address, found nothing");
    }
    try {
      if (text.indexOf(':') < 0) {
        return InetAddress.getByAddress(parseV4(text));
      }
      // A string holding ':' that starts with a hex digit or ':' is only ever parsed as an IPv6
      // literal by InetAddress; anything else is refused here so no lookup can happen.
      char first = text.charAt(0);
      if (!(first == ':' || Character.digit(first, 16) >= 0)) {
        throw new IllegalArgumentException("expected an IP address, found `" + text + "`");
      }
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (!(c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
          throw new IllegalArgumentException("expected an IP address, found `" + text + "`");
        }
      }
      return InetAddress.getByName(text);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("expected an IP address, found `" + text + "`", e);
    }
  }

  private static byte[] parseV4(String text) {
    byte[] out = new byte[4];
    int part = 0;
    int value = -1;
    for (int i = 0; i <= text.length(); i++) {
      char c = i < text.length() ? text.charAt(i) : '.';
      if (c == '.') {
        if (value < 0 || part > 3) {
          throw new IllegalArgumentException("expected an IP address, found `" + text + "`");
        }
        out[part++] = (byte) value;
        value = -1;
      } else if (c >= '0' && c <= '9') {
        value = (value < 0 ? 0 : value * 10) + (c - '0');
        if (value > 255) {
          throw new IllegalArgumentException("expected an IP address, found `" + text + "`");
        }
      } else {
        throw new IllegalArgumentException("expected an IP address, found `" + text + "`");
      }
    }
    if (part != 4) {
      throw new IllegalArgumentException("expected an IP address, found `" + text + "`");
    }
    return out;
  }

  /** A prefix {@code A/N}, or a single address (host prefix). */
  record Prefix(byte[] bytes, int bits) {
    static Prefix parse(String text) {
      int slash = text.indexOf('/');
      InetAddress address = Addresses.parse(slash < 0 ? text : text.substring(0, slash));
      byte[] bytes = address.getAddress();
      int max = bytes.length * 8;
      int bits = max;
      if (slash >= 0) {
        try {
          bits = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("unable to parse CIDR `" + text + "`", e);
        }
        if (bits < 0 || bits > max) {
          throw new IllegalArgumentException("unable to parse CIDR `" + text + "`");
        }
      }
      return new Prefix(bytes, bits);
    }

    boolean contains(byte[] address) {
      if (address.length != bytes.length) {
        return false;
      }
      int full = bits >>> 3;
      for (int i = 0; i < full; i++) {
        if (address[i] != bytes[i]) {
          return false;
        }
      }
      int rest = bits & 7;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (address[full] & mask) == (bytes[full] & mask);
    }
  }
}
