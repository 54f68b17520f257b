package io.netprobe.dns;

import io.netprobe.core.Redaction;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A DNS record type: a number with its mnemonic. Common types are constants; any other type can be named by number
 * ({@code of(65)}), by mnemonic ({@code of("HTTPS")}) or in RFC 3597 form ({@code of("TYPE65")}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param code the 16-bit type number
 * @param mnemonic the name dig prints, e.g. {@code "A"}, or {@code "TYPE262"} for types without one
 */
public record RecordType(int code, String mnemonic) {
  private static final Map<String, RecordType> BY_NAME = new LinkedHashMap<>();
  private static final Map<Integer, RecordType> BY_CODE = new LinkedHashMap<>();

  public static final RecordType A = register(1, "A");
  public static final RecordType NS = register(2, "NS");
  public static final RecordType CNAME = register(5, "CNAME");
  public static final RecordType SOA = register(6, "SOA");
  public static final RecordType PTR = register(12, "PTR");
  public static final RecordType HINFO = register(13, "HINFO");
  public static final RecordType MX = register(15, "MX");
  public static final RecordType TXT = register(16, "TXT");
  public static final RecordType RP = register(17, "RP");
  public static final RecordType AFSDB = register(18, "AFSDB");
  public static final RecordType AAAA = register(28, "AAAA");
  public static final RecordType LOC = register(29, "LOC");
  public static final RecordType SRV = register(33, "SRV");
  public static final RecordType NAPTR = register(35, "NAPTR");
  public static final RecordType KX = register(36, "KX");
  public static final RecordType CERT = register(37, "CERT");
  public static final RecordType DNAME = register(39, "DNAME");
  public static final RecordType OPT = register(41, "OPT");
  public static final RecordType DS = register(43, "DS");
  public static final RecordType SSHFP = register(44, "SSHFP");
  public static final RecordType IPSECKEY = register(45, "IPSECKEY");
  public static final RecordType RRSIG = register(46, "RRSIG");
  public static final RecordType NSEC = register(47, "NSEC");
  public static final RecordType DNSKEY = register(48, "DNSKEY");
  public static final RecordType DHCID = register(49, "DHCID");
  public static final RecordType NSEC3 = register(50, "NSEC3");
  public static final RecordType NSEC3PARAM = register(51, "NSEC3PARAM");
  public static final RecordType TLSA = register(52, "TLSA");
  public static final RecordType SMIMEA = register(53, "SMIMEA");
  public static final RecordType HIP = register(55, "HIP");
  public static final RecordType CDS = register(59, "CDS");
  public static final RecordType CDNSKEY = register(60, "CDNSKEY");
  public static final RecordType OPENPGPKEY = register(61, "OPENPGPKEY");
  public static final RecordType CSYNC = register(62, "CSYNC");
  public static final RecordType ZONEMD = register(63, "ZONEMD");
  public static final RecordType SVCB = register(64, "SVCB");
  public static final RecordType HTTPS = register(65, "HTTPS");
  public static final RecordType SPF = register(99, "SPF");
  public static final RecordType EUI48 = register(108, "EUI48");
  public static final RecordType EUI64 = register(109, "EUI64");
  public static final RecordType IXFR = register(251, "IXFR");
  public static final RecordType AXFR = register(252, "AXFR");
  public static final RecordType ANY = register(255, "ANY");
  public static final RecordType URI = register(256, "URI");
  public static final RecordType CAA = register(257, "CAA");

  public RecordType {
    if (code < 0 || code > 65535) {
      throw new IllegalArgumentException("record type number must be between 0 and 65535, was " + code);
    }
    java.util.Objects.requireNonNull(mnemonic, "mnemonic");
  }

  private static RecordType register(int code, String name) {
    RecordType t = new RecordType(code, name);
    BY_NAME.put(name, t);
    BY_CODE.put(code, t);
    return t;
  }

  /** The type with this number; types without a known mnemonic get {@code TYPEnnn}. */
  public static RecordType of(int code) {
    RecordType known = BY_CODE.get(code);
    return known != null ? known : new RecordType(code, "TYPE" + code);
  }

  /**
   * The type with this mnemonic (case-insensitive), in the form {@code TYPEnnn}, or as a bare number ({@code "65"}).
   *
   * @throws IllegalArgumentException for an unknown name, naming the value and listing the known ones
   */
  public static RecordType of(String name) {
    java.util.Objects.requireNonNull(name, "type");
    if (name.isBlank()) {
      throw new IllegalArgumentException("record type must not be empty");
    }
    if (name.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("Unknown DNS record type \"" + Redaction.display(name)
          + "\": must not contain control characters");
    }
    String upper = name.trim().toUpperCase(Locale.ROOT);
    RecordType known = BY_NAME.get(upper);
    if (known != null) {
      return known;
    }
    if (upper.matches("(TYPE)?[0-9]{1,5}")) {
      int code = Integer.parseInt(upper.startsWith("TYPE") ? upper.substring(4) : upper);
      if (code <= 65535) {
        return of(code);
      }
    }
    throw new IllegalArgumentException("Unknown DNS record type \"" + Redaction.display(name) + "\": use one of " + BY_NAME.keySet()
        + ", TYPEnnn or a number, with nnn between 0 and 65535");
  }

  /** The mnemonics netprobe knows by name. */
  public static Map<String, RecordType> known() {
    return Collections.unmodifiableMap(BY_NAME);
  }

  @Override
  public String toString() {
    return mnemonic;
  }
}
