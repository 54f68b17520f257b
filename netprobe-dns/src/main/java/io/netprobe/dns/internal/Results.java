package io.netprobe.dns.internal;

import io.netprobe.dns.DnsSpec;
import io.netprobe.dns.DnsResult;
import java.time.Duration;
import java.time.Instant;

/** Builds the {@link DnsResult} of an exchange. Stateless; thread-safe. */
final class Results {
  private Results() {}

  /**
   * The result of a response: its sections, and the failure its rcode means as core reads it (with {@code context}
   * appended).
   */
  static DnsResult answered(DnsSpec query, Exchange.Answered a, int sent, Instant started, Duration elapsed,
      String context) {
    DnsResult.Builder b = DnsResult.builder(query).backend(DnsjavaBackend.ID).started(started);
    ReplyDecoder.Decoded d = a.reply().decodedParts();
    if (d != null) {
      b.header(d.header()).edns(d.edns()).answers(d.answers()).authority(d.authority()).additional(d.additional());
    } else {
      ResponseReader.fill(b, a.message());
    }
    return b.server(a.server()).transport(a.transport()).queryTime(a.rtt()).messageSize(a.size()).attempts(sent)
        .tls(a.tls().orElse(null))
        .failureFromResponse(context).elapsed(elapsed).build();
  }

  /** The result when no response came. */
  static DnsResult silent(DnsSpec query, Exchange.NoAnswer n, int sent, Instant started, Duration elapsed) {
    return DnsResult.builder(query).backend(DnsjavaBackend.ID).started(started).server(n.server()).attempts(sent)
        .failure(n.failure()).elapsed(elapsed).build();
  }
}
