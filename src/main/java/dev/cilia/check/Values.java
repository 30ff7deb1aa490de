package dev.cilia.check;

import dev.cilia.ir.IpPrefix;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** Validation of the words of the language: names, labels, ports, addresses, FQDNs. */
final class Values {
  private Values() {}

  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern LABEL_NAME =
      Pattern.compile("[A-Za-z0-9]([-_.A-Za-z0-9]*[A-Za-z0-9])?");
  private static final Pattern FQDN_NAME = Pattern.compile("([-a-zA-Z0-9_]+[.]?)+");
  private static final Pattern FQDN_PATTERN = Pattern.compile("([-a-zA-Z0-9_*]+[.]?)+");

  /** A Kubernetes DNS label (let names, namespaces): 63 characters at most. */
  static boolean isDnsLabel(String text) {
    return text.length() <= 63 && DNS_LABEL.matcher(text).matches();
  }

  /** A DNS subdomain (policy names, label key prefixes): dot-separated labels, 253 at most. */
  static boolean isDnsSubdomain(String text) {
    if (text.isEmpty() || text.length() > 253) {
      return false;
    }
    for (String label : text.split("\\.", -1)) {
      if (!isDnsLabel(label)) {
        return false;
      }
    }
    return true;
  }

  /** A label key: {@code [prefix/]name}, prefix a DNS subdomain, name 63 characters at most. */
  static Optional<String> labelKeyProblem(String key) {
    int slash = key.indexOf('/');
    String name = slash < 0 ? key : key.substring(slash + 1);
    if (slash >= 0) {
      String prefix = key.substring(0, slash);
      if (!isDnsSubdomain(prefix)) {
        return Optional.of("the prefix `" + prefix + "` is not a DNS subdomain");
      }
    }
    if (name.isEmpty() || name.length() > 63 || !LABEL_NAME.matcher(name).matches()) {
      return Optional.of(
          "a label name has 1 to 63 letters, digits, `-`, `_` or `.`, starting and ending with a"
              + " letter or digit");
    }
    return Optional.empty();
  }

  /** A label value: empty, or up to 63 letters, digits, {@code -_.} framed by alphanumerics. */
  static boolean isLabelValue(String value) {
    return value.isEmpty() || (value.length() <= 63 && LABEL_NAME.matcher(value).matches());
  }

  /** A port number 1–65535, or empty when the text is not one. */
  static Optional<Integer> port(String text) {
    if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(Character::isDigit)) {
      return Optional.empty();
    }
    int port = Integer.parseInt(text);
    return port >= 1 && port <= 65535 ? Optional.of(port) : Optional.empty();
  }

  /** Whether the text looks numeric (so a range error is about numbers, not words). */
  static boolean isDigits(String text) {
    return !text.isEmpty() && text.chars().allMatch(Character::isDigit);
  }

  /** An IP address literal, never looked up in DNS. */
  static Optional<byte[]> address(String text) {
    if (text.indexOf(':') >= 0) {
      if (text.indexOf('%') >= 0 || text.indexOf('[') >= 0) {
        return Optional.empty();
      }
      try {
        // A literal containing ':' is parsed as IPv6 and never resolved through DNS.
        InetAddress address = InetAddress.getByName(text);
        if (address instanceof Inet6Address) {
          return Optional.of(address.getAddress());
        }
        return Optional.empty();
      } catch (UnknownHostException | SecurityException e) {
        return Optional.empty();
      }
    }
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      return Optional.empty();
    }
    byte[] bytes = new byte[4];
    for (int i = 0; i < 4; i++) {
      String part = parts[i];
      if (part.isEmpty() || part.length() > 3 || !isDigits(part)) {
        return Optional.empty();
      }
      if (part.length() > 1 && part.charAt(0) == '0') {
        return Optional.empty();
      }
      int value = Integer.parseInt(part);
      if (value > 255) {
        return Optional.empty();
      }
      bytes[i] = (byte) value;
    }
    return Optional.of(bytes);
  }

  /** Outcome of reading a CIDR: the prefix, or what is wrong with it. */
  record CidrResult(Optional<IpPrefix> prefix, String problem, String hint) {}

  static CidrResult cidr(String text) {
    int slash = text.indexOf('/');
    if (slash < 0) {
      return new CidrResult(
          Optional.empty(),
          "`" + text + "` is not a CIDR",
          "write a prefix such as `10.0.0.0/8`, or `ip " + text + "` for one address");
    }
    Optional<byte[]> address = address(text.substring(0, slash));
    String lengthText = text.substring(slash + 1);
    if (address.isEmpty()) {
      return new CidrResult(
          Optional.empty(),
          "`" + text.substring(0, slash) + "` is not an IPv4 or IPv6 address",
          "write a prefix such as `10.0.0.0/8` or `2001:db8::/32`");
    }
    int max = address.get().length * 8;
    if (!isDigits(lengthText) || lengthText.length() > 3 || Integer.parseInt(lengthText) > max) {
      return new CidrResult(
          Optional.empty(),
          "`/" + lengthText + "` is not a prefix length",
          "a prefix length is 0 to " + max);
    }
    int length = Integer.parseInt(lengthText);
    byte[] network = mask(address.get(), length);
    IpPrefix prefix = new IpPrefix(network, length);
    if (!java.util.Arrays.equals(network, address.get())) {
      return new CidrResult(
          Optional.empty(), "`" + text + "` has host bits set", "write `" + prefix + "`");
    }
    return new CidrResult(Optional.of(prefix), "", "");
  }

  private static byte[] mask(byte[] address, int length) {
    byte[] out = address.clone();
    for (int bit = length; bit < out.length * 8; bit++) {
      out[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
    }
    return out;
  }

  /** The host prefix of a single address: {@code /32} or {@code /128}. */
  static Optional<IpPrefix> host(String text) {
    return address(text).map(bytes -> new IpPrefix(bytes, bytes.length * 8));
  }

  /** What is wrong with an FQDN name or pattern for {@code toFQDNs}, if anything. */
  static Optional<String> fqdnProblem(String text, boolean allowWildcard) {
    if (text.isEmpty()) {
      return Optional.of("an FQDN cannot be empty");
    }
    if (text.length() > 255) {
      return Optional.of("an FQDN has at most 255 characters");
    }
    if (!allowWildcard && text.indexOf('*') >= 0) {
      return Optional.of("`" + text + "` is a pattern; a concrete name is expected here");
    }
    if (text.equals("*")) {
      return Optional.empty();
    }
    Pattern pattern = allowWildcard ? FQDN_PATTERN : FQDN_NAME;
    if (!pattern.matcher(text).matches()) {
      return Optional.of(
          "`"
              + text
              + "` is not a DNS name: use letters, digits, `-`, `_` and `.`"
              + (allowWildcard ? ", and `*` within a label" : "")
              + ", with no empty labels");
    }
    return Optional.empty();
  }
}
