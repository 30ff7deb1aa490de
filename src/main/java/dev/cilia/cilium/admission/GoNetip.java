package dev.cilia.cilium.admission;

/**
 * Go's {@code net/netip} address and prefix parsing, as the agent's CIDR checks (V28, V29 of
 * CILIUM-POLICY.md §4) use it: IPv4 without leading zeros, IPv6 with {@code ::}, embedded IPv4 and
 * zones, prefixes with decimal bits and host bits allowed. Error texts follow Go's.
 */
final class GoNetip {
  private GoNetip() {}

  /** A parsed address: 4 or 16 bytes; {@code zone} is empty when absent. */
  record Addr(byte[] bytes, String zone) {
    boolean is4() {
      return bytes.length == 4;
    }
  }

  /** A parsed prefix, as written (host bits are kept, as netip does). */
  record Prefix(Addr addr, int bits) {
    /** netip's {@code Prefix.Contains}: same family, same zone, same leading bits. */
    boolean contains(Addr other) {
      if (other.is4() != addr.is4() || !other.zone().equals(addr.zone())) {
        return false;
      }
      for (int bit = 0; bit < bits; bit++) {
        int mask = 0x80 >>> (bit % 8);
        if ((addr.bytes()[bit / 8] & mask) != (other.bytes()[bit / 8] & mask)) {
          return false;
        }
      }
      return true;
    }
  }

  /** Either a value or Go's error text. */
  record Parsed<T>(T value, String error) {
    static <T> Parsed<T> ok(T value) {
      return new Parsed<>(value, null);
    }

    static <T> Parsed<T> fail(String error) {
      return new Parsed<>(null, error);
    }

    boolean ok() {
      return error == null;
    }
  }

  /** {@code netip.ParseAddr}. */
  static Parsed<Addr> parseAddr(String s) {
    for (int i = 0; i < s.length(); i++) {
      switch (s.charAt(i)) {
        case '.':
          return parseIPv4(s);
        case ':':
          return parseIPv6(s);
        case '%':
          return Parsed.fail(addrError(s, "missing IPv6 address", ""));
        default:
          break;
      }
    }
    return Parsed.fail(addrError(s, "unable to parse IP", ""));
  }

  /** {@code netip.ParsePrefix}. */
  static Parsed<Prefix> parsePrefix(String s) {
    String head = "netip.ParsePrefix(" + GoText.quote(s) + "): ";
    int slash = s.lastIndexOf('/');
    if (slash < 0) {
      return Parsed.fail(head + "no '/'");
    }
    Parsed<Addr> addr = parseAddr(s.substring(0, slash));
    if (!addr.ok()) {
      return Parsed.fail(head + addr.error());
    }
    if (!addr.value().is4() && !addr.value().zone().isEmpty()) {
      return Parsed.fail(head + "IPv6 zones cannot be present in a prefix");
    }
    String bitsText = s.substring(slash + 1);
    String badBits = head + "bad bits after slash: " + GoText.quote(bitsText);
    // Go refuses a sign and leading zeros here, unlike strconv.Atoi.
    if (bitsText.isEmpty()
        || bitsText.length() > 1 && (bitsText.charAt(0) < '1' || bitsText.charAt(0) > '9')
        || !bitsText.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return Parsed.fail(badBits);
    }
    int max = addr.value().is4() ? 32 : 128;
    if (bitsText.length() > 3 || Integer.parseInt(bitsText) > max) {
      return Parsed.fail(head + "prefix length out of range");
    }
    return Parsed.ok(new Prefix(addr.value(), Integer.parseInt(bitsText)));
  }

  private static String addrError(String in, String msg, String at) {
    String text = "ParseAddr(" + GoText.quote(in) + "): " + msg;
    return at.isEmpty() ? text : text + " (at " + GoText.quote(at) + ")";
  }

  private static Parsed<Addr> parseIPv4(String s) {
    byte[] fields = new byte[4];
    String error = parseIPv4Fields(s, 0, s.length(), fields, 0);
    return error == null ? Parsed.ok(new Addr(fields, "")) : Parsed.fail(error);
  }

