package io.netprobe.internal.net;

import java.net.IDN;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import javax.annotation.Nullable;

/** Validates host names and IP literals without touching the network. Stateless; thread-safe. */
public final class HostParser {
  /** Longest name in presentation form without the trailing dot (RFC 1035: 255 octets on the wire). */
  public static final int MAX_NAME_LENGTH = 253;
  public static final int MAX_LABEL_LENGTH = 63;

  private HostParser() {}

  /** The result of parsing: ASCII form, and the address for literals. */
  public record Parsed(String ascii, @Nullable InetAddress literal, @Nullable String zone) {}

  public static Parsed parse(String input) {
    if (input.isEmpty()) {
      throw bad(input, "must not be empty");
    }
    for (int i = 0; i < input.length(); i++) {
      char c = input.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c)) {
        throw bad(input, "must not contain white space or control characters");
      }
    }
    String text = input;
    boolean bracketed = text.startsWith("[");
    if (bracketed) {
      if (!text.endsWith("]") || text.length() < 3) {
        throw bad(input, "an IPv6 literal in brackets must look like [2001:db8::1]");
      }
      text = text.substring(1, text.length() - 1);
      if (text.indexOf(':') < 0) {
        throw bad(input, "only IPv6 literals may be written in brackets");
      }
    }
    if (text.indexOf(':') >= 0) {
      return parseIpv6(input, text);
    }
    InetAddress v4 = parseIpv4(text);
    if (v4 != null) {
      // a strict dotted quad is already the address's text form: the caller's string, not a copy of it per probe
      return new Parsed(text, v4, null);
    }
    return new Parsed(parseName(input, text), null, null);
  }

  /** Parses a strict dotted-quad IPv4 literal (four decimal parts 0–255, no leading zeros); null when not one. */
  public static @Nullable InetAddress parseIpv4(String text) {
    // one pass over the characters: this runs for every probe a client starts (no split, no regex)
    byte[] bytes = new byte[4];
    int part = 0;
    int value = 0;
    int digits = 0;
    boolean leadingZero = false;
    for (int i = 0, n = text.length(); i <= n; i++) {
      char c = i < n ? text.charAt(i) : '.';
      if (c == '.') {
        if (digits == 0 || part == 4 || (leadingZero && digits > 1)) {
          return null;
        }
        bytes[part++] = (byte) value;
        value = 0;
        digits = 0;
      } else if (c >= '0' && c <= '9') {
        if (digits == 0) {
          leadingZero = c == '0';
        }
        value = value * 10 + (c - '0');
        if (++digits > 3 || value > 255) {
          return null;
        }
      } else {
        return null;
      }
    }
    if (part != 4) {
      return null;
    }
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException impossible) {
      throw new AssertionError(impossible);
    }
  }

  private static Parsed parseIpv6(String input, String text) {
    String zone = null;
    String address = text;
    int percent = text.indexOf('%');
    if (percent >= 0) {
      zone = text.substring(percent + 1);
      address = text.substring(0, percent);
      if (zone.isEmpty() || !zone.matches("[A-Za-z0-9_.\\-]{1,64}")) {
        throw bad(input, "the IPv6 zone id after % must be an interface name or number");
      }
    }
    if (!address.matches("[0-9A-Fa-f:.]+") || address.contains(":::")) {
      throw bad(input, "is not a valid IPv6 literal (hex groups separated by colons, e.g. 2001:db8::1)");
    }
    InetAddress parsed;
    try {
      // A string containing ':' is always parsed as a literal by the JDK: no DNS lookup can happen here.
      parsed = InetAddress.getByName(address);
    } catch (UnknownHostException e) {
      throw bad(input, "is not a valid IPv6 literal (hex groups separated by colons, e.g. 2001:db8::1)");
    }
    if (!(parsed instanceof Inet6Address)) {
      // e.g. "::ffff:1.2.3.4" is mapped by the JDK to an Inet4Address; keep it, it is a valid literal
      return new Parsed(parsed.getHostAddress(), parsed, zone);
    }
    String ascii = format(parsed) + (zone == null ? "" : "%" + zone);
    return new Parsed(ascii, zone == null ? parsed : scoped((Inet6Address) parsed, zone), zone);
  }

  /**
   * The address with its zone as the socket calls need it ({@code sin6_scope_id}): a number is the scope id, a name
   * the interface of that name on this machine. A name no interface has leaves the address unscoped, so that parsing
   * stays free of failures that depend on the machine; connecting to it then fails with the system's reason.
   */
  private static InetAddress scoped(Inet6Address address, String zone) {
    try {
      if (zone.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return Inet6Address.getByAddress(null, address.getAddress(), Integer.parseInt(zone));
      }
      java.net.NetworkInterface nic = java.net.NetworkInterface.getByName(zone);
      return nic == null ? address : Inet6Address.getByAddress(null, address.getAddress(), nic);
    } catch (java.net.SocketException | UnknownHostException | NumberFormatException e) {
      return address;
    }
  }

  private static String parseName(String input, String text) {
    String name = text.endsWith(".") && text.length() > 1 ? text.substring(0, text.length() - 1) : text;
    if (name.equals(".")) {
      throw bad(input, "the root name is not a host");
    }
    checkRawLabels(name, rule -> bad(input, rule));
    String ascii;
    try {
      ascii = IDN.toASCII(name, IDN.ALLOW_UNASSIGNED);
    } catch (IllegalArgumentException e) {
      throw bad(input, "is not a valid international domain name (" + e.getMessage() + ")");
    }
    ascii = ascii.toLowerCase(Locale.ROOT);
    if (ascii.length() > MAX_NAME_LENGTH) {
      throw bad(input, "is " + ascii.length() + " characters long; a name may have at most " + MAX_NAME_LENGTH);
    }
    String[] labels = ascii.split("\\.", -1);
    for (String label : labels) {
      if (label.isEmpty()) {
        throw bad(input, "has an empty label (two dots in a row, or a leading dot)");
      }
      if (label.length() > MAX_LABEL_LENGTH) {
        throw bad(input, "has a label of " + label.length() + " characters; labels may have at most " + MAX_LABEL_LENGTH);
      }
      for (int i = 0; i < label.length(); i++) {
        char c = label.charAt(i);
        boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
        if (!ok) {
          throw bad(input, "contains '" + c + "'; host names may contain only letters, digits, '-' and '_'");
        }
      }
      if (label.startsWith("-") || label.endsWith("-")) {
        throw bad(input, "has a label that starts or ends with '-'");
      }
    }
    String last = labels[labels.length - 1];
    if (last.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw bad(input, "looks like an IPv4 address but is not one (four numbers 0-255 without leading zeros)");
    }
    return ascii;
  }

  /**
   * Validates a DNS name (not necessarily a host name): like host names, but {@code "."} (the root), a leading
   * {@code *} label and an all-numeric last label are allowed. Returns the ASCII form with international labels in
   * punycode, lower case, without the trailing dot ({@code "."} for the root).
   *
   * @throws IllegalArgumentException naming the value and the rule it breaks
   */
  public static String parseDnsName(String input) {
    if (input.equals(".")) {
      return ".";
    }
    if (input.isEmpty()) {
      throw badName(input, "must not be empty");
    }
    for (int i = 0; i < input.length(); i++) {
      char c = input.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c)) {
        throw badName(input, "must not contain white space or control characters");
      }
    }
    String name = input.endsWith(".") ? input.substring(0, input.length() - 1) : input;
    checkRawLabels(name, rule -> badName(input, rule));
    String ascii;
    try {
      ascii = IDN.toASCII(name, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      throw badName(input, "is not a valid international domain name (" + e.getMessage() + ")");
    }
    if (ascii.length() > MAX_NAME_LENGTH) {
      throw badName(input, "is " + ascii.length() + " characters long; a name may have at most " + MAX_NAME_LENGTH);
    }
    String[] labels = ascii.split("\\.", -1);
    for (int l = 0; l < labels.length; l++) {
      String label = labels[l];
      if (label.isEmpty()) {
        throw badName(input, "has an empty label (two dots in a row, or a leading dot)");
      }
      if (label.length() > MAX_LABEL_LENGTH) {
        throw badName(input, "has a label of " + label.length() + " characters; labels may have at most "
            + MAX_LABEL_LENGTH);
      }
      if (l == 0 && label.equals("*")) {
        continue;
      }
      for (int i = 0; i < label.length(); i++) {
        char c = label.charAt(i);
        boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
        if (!ok) {
          throw badName(input, "contains '" + c + "'; names may contain only letters, digits, '-' and '_'");
        }
      }
    }
    return ascii;
  }

  static IllegalArgumentException badName(String input, String rule) {
    return new IllegalArgumentException("Invalid DNS name \"" + RedactionPolicy.display(input) + "\": " + rule);
  }

  /** Checks empty and over-long ASCII labels before IDN conversion, whose own messages are less clear. */
  private static void checkRawLabels(String name, java.util.function.Function<String, IllegalArgumentException> bad) {
    for (String label : name.split("\\.", -1)) {
      if (label.isEmpty()) {
        throw bad.apply("has an empty label (two dots in a row, or a leading dot)");
      }
      if (label.length() > MAX_LABEL_LENGTH && label.chars().allMatch(c -> c < 128)) {
        throw bad.apply("has a label of " + label.length() + " characters; labels may have at most "
            + MAX_LABEL_LENGTH);
      }
    }
  }

  /** An address as text: IPv4 dotted quad, IPv6 in RFC 5952 compressed form, without zone or brackets. */
  public static String format(InetAddress address) {
    if (!(address instanceof Inet6Address)) {
      return address.getHostAddress();
    }
    byte[] b = address.getAddress();
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLen = 0;
    for (int i = 0; i < 8; ) {
      if (groups[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLen && j - i >= 2) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLen - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(groups[i]));
    }
    return sb.toString();
  }

  /**
   * An address as every message prints it: IPv4 dotted quad, IPv6 RFC 5952 compressed with its zone id when it has
   * one ({@code fe80::1%eth0}), without brackets.
   */
  public static String text(InetAddress address) {
    String zone = zoneOf(address);
    return format(address) + (zone == null ? "" : "%" + zone);
  }

  /** The zone id of a scoped IPv6 address: its interface's name, else the scope id as a number; null when none. */
  public static @Nullable String zoneOf(InetAddress address) {
    if (address instanceof Inet6Address v6) {
      if (v6.getScopedInterface() != null) {
        return v6.getScopedInterface().getName();
      }
      if (v6.getScopeId() != 0) {
        try {
          // replies carry only the index; ping and ss print the interface's name
          java.net.NetworkInterface nic = java.net.NetworkInterface.getByIndex(v6.getScopeId());
          return nic == null ? Integer.toString(v6.getScopeId()) : nic.getName();
        } catch (java.net.SocketException e) {
          return Integer.toString(v6.getScopeId());
        }
      }
    }
    return null;
  }

  static IllegalArgumentException bad(String input, String rule) {
    return new IllegalArgumentException("Invalid host \"" + RedactionPolicy.display(input) + "\": " + rule);
  }
}
