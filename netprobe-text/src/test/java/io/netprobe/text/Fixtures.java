package io.netprobe.text;

import io.netprobe.dns.DnsAnswer;
import io.netprobe.dns.DnsFlag;
import io.netprobe.dns.DnsHeader;
import io.netprobe.dns.DnsSpec;
import io.netprobe.dns.DnsResult;
import io.netprobe.dns.DnsTransport;
import io.netprobe.dns.RecordType;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;

/** Results built by hand, with every field the text reads set to a known value. Stateless; thread-safe. */
final class Fixtures {
  static final Instant T0 = Instant.parse("2026-11-24T09:30:00Z");

  private Fixtures() {}

  /** An IP literal as an address; no lookup happens. */
  static InetAddress ip(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(literal, e);
    }
  }

  static InetSocketAddress server(String literal, int port) {
    return new InetSocketAddress(ip(literal), port);
  }

  static DnsSpec query(String name, RecordType type, InetSocketAddress... servers) {
    return new DnsSpec(name, name, type, List.of(servers), false, DnsSpec.DEFAULT_EDNS_BUFFER_SIZE, false, true,
        DnsSpec.DEFAULT_TRIES, Duration.ofSeconds(5));
  }

  static DnsAnswer record(String name, int ttl, RecordType type, String data) {
    return new DnsAnswer(name, Duration.ofSeconds(ttl), "IN", type, data);
  }

  static DnsHeader header(String rcode, DnsFlag... flags) {
    EnumSet<DnsFlag> set = EnumSet.noneOf(DnsFlag.class);
    set.addAll(List.of(flags));
    return new DnsHeader(4242, "QUERY", rcode, set);
  }

  /** A NOERROR answer from {@code server} with the given answer records and nothing else. */
  static DnsResult answer(DnsSpec q, InetSocketAddress server, DnsAnswer... answers) {
    return DnsResult.builder(q).server(server).transport(DnsTransport.UDP).queryTime(Duration.ofMillis(2))
        .messageSize(64).header(header("NOERROR", DnsFlag.QR, DnsFlag.AA, DnsFlag.RD)).answers(List.of(answers))
        .backend("test").started(T0).elapsed(Duration.ofMillis(3)).build();
  }
}
