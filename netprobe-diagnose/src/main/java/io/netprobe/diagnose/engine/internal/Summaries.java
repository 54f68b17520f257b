package io.netprobe.diagnose.engine.internal;

import io.netprobe.core.ProbeFailure;
import io.netprobe.dns.DnsAnswer;
import io.netprobe.dns.DnsResult;
import io.netprobe.http.HttpProbeResult;
import io.netprobe.http.HttpHop;
import io.netprobe.http.TlsInfo;
import io.netprobe.icmp.PingMethod;
import io.netprobe.icmp.PingResult;
import io.netprobe.internal.net.HostParser;
import io.netprobe.sockets.ListeningSocket;
import io.netprobe.sockets.TcpConnectResult;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** One-line summaries of probe results in the style of the classic tools' output. Stateless; thread-safe. */
final class Summaries {
  private Summaries() {}

  static String failure(ProbeFailure f) {
    return f.kind() + ": " + f.message();
  }

  static String millis(Duration d) {
    return String.format(Locale.ROOT, "%.1f ms", d.toNanos() / 1e6);
  }

  static String ping(PingResult r) {
    String tcp = r.method().filter(m -> m == PingMethod.TCP_CONNECT).map(m -> " (TCP connect, not ICMP)").orElse("");
    String counts = String.format(Locale.ROOT, "%d transmitted, %d received, %.0f%% packet loss", r.transmitted(),
        r.received(), r.lossPercent());
    if (!r.isSuccess()) {
      return counts + tcp + " — " + failure(r.failure().orElseThrow());
    }
    return counts + ", rtt min/avg/max " + String.format(Locale.ROOT, "%.3f/%.3f/%.3f ms",
        r.statistics().min().toNanos() / 1e6, r.statistics().avg().toNanos() / 1e6,
        r.statistics().max().toNanos() / 1e6) + tcp;
  }

  static String tcp(TcpConnectResult r) {
    String where = r.address().map(HostParser::format).orElse(r.query().host().ascii()) + ":" + r.query().port();
    if (r.isSuccess()) {
      return "connected to " + where + " in " + millis(r.connectTime().orElse(r.elapsed()));
    }
    return where + " — " + failure(r.failure().orElseThrow());
  }

  static String dns(DnsResult r) {
    if (r.failureKind().filter(k -> k == io.netprobe.core.FailureKind.NO_DATA).isPresent()) {
      return "status: " + r.rcode().orElse("NOERROR") + ", no " + r.query().type() + " records";
    }
    if (!r.isSuccess()) {
      String rcode = r.rcode().map(c -> "status: " + c + " — ").orElse("");
      return rcode + failure(r.failure().orElseThrow());
    }
    List<String> parts = new ArrayList<>();
    for (DnsAnswer a : r.answers()) {
      if (!a.type().equals(r.query().type())) {
        parts.add(a.type() + " " + a.data());
      }
    }
    List<DnsAnswer> own = r.answersOfQueriedType();
    if (!own.isEmpty()) {
      parts.add(r.query().type() + " " + own.stream().map(DnsAnswer::data).collect(Collectors.joining(", "))
          + " (TTL " + own.get(0).ttl().getSeconds() + ")");
    }
    String server = r.server().map(s -> " from " + HostParser.format(s.getAddress() == null
        ? InetAddress.getLoopbackAddress() : s.getAddress()) + (s.getPort() == 53 ? "" : "#" + s.getPort()))
        .orElse("");
    return String.join("; ", parts) + server;
  }

  static String addresses(List<InetAddress> addresses) {
    return addresses.stream().map(HostParser::format).collect(Collectors.joining(", "));
  }

  static String http(HttpProbeResult r) {
    List<String> parts = new ArrayList<>();
    if (!r.hops().isEmpty()) {
      parts.add(r.hops().stream().map(HttpHop::statusLine).collect(Collectors.joining(" → ")));
      HttpHop last = r.hops().get(r.hops().size() - 1);
      for (String name : List.of("server", "cf-cache-status", "cf-ray", "location")) {
        last.headers().first(name).ifPresent(v -> parts.add(name + ": " + v));
      }
      last.tls().ifPresent(t -> parts.add(tls(t)));
    }
    r.failure().ifPresent(f -> parts.add(failure(f)));
    return String.join(", ", parts);
  }

  static String tls(TlsInfo t) {
    String cert = t.leaf().map(c -> "certificate valid until "
        + c.notAfter().atOffset(ZoneOffset.UTC).toLocalDate() + " (" + c.daysUntilExpiry(Instant.now()) + " days)")
        .orElse("no certificate");
    return t.protocol() + ", " + cert + (t.verified() ? "" : ", problems: " + t.problems());
  }

  static String socket(ListeningSocket s) {
    String owners = s.owners().isEmpty() ? "" : " " + s.owners().stream()
        .map(o -> o.name() + "(pid=" + o.pid() + ")").distinct().collect(Collectors.joining(","));
    String host = s.address() instanceof java.net.Inet6Address ? "[" + HostParser.format(s.address()) + "]"
        : HostParser.format(s.address());
    return s.protocol().name().toLowerCase(Locale.ROOT) + " " + host + ":" + s.port() + owners + ": "
        + s.exposure().description();
  }
}