  private static String parseIPv4Fields(String in, int off, int end, byte[] out, int outOff) {
    String s = in.substring(off, end);
    int val = 0;
    int pos = 0;
    int digits = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        if (digits == 1 && val == 0) {
          return addrError(in, "IPv4 field has octet with leading zero", "");
        }
        val = val * 10 + (c - '0');
        digits++;
        if (val > 255) {
          return addrError(in, "IPv4 field has value >255", "");
        }
      } else if (c == '.') {
        if (i == 0 || i == s.length() - 1 || s.charAt(i - 1) == '.') {
          return addrError(in, "IPv4 field must have at least one digit", s.substring(i));
        }
        if (pos == 3) {
          return addrError(in, "IPv4 address too long", "");
        }
        out[outOff + pos++] = (byte) val;
        val = 0;
        digits = 0;
      } else {
        return addrError(in, "unexpected character", s.substring(i));
      }
    }
    if (pos < 3) {
      return addrError(in, "IPv4 address too short", "");
    }
    out[outOff + 3] = (byte) val;
    return null;
  }

  private static Parsed<Addr> parseIPv6(String in) {
    String s = in;
    String zone = "";
    int pct = s.indexOf('%');
    if (pct >= 0) {
      zone = s.substring(pct + 1);
      s = s.substring(0, pct);
      if (zone.isEmpty()) {
        return Parsed.fail(addrError(in, "zone must be a non-empty string", ""));
      }
    }
    byte[] ip = new byte[16];
    int ellipsis = -1;
    if (s.length() >= 2 && s.charAt(0) == ':' && s.charAt(1) == ':') {
      ellipsis = 0;
      s = s.substring(2);
      if (s.isEmpty()) {
        return Parsed.ok(new Addr(ip, zone));
      }
    }
    int i = 0;
    while (i < 16) {
      int off = 0;
      int acc = 0;
      for (; off < s.length(); off++) {
        int d = Character.digit(s.charAt(off), 16);
        if (d < 0 || s.charAt(off) > 'f') {
          break;
        }
        acc = (acc << 4) + d;
        if (off > 3) {
          return Parsed.fail(addrError(in, "each group must have 4 or less digits", s));
        }
        if (acc > 0xffff) {
          return Parsed.fail(addrError(in, "IPv6 field has value >=2^16", s));
        }
      }
      if (off == 0) {
        return Parsed.fail(
            addrError(in, "each colon-separated field must have at least one digit", s));
      }
      if (off < s.length() && s.charAt(off) == '.') {
        if (ellipsis < 0 && i != 12) {
          return Parsed.fail(
              addrError(
                  in, "embedded IPv4 address must replace the final 2 fields of the address", s));
        }
        if (i + 4 > 16) {
          return Parsed.fail(
              addrError(
                  in, "too many hex fields to fit an embedded IPv4 at the end of the address", s));
        }
        int end = in.length() - (zone.isEmpty() ? 0 : zone.length() + 1);
        String error = parseIPv4Fields(in, end - s.length(), end, ip, i);
        if (error != null) {
          return Parsed.fail(error);
        }
        s = "";
        i += 4;
        break;
      }
      ip[i] = (byte) (acc >> 8);
      ip[i + 1] = (byte) acc;
      i += 2;
      s = s.substring(off);
      if (s.isEmpty()) {
        break;
      }
      if (s.charAt(0) != ':') {
        return Parsed.fail(addrError(in, "unexpected character, want colon", s));
      } else if (s.length() == 1) {
        return Parsed.fail(addrError(in, "colon must be followed by more characters", s));
      }
      s = s.substring(1);
      if (s.charAt(0) == ':') {
        if (ellipsis >= 0) {
          return Parsed.fail(addrError(in, "multiple :: in address", s));
        }
        ellipsis = i;
        s = s.substring(1);
        if (s.isEmpty()) {
          break;
        }
      }
    }
    if (!s.isEmpty()) {
      return Parsed.fail(addrError(in, "trailing garbage after address", s));
    }
    if (i < 16) {
      if (ellipsis < 0) {
        return Parsed.fail(addrError(in, "address string too short", ""));
      }
      int n = 16 - i;
      for (int j = i - 1; j >= ellipsis; j--) {
        ip[j + n] = ip[j];
      }
      for (int j = ellipsis; j < ellipsis + n; j++) {
        ip[j] = 0;
      }
    } else if (ellipsis >= 0) {
      return Parsed.fail(addrError(in, "the :: must expand to at least one field of zeros", s));
    }
    return Parsed.ok(new Addr(ip, zone));
  }
}
