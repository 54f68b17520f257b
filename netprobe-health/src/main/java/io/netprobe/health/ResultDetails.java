package io.netprobe.health;

import io.netprobe.core.Host;
import io.netprobe.core.ProbeFailure;
import io.netprobe.core.ProbeResult;
import io.netprobe.core.Redaction;
import io.netprobe.dns.DnsAnswer;
import io.netprobe.dns.DnsResult;
import io.netprobe.http.HttpProbeResult;
import io.netprobe.http.TlsInfo;
import io.netprobe.icmp.PingResult;
import io.netprobe.icmp.PingStatistics;
import io.netprobe.sockets.ListeningSocket;
import io.netprobe.sockets.ListeningSocketsResult;
import io.netprobe.sockets.TcpConnectResult;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Turns a probe result into the JSON-ready details map of a {@link HealthResult}. Stateless; thread-safe. */
final class ResultDetails {
  private static final Pattern URL_QUERY = Pattern.compile("(https?://[^\\s?#\"']+)\\?[^\\s#\"']*");

  private ResultDetails() {}

  static Map<String, Object> of(ProbeResult result, Instant now) {
    Map<String, Object> d = new LinkedHashMap<>();
    if (result instanceof HttpProbeResult r) {
      http(r, now, d);
    } else if (result instanceof DnsResult r) {
      dns(r, d);
    } else if (result instanceof PingResult r) {
      ping(r, d);
    } else if (result instanceof TcpConnectResult r) {
      tcp(r, d);
    } else if (result instanceof ListeningSocketsResult r) {
      sockets(r, d);
    }
    d.put("elapsedMs", ms(result.elapsed()));
    d.put("backend", result.backend());
    result.failure().ifPresent(f -> failure(f, d));
    return d;
  }

  private static void failure(ProbeFailure f, Map<String, Object> d) {
    d.put("failureKind", f.kind().name());
    d.put("failure", redactQueries(f.message()));
  }

  /**
   * {@code text} with the query string of every http(s) URL in it replaced by {@code <redacted>}: failure messages
   * may quote the URL, and a query string may hold a token.
   */
  static String redactQueries(String text) {
    return URL_QUERY.matcher(Redaction.text(text)).replaceAll("$1?<redacted>");
  }


  private static void http(HttpProbeResult r, Instant now, Map<String, Object> d) {
    d.put("url", withoutQuery(r.spec().url()));
    r.status().ifPresent(s -> d.put("status", s));
    r.version().ifPresent(v -> d.put("version", v.text()));
    if (r.redirectCount() > 0) {
      d.put("redirects", r.redirectCount());
      d.put("finalUrl", withoutQuery(r.finalUrl()));
    }
    r.remote().ifPresent(a -> d.put("remote", address(a)));
    r.tls().ifPresent(t -> tls(t, now, d));
  }

  private static void tls(TlsInfo t, Instant now, Map<String, Object> d) {
    d.put("tlsVersion", t.protocol());
    t.chain().stream().min((a, b) -> a.notAfter().compareTo(b.notAfter())).ifPresent(c -> {
      d.put("certificateSubject", c.subject());
      d.put("certificateExpires", c.notAfter().toString());
      d.put("certificateDaysLeft", c.daysUntilExpiry(now));
    });
    if (!t.verified()) {
      d.put("tlsProblems", t.problems().stream().map(Enum::name).toList());
    }
  }

  private static void dns(DnsResult r, Map<String, Object> d) {
    d.put("name", r.query().absoluteName());
    d.put("type", r.query().type().mnemonic());
    r.server().ifPresent(s -> d.put("server", address(s)));
    r.rcode().ifPresent(c -> d.put("rcode", c));
    d.put("answers", r.answers().stream().map(DnsAnswer::data).toList());
    r.queryTime().ifPresent(q -> d.put("queryTimeMs", ms(q)));
  }

  private static void ping(PingResult r, Map<String, Object> d) {
    d.put("host", r.spec().host().ascii());
    r.address().ifPresent(a -> d.put("address", Host.of(a).ascii()));
    r.method().ifPresent(m -> d.put("method", m.name()));
    d.put("transmitted", r.transmitted());
    d.put("received", r.received());
    d.put("lossPercent", Math.round(r.lossPercent() * 10) / 10.0);
    if (r.received() > 0) {
      PingStatistics s = r.statistics();
      d.put("rttMinMs", ms(s.min()));
      d.put("rttAvgMs", ms(s.avg()));
      d.put("rttMaxMs", ms(s.max()));
      d.put("rttMdevMs", ms(s.mdev()));
    }
  }

  private static void tcp(TcpConnectResult r, Map<String, Object> d) {
    d.put("target", r.query().host().uriHost() + ":" + r.query().port());
    r.address().ifPresent(a -> d.put("address", Host.of(a).ascii()));
    r.connectTime().ifPresent(c -> d.put("connectTimeMs", ms(c)));
  }

  private static void sockets(ListeningSocketsResult r, Map<String, Object> d) {
    r.query().port().ifPresent(p -> d.put("port", p));
    d.put("listeners", r.sockets().stream().map(ResultDetails::listener).toList());
  }

  private static String listener(ListeningSocket s) {
    return s.protocol().name().toLowerCase(Locale.ROOT) + " " + address(s.localAddress()) + " " + s.exposure()
        + (s.owners().isEmpty() ? "" : " " + s.ownerNames());
  }

  static String withoutQuery(URI url) {
    return url.getScheme() + "://" + url.getRawAuthority() + (url.getRawPath() == null ? "" : url.getRawPath());
  }

  private static String address(InetSocketAddress a) {
    String host = a.getAddress() == null ? a.getHostString() : Host.of(a.getAddress()).ascii();
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
  }

  /** Milliseconds with microsecond precision: 28.125. */
  static double ms(Duration d) {
    return Math.round(d.toNanos() / 1_000.0) / 1_000.0;
  }
}
