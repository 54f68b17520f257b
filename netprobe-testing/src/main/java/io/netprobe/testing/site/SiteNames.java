package io.netprobe.testing.site;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Checks of the names and addresses a local site is given. Stateless; thread-safe. */
final class SiteNames {
  private static final Pattern LABEL = Pattern.compile("[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?");
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

  private SiteNames() {}

  /** {@code name} in lower case without a trailing dot, or an IllegalArgumentException naming {@code what}. */
  static String name(String name, String what) {
    String n = name.toLowerCase(Locale.ROOT);
    n = n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    if (n.isEmpty() || n.length() > 253) {
      throw new IllegalArgumentException(what + " '" + name + "' must be a DNS name of 1 to 253 characters");
    }
    for (String label : n.split("\\.", -1)) {
      if (!LABEL.matcher(label).matches()) {
        throw new IllegalArgumentException(what + " '" + name + "' must be a DNS name: label '" + label
            + "' needs 1 to 63 letters, digits, '-' or '_', not starting or ending with '-'");
      }
    }
    return n;
  }

  /** The address an IPv4 or IPv6 literal names; never a lookup, so no traffic. */
  static InetAddress ipLiteral(String literal) {
    String rule = "address '" + literal + "' must be an IPv4 or IPv6 literal";
    try {
      if (IPV4.matcher(literal).matches()) {
        byte[] bytes = new byte[4];
        String[] parts = literal.split("\\.");
        for (int i = 0; i < 4; i++) {
          int part = Integer.parseInt(parts[i]);
          if (part > 255) {
            throw new IllegalArgumentException(rule + " (each part 0 to 255)");
          }
          bytes[i] = (byte) part;
        }
        return InetAddress.getByAddress(bytes);
      }
      if (!IPV6.matcher(literal).matches()) {
        throw new IllegalArgumentException(rule);
      }
      // with a ':' the JDK parses an IPv6 literal and never looks the text up
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(rule, e);
    }
  }
}
