package dev.cilia.ir;

/** RFC 5952 text for IPv6 addresses: lower case, leading zeros dropped, longest zero run as ::. */
final class Ipv6Text {
  private Ipv6Text() {}

  static String compress(String full) {
    String[] groups = full.split(":");
    int bestStart = -1;
    int bestLen = 0;
    for (int i = 0; i < groups.length; ) {
      if (Integer.parseInt(groups[i], 16) == 0) {
        int j = i;
        while (j < groups.length && Integer.parseInt(groups[j], 16) == 0) {
          j++;
        }
        if (j - i > bestLen && j - i > 1) {
          bestStart = i;
          bestLen = j - i;
        }
        i = j;
      } else {
        i++;
      }
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < groups.length; i++) {
      if (i == bestStart) {
        out.append(i == 0 ? "::" : ":");
        i += bestLen - 1;
        continue;
      }
      out.append(Integer.toHexString(Integer.parseInt(groups[i], 16)));
      if (i < groups.length - 1) {
        out.append(':');
      }
    }
    return out.toString();
  }
}
