package io.netprobe.text;

import io.netprobe.core.Redaction;
import io.netprobe.http.HttpProbeResult;
import io.netprobe.http.HttpHop;
import io.netprobe.http.OriginHint;
import io.netprobe.http.PhaseTimings;
import io.netprobe.http.TlsImplementation;
import io.netprobe.http.TlsInfo;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code curl -I}'s text for an {@link HttpProbeResult}: every hop's status line and headers as {@code curl -sIL}
 * prints them, netprobe's own {@code *} lines (connected address, TLS, phase timings, edge, origin hints, failure),
 * and the one-line summary. Secret header values ({@code set-cookie}, {@code authorization}, tokens) are redacted.
 * Stateless; thread-safe.
 */
public final class CurlText {
  private CurlText() {}

  /**
   * The result as {@code curl -sIL -w} would show it: {@link #renderHeaders}, then what netprobe adds — connected
   * address, TLS, phase timings of the final hop, the GET fallback, edge, origin hints and the failure, if any —
   * each on a line starting with {@code *}.
   */
  public static String render(HttpProbeResult r) {
    StringBuilder sb = new StringBuilder(renderHeaders(r));
    r.finalHop().ifPresent(hop -> {
      hop.remote().ifPresent(a -> sb.append("* connected to ").append(hostAddress(a)).append(" port ")
          .append(a.getPort()).append('\n'));
      hop.tls().ifPresent(t -> tls(sb, t));
      PhaseTimings p = hop.timings();
      sb.append(String.format(Locale.ROOT, "* dns %d ms, tcp %d ms, tls %d ms, server %d ms, transfer %d ms,"
          + " total %d ms\n", p.dnsPhase().toMillis(), p.tcpPhase().toMillis(), p.tlsPhase().toMillis(),
          p.serverPhase().toMillis(), p.transferPhase().toMillis(), p.total().toMillis()));
    });
    if (r.usedGetFallback()) {
      sb.append("* HEAD was rejected; retried with GET\n");
    }
    r.edge().ifPresent(e -> sb.append("* edge: ").append(e.provider().displayName())
        .append(e.location().map(l -> " (" + l + ")").orElse(""))
        .append(e.cacheStatus().map(c -> ", cache " + c).orElse("")).append(" — ")
        .append(String.join("; ", e.evidence())).append('\n'));
    for (OriginHint hint : r.originHints()) {
      sb.append("* origin: ").append(hint.technology()).append(" (").append(hint.evidence()).append(")\n");
    }
    r.failure().ifPresent(f -> sb.append("* failed: ").append(Formats.failure(f)).append('\n'));
    return Redaction.text(sb.toString());
  }

  /**
   * Exactly what {@code curl -sI} (with {@code -L}: {@code curl -sIL}) prints: each hop's status line, its headers
   * (secret values redacted) and a blank line. Empty when no response came.
   */
  public static String renderHeaders(HttpProbeResult r) {
    StringBuilder sb = new StringBuilder();
    for (HttpHop hop : r.hops()) {
      sb.append(hop.statusLine()).append('\n').append(hop.headers()).append('\n');
    }
    return Redaction.text(sb.toString());
  }

  /**
   * One line: the status lines joined by {@code →}, the final hop's {@code server}, {@code cf-cache-status},
   * {@code cf-ray} and {@code location} headers, its TLS summary and the failure, comma-separated.
   */
  public static String summary(HttpProbeResult r) {
    return summary(r, Instant.now());
  }

  /**
   * One line: the TLS version, the leaf certificate's expiry and the days left, and the problems when it did not
   * verify: {@code TLSv1.3, certificate valid until 2027-01-01 (180 days)}.
   */
  public static String summary(TlsInfo t) {
    return summary(t, Instant.now());
  }

  static String summary(HttpProbeResult r, Instant now) {
    List<String> parts = new ArrayList<>();
    if (!r.hops().isEmpty()) {
      parts.add(r.hops().stream().map(HttpHop::statusLine).collect(Collectors.joining(" → ")));
      HttpHop last = r.hops().get(r.hops().size() - 1);
      for (String name : List.of("server", "cf-cache-status", "cf-ray", "location")) {
        last.headers().first(name).ifPresent(v -> parts.add(name + ": " + Redaction.headerValue(name, v)));
      }
      last.tls().ifPresent(t -> parts.add(summary(t, now)));
    }
    r.failure().ifPresent(f -> parts.add(Formats.failure(f)));
    return Redaction.text(String.join(", ", parts));
  }

  static String summary(TlsInfo t, Instant now) {
    String cert = t.leaf().map(c -> "certificate valid until " + c.notAfter().atOffset(ZoneOffset.UTC).toLocalDate()
        + " (" + c.daysUntilExpiry(now) + " days)").orElse("no certificate");
    return t.protocol() + ", " + cert + (t.verified() ? "" : ", problems: " + t.problems());
  }

  private static void tls(StringBuilder sb, TlsInfo t) {
    sb.append("* TLS ").append(t.protocol()).append(" / ").append(t.cipherSuite());
    t.alpn().ifPresent(a -> sb.append(", ALPN ").append(a));
    sb.append(switch (t.implementation()) {
      case JDK -> " (JDK)";
      case QUIC -> " (QUIC)";
      default -> " (Conscrypt)";
    });
    sb.append(t.verified() ? ", certificate verified" : ", certificate problems " + t.problems()).append('\n');
    t.leaf().ifPresent(c -> sb.append("* certificate ").append(c.subject()).append(", issuer ").append(c.issuer())
        .append(", expires ").append(c.notAfter()).append('\n'));
  }

  /** The address as curl prints it (IPv6 compressed), or the unresolved name. */
  private static String hostAddress(InetSocketAddress a) {
    return Formats.host(a);
  }
}
