package io.netprobe.dns;

import io.netprobe.internal.net.HostParser;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One resource record of an answer, authority or additional section, as dig prints it:
 * {@code quizai.juwonpark.me. 300 IN A 172.67.152.70}. The data is kept in dig's presentation text; typed
 * accessors read the common types.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the owner name, absolute, with the trailing dot ({@code quizai.juwonpark.me.})
 * @param ttl the time to live
 * @param dnsClass the class mnemonic, almost always {@code IN}
 * @param type the record type
 * @param data the record data in presentation form, exactly as dig prints it
 */
public record DnsAnswer(String name, Duration ttl, String dnsClass, RecordType type, String data) {
  public DnsAnswer {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(ttl, "ttl");
    Objects.requireNonNull(dnsClass, "dnsClass");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(data, "data");
  }

  /** For A and AAAA records: the address. Empty for other types. */
  public Optional<InetAddress> address() {
    if (!type.equals(RecordType.A) && !type.equals(RecordType.AAAA)) {
      return Optional.empty();
    }
    if (type.equals(RecordType.A)) {
      return Optional.ofNullable(HostParser.parseIpv4(data));
    }
    if (!data.contains(":")) {
      return Optional.empty();
    }
    try {
      // contains ':' so the JDK parses it as an IPv6 literal; no lookup happens
      return Optional.of(InetAddress.getByName(data));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  /**
   * The name this record points at: the target of CNAME, DNAME, NS and PTR, the exchange of MX, the target of SRV.
   * Empty for other types.
   */
  public Optional<String> target() {
    String[] f = fields();
    if (type.equals(RecordType.CNAME) || type.equals(RecordType.DNAME) || type.equals(RecordType.NS)
        || type.equals(RecordType.PTR)) {
      return f.length == 1 ? Optional.of(f[0]) : Optional.empty();
    }
    if (type.equals(RecordType.MX)) {
      return f.length == 2 ? Optional.of(f[1]) : Optional.empty();
    }
    if (type.equals(RecordType.SRV)) {
      return f.length == 4 ? Optional.of(f[3]) : Optional.empty();
    }
    return Optional.empty();
  }

  /** For MX records: the preference. */
  public OptionalInt mxPreference() {
    String[] f = fields();
    if (!type.equals(RecordType.MX) || f.length != 2 || !f[0].matches("[0-9]{1,5}")) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(Integer.parseInt(f[0]));
  }

  /** For TXT and SPF records: the character strings, unquoted and unescaped. Empty list for other types. */
  public List<String> txtStrings() {
    if (!type.equals(RecordType.TXT) && !type.equals(RecordType.SPF)) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    StringBuilder cur = null;
    for (int i = 0; i < data.length(); i++) {
      char c = data.charAt(i);
      if (cur == null) {
        if (c == '"') {
          cur = new StringBuilder();
        } else if (!Character.isWhitespace(c)) {
          int end = data.indexOf(' ', i);
          out.add(data.substring(i, end < 0 ? data.length() : end));
          i = end < 0 ? data.length() : end;
        }
      } else if (c == '\\' && i + 1 < data.length()) {
        char n = data.charAt(i + 1);
        if (Character.isDigit(n) && i + 3 < data.length()) {
          cur.append((char) Integer.parseInt(data.substring(i + 1, i + 4)));
          i += 3;
        } else {
          cur.append(n);
          i++;
        }
      } else if (c == '"') {
        out.add(cur.toString());
        cur = null;
      } else {
        cur.append(c);
      }
    }
    return List.copyOf(out);
  }

  /** For SOA records: the parsed fields. */
  public Optional<Soa> soa() {
    String[] f = fields();
    if (!type.equals(RecordType.SOA) || f.length != 7) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Soa(f[0], f[1], Long.parseLong(f[2]), Duration.ofSeconds(Long.parseLong(f[3])),
          Duration.ofSeconds(Long.parseLong(f[4])), Duration.ofSeconds(Long.parseLong(f[5])),
          Duration.ofSeconds(Long.parseLong(f[6]))));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private String[] fields() {
    return data.trim().split("\\s+");
  }

  /** dig's line: {@code name ttl class type data}, tab-separated. */
  @Override
  public String toString() {
    return name + "\t" + ttl.getSeconds() + "\t" + dnsClass + "\t" + type + "\t" + data;
  }

  /**
   * The fields of an SOA record.
   *
   * @param primaryNameServer MNAME
   * @param responsibleMailbox RNAME
   * @param serial the zone serial
   * @param refresh REFRESH
   * @param retry RETRY
   * @param expire EXPIRE
   * @param minimum MINIMUM (the negative-caching TTL)
   */
  public record Soa(String primaryNameServer, String responsibleMailbox, long serial, Duration refresh,
      Duration retry, Duration expire, Duration minimum) {}
}
