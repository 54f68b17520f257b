package io.netprobe.health;

import io.netprobe.core.ProbeFailure;
import io.netprobe.core.ProbeResult;
import io.netprobe.dns.DnsAnswer;
import io.netprobe.dns.DnsResult;
import io.netprobe.http.CertificateInfo;
import io.netprobe.http.HttpProbeResult;
import io.netprobe.http.TlsInfo;
import io.netprobe.icmp.PingResult;
import io.netprobe.sockets.Exposure;
import io.netprobe.sockets.ListeningSocket;
import io.netprobe.sockets.ListeningSocketsResult;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Ready-made {@link HealthRule}s. Every rule judges a failed probe {@link HealthStatus#DOWN} with the failure kind
 * and message as the reason, so a rule only decides about results that came back.
 *
 * <pre>{@code
 * HealthRules.httpStatus(200, 299).and(HealthRules.certificateValidFor(Duration.ofDays(14)))
 * HealthRules.dnsAnswerContains("172.67.152.70")
 * HealthRules.lossBelow(20)
 * HealthRules.listensOnLoopbackOnly(3306)
 * }</pre>
 *
 * <p>Stateless; every rule returned is immutable and thread-safe.
 */
public final class HealthRules {
  private HealthRules() {}

  /** UP when the probe succeeded, DOWN with the failure otherwise. */
  public static <R extends ProbeResult> HealthRule<R> succeeds() {
    return (r, now) -> r.failure().map(HealthRules::failed).orElseGet(() -> HealthVerdict.up("the probe succeeded"));
  }

  /**
   * DEGRADED when a successful probe took {@code limit} or longer (for example a slow DNS server), UP when faster,
   * DOWN when it failed.
   *
   * @throws IllegalArgumentException when {@code limit} is not positive
   */
  public static <R extends ProbeResult> HealthRule<R> fasterThan(Duration limit) {
    Arguments.positive("limit", limit, Arguments.MAX_PROBE_TIME);
    return (r, now) -> {
      if (r.failure().isPresent()) {
        return failed(r.failure().get());
      }
      return r.elapsed().compareTo(limit) < 0
          ? HealthVerdict.up("answered in " + millis(r.elapsed()))
          : HealthVerdict.degraded("took " + millis(r.elapsed()) + ", limit " + millis(limit));
    };
  }

  /** UP for a final HTTP status from 200 to 299. */
  public static HealthRule<HttpProbeResult> http2xx() {
    return httpStatus(200, 299);
  }

  /**
   * UP when the final HTTP status is within {@code [min, max]}, DOWN otherwise (ranges, which blackbox_exporter
   * lacks: {@code httpStatus(200, 399)}).
   *
   * @throws IllegalArgumentException when the range is not within 100–599 or {@code min > max}
   */
  public static HealthRule<HttpProbeResult> httpStatus(int min, int max) {
    Arguments.inRange("min status", min, 100, 599);
    Arguments.inRange("max status", max, min, 599);
    String range = min == max ? String.valueOf(min) : min + "-" + max;
    return (r, now) -> {
      Optional<Integer> status = r.status();
      if (status.isEmpty()) {
        return r.failure().map(HealthRules::failed).orElseGet(() -> HealthVerdict.down("no response"));
      }
      int s = status.get();
      if (s < min || s > max) {
        return HealthVerdict.down("status " + s + " is not in " + range);
      }
      // a redirect loop or limit can fail the probe after a response in range; report that too
      return r.failure().map(HealthRules::failed).orElseGet(() -> HealthVerdict.up("status " + s));
    };
  }

  /**
   * For https: UP when the certificate chain verified and every certificate in it is valid for at least
   * {@code atLeast} more; DEGRADED when it verified but one expires sooner; DOWN when it is expired, untrusted, for
   * another host, when the probe failed, or when there was no TLS at all.
   *
   * @throws IllegalArgumentException when {@code atLeast} is negative or longer than ten years
   */
  public static HealthRule<HttpProbeResult> certificateValidFor(Duration atLeast) {
    Arguments.nonNegative("atLeast", atLeast, Duration.ofDays(3650));
    return (r, now) -> {
      Optional<TlsInfo> tls = r.tls();
      if (tls.isEmpty()) {
        return r.failure().map(HealthRules::failed)
            .orElseGet(() -> HealthVerdict.down("no TLS: " + r.finalUrl().getScheme() + " URL"));
      }
      TlsInfo t = tls.get();
      if (!t.verified()) {
        return HealthVerdict.down("certificate problems: " + t.problems()
            + t.problemDetail().map(d -> " (" + d + ")").orElse(""));
      }
      Optional<CertificateInfo> earliest = t.chain().stream()
          .min((a, b) -> a.notAfter().compareTo(b.notAfter()));
      if (earliest.isEmpty()) {
        return HealthVerdict.down("the server sent no certificate");
      }
      CertificateInfo c = earliest.get();
      Duration left = Duration.between(now, c.notAfter());
      if (left.isNegative()) {
        return HealthVerdict.down("certificate " + c.subject() + " expired on " + c.notAfter());
      }
      String days = left.toDays() + " days";
      return left.compareTo(atLeast) < 0
          ? HealthVerdict.degraded("certificate " + c.subject() + " expires in " + days + " (on " + c.notAfter()
              + "), less than " + atLeast.toDays() + " days")
          : HealthVerdict.up("certificate valid for " + days);
    };
  }

  /**
   * UP when the answer section holds a record whose data equals {@code expected}: an address ({@code "192.0.2.1"},
   * compared as an address, so {@code 2001:db8::1} matches {@code 2001:0db8:0:0::1}) or any record's presentation
   * text ({@code "10 mail.example.com."}), compared without regard to case or a trailing dot. DOWN otherwise.
   *
   * @throws IllegalArgumentException when {@code expected} is blank
   */
  public static HealthRule<DnsResult> dnsAnswerContains(String expected) {
    if (expected == null || expected.isBlank()) {
      throw new IllegalArgumentException("expected answer must not be empty");
    }
    String wanted = normalizeData(expected);
    Optional<InetAddress> wantedAddress = literal(expected.trim());
    return (r, now) -> {
      if (r.failure().isPresent()) {
        return failed(r.failure().get());
      }
      for (DnsAnswer a : r.answers()) {
        boolean match = wantedAddress.isPresent()
            ? a.address().equals(wantedAddress)
            : normalizeData(a.data()).equals(wanted);
        if (match) {
          return HealthVerdict.up(r.query().absoluteName() + " " + a.type() + " " + a.data());
        }
      }
      String got = r.answers().stream().map(DnsAnswer::data).collect(Collectors.joining(", "));
      return HealthVerdict.down(r.query().absoluteName() + " " + r.query().type() + " answer ["
          + got + "] does not contain " + expected);
    };
  }

  /**
   * UP when packet loss is below {@code percent}; DEGRADED when it is not but some replies came; DOWN when none came.
   *
   * @throws IllegalArgumentException outside 0–100
   */
  public static HealthRule<PingResult> lossBelow(double percent) {
    return lossBelow(percent, 100);
  }

  /**
   * UP when packet loss is below {@code degradedAt} percent, DEGRADED below {@code downAt}, DOWN at or above it (and
   * always when no reply came).
   *
   * @throws IllegalArgumentException outside 0–100, or when {@code degradedAt > downAt}
   */
  public static HealthRule<PingResult> lossBelow(double degradedAt, double downAt) {
    if (!(degradedAt >= 0 && degradedAt <= 100) || !(downAt >= degradedAt && downAt <= 100)) {
      throw new IllegalArgumentException("loss thresholds must satisfy 0 <= degradedAt <= downAt <= 100, were "
          + degradedAt + " and " + downAt);
    }
    return (r, now) -> {
      if (r.received() == 0) {
        return r.failure().map(HealthRules::failed)
            .orElseGet(() -> HealthVerdict.down("no reply to " + r.transmitted() + " echo requests"));
      }
      double loss = r.lossPercent();
      String text = String.format(Locale.ROOT, "%.1f%% loss (%d/%d received)", loss, r.received(), r.transmitted());
      if (loss >= downAt) {
        return HealthVerdict.down(text + ", limit " + percent(downAt));
      }
      return loss >= degradedAt
          ? HealthVerdict.degraded(text + ", limit " + percent(degradedAt))
          : HealthVerdict.up(text);
    };
  }

  /**
   * DEGRADED when the average round trip is {@code limit} or more, UP when below, DOWN when no reply came.
   *
   * @throws IllegalArgumentException when {@code limit} is not positive
   */
  public static HealthRule<PingResult> averageRttBelow(Duration limit) {
    Arguments.positive("limit", limit, Duration.ofMinutes(1));
    return (r, now) -> {
      if (r.received() == 0) {
        return r.failure().map(HealthRules::failed).orElseGet(() -> HealthVerdict.down("no reply"));
      }
      Duration avg = r.statistics().avg();
      return avg.compareTo(limit) < 0
          ? HealthVerdict.up("average rtt " + millis(avg))
          : HealthVerdict.degraded("average rtt " + millis(avg) + ", limit " + millis(limit));
    };
  }

  /**
   * UP when something listens on {@code port} (TCP or UDP, as the listing asked), DOWN when nothing does.
   *
   * @throws IllegalArgumentException outside 1–65535
   */
  public static HealthRule<ListeningSocketsResult> listens(int port) {
    Arguments.port(port);
    return (r, now) -> {
      if (r.failure().isPresent()) {
        return failed(r.failure().get());
      }
      List<ListeningSocket> on = r.onPort(port);
      return on.isEmpty()
          ? HealthVerdict.down("nothing listens on port " + port)
          : HealthVerdict.up("listening: " + describe(on));
    };
  }

  /**
   * UP when something listens on {@code port} and every listener on it is reachable only from this machine (bound
   * to 127.0.0.0/8 or ::1): the check that a database is not exposed. DOWN when nothing listens, or when a listener
   * is bound to the wildcard or another address — the rule is broken even though the service works.
   *
   * @throws IllegalArgumentException outside 1–65535
   */
  public static HealthRule<ListeningSocketsResult> listensOnLoopbackOnly(int port) {
    Arguments.port(port);
    return (r, now) -> {
      if (r.failure().isPresent()) {
        return failed(r.failure().get());
      }
      List<ListeningSocket> on = r.onPort(port);
      if (on.isEmpty()) {
        return HealthVerdict.down("nothing listens on port " + port);
      }
      List<ListeningSocket> exposed = on.stream().filter(s -> s.exposure() != Exposure.LOOPBACK).toList();
      return exposed.isEmpty()
          ? HealthVerdict.up("port " + port + " listens on loopback only: " + describe(on))
          : HealthVerdict.down("port " + port + " is exposed beyond loopback: " + describe(exposed));
    };
  }

  /** The verdict for a failed probe: DOWN, with the failure kind and message. */
  static HealthVerdict failed(ProbeFailure f) {
    return HealthVerdict.down(f.kind() + ": " + f.message());
  }

  private static String describe(List<ListeningSocket> sockets) {
    return sockets.stream().map(s -> s.protocol().name().toLowerCase(Locale.ROOT) + " "
        + io.netprobe.core.Host.of(s.address()).ascii() + ":" + s.port()
        + (s.owners().isEmpty() ? "" : " (" + s.ownerNames() + ")")).collect(Collectors.joining(", "));
  }

  private static String normalizeData(String data) {
    String t = data.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    return t.endsWith(".") && t.length() > 1 ? t.substring(0, t.length() - 1) : t;
  }

  private static Optional<InetAddress> literal(String text) {
    try {
      return io.netprobe.core.Host.of(text).literal();
    } catch (IllegalArgumentException notAHost) {
      return Optional.empty();
    }
  }

  private static String millis(Duration d) {
    return String.format(Locale.ROOT, "%.1f ms", d.toNanos() / 1e6);
  }

  private static String percent(double p) {
    return String.format(Locale.ROOT, "%.1f%%", p);
  }
}
