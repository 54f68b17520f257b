package io.netprobe.dns;

/**
 * The class of a DNS question (RFC 1035 §3.2.4, RFC 2136): {@link #IN} for almost everything; {@link #CH} for a
 * server's own identity ({@code dig CH TXT version.server}). Immutable enum; thread-safe.
 */
public enum DnsClass {
  IN(1),
  CS(2),
  CH(3),
  HS(4),
  NONE(254),
  ANY(255);

  private final int code;

  DnsClass(int code) {
    this.code = code;
  }

  /** The class's number on the wire. */
  public int code() {
    return code;
  }

  /**
   * The class named {@code name} as dig and miekg/dns write it ({@code IN}, {@code CH}, {@code CHAOS},
   * {@code HS}, {@code HESIOD}, {@code NONE}, {@code ANY}), in any case.
   *
   * @throws IllegalArgumentException for another name
   */
  public static DnsClass of(String name) {
    String n = name.toUpperCase(java.util.Locale.ROOT);
    return switch (n) {
      case "CHAOS" -> CH;
      case "HESIOD" -> HS;
      default -> {
        for (DnsClass c : values()) {
          if (c.name().equals(n)) {
            yield c;
          }
        }
        throw new IllegalArgumentException("DNS class must be IN, CS, CH, HS, NONE or ANY, was "
            + io.netprobe.core.Redaction.display(name));
      }
    };
  }
}
