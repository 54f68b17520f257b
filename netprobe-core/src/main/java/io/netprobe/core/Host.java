package io.netprobe.core;

import io.netprobe.internal.net.HostParser;
import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;
import javax.annotation.Nullable;

/**
 * A validated probe target: a host name (converted to ASCII, with international names in punycode) or an IP
 * literal. Creating one never touches the network.
 *
 * <p>Accepted: {@code example.com}, {@code example.com.}, {@code 한국.kr} (→ {@code xn--3e0b707e.kr}),
 * {@code 192.0.2.1}, {@code 2001:db8::1}, {@code [2001:db8::1]}, {@code fe80::1%eth0}. Rejected with an
 * {@link IllegalArgumentException} that names the value and the rule: empty names, white space, empty labels
 * ({@code a..b}), labels over 63 or names over 253 characters, characters outside letters, digits, hyphen and
 * underscore, labels starting or ending with a hyphen, an all-numeric last label that is not a valid IPv4 address
 * ({@code 256.1.1.1}, {@code 010.0.0.1}), and malformed IPv6 literals.
 *
 * <p>International names use the JDK's {@link java.net.IDN} (IDNA 2003 mapping).
 *
 * <p>Immutable and thread-safe.
 */
@SuppressWarnings("exports") // jsr305's @Nullable is documentation, read from the class path: consumers need not read it
public final class Host {
  private final String input;
  private final String ascii;
  private final @Nullable InetAddress literal;
  private final @Nullable String zone;

  private Host(String input, String ascii, @Nullable InetAddress literal, @Nullable String zone) {
    this.input = input;
    this.ascii = ascii;
    this.literal = literal;
    this.zone = zone;
  }

  /**
   * Parses and validates a host name or IP literal.
   *
   * @throws IllegalArgumentException when {@code host} is not a valid host name or IP literal
   */
  public static Host of(String host) {
    Objects.requireNonNull(host, "host");
    HostParser.Parsed parsed = HostParser.parse(host);
    return new Host(host, parsed.ascii(), parsed.literal(), parsed.zone());
  }

  /** A host for an address that is already known. */
  public static Host of(InetAddress address) {
    Objects.requireNonNull(address, "address");
    String text = HostParser.text(address);
    return new Host(text, text, address, HostParser.zoneOf(address));
  }

  /** The text as the caller gave it. */
  public String input() {
    return input;
  }

  /**
   * The name in ASCII: punycode for international names, without a trailing dot, lower case; for literals, the
   * address in its usual text form without brackets (and with the zone id when one was given).
   */
  public String ascii() {
    return ascii;
  }

  /** True when the input was an IP literal rather than a name. */
  public boolean isLiteral() {
    return literal != null;
  }

  /** The address when the input was an IP literal; empty for names. */
  public Optional<InetAddress> literal() {
    return Optional.ofNullable(literal);
  }

  /** The IPv6 zone id ({@code eth0} in {@code fe80::1%eth0}), when one was given. */
  public Optional<String> zone() {
    return Optional.ofNullable(zone);
  }

  /** True when the input was an international name that was converted to punycode. */
  public boolean isInternationalized() {
    return literal == null && !ascii.equals(input.toLowerCase(java.util.Locale.ROOT).replaceAll("\\.$", ""));
  }

  /** The form to put in a URL authority: IPv6 literals in brackets, everything else as {@link #ascii()}. */
  public String uriHost() {
    return literal instanceof java.net.Inet6Address ? "[" + ascii + "]" : ascii;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Host && ((Host) o).ascii.equals(ascii);
  }

  @Override
  public int hashCode() {
    return ascii.hashCode();
  }

  @Override
  public String toString() {
    return input.equals(ascii) ? ascii : ascii + " (" + input + ")";
  }
}
