package dev.cilia.ir;

import java.math.BigInteger;
import java.net.InetAddress;

/** A normalised IPv4 or IPv6 prefix ({@code 10.20.30.0/24}, {@code 2001:db8::/32}). */
public record IpPrefix(byte[] address, int length) {
  public IpPrefix {
    address = address.clone();
  }

  @Override
  public byte[] address() {
    return address.clone();
  }

  public boolean isV4() {
    return address.length == 4;
  }

  public int maxLength() {
    return address.length * 8;
  }

  private BigInteger value() {
    return new BigInteger(1, address);
  }

  /** Whether every address of {@code other} is inside this prefix. */
  public boolean contains(IpPrefix other) {
    if (other.address.length != address.length || other.length < length) {
      return false;
    }
    int shift = maxLength() - length;
    return value().shiftRight(shift).equals(other.value().shiftRight(shift));
  }

  /** Whether the two prefixes share an address. */
  public boolean overlaps(IpPrefix other) {
    return contains(other) || other.contains(this);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IpPrefix p
        && p.length == length
        && java.util.Arrays.equals(p.address, address);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(address) * 31 + length;
  }

  /** Canonical text: {@code 10.20.30.0/24}; IPv6 in RFC 5952 form. */
  @Override
  public String toString() {
    try {
      String host = InetAddress.getByAddress(address).getHostAddress();
      if (!isV4()) {
        host = Ipv6Text.compress(host);
      }
      return host + "/" + length;
    } catch (java.net.UnknownHostException e) {
      throw new AssertionError(e);
    }
  }
}
