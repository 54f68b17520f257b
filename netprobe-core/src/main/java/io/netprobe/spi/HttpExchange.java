package io.netprobe.spi;

import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeFailure;
import io.netprobe.http.HttpHeaders;
import io.netprobe.http.HttpVersion;
import io.netprobe.http.PhaseTimings;
import io.netprobe.http.TlsInfo;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What one {@link HttpBackend#exchange} brought back: a {@link Response} as it came off the wire, or why none came
 * ({@link Failed}). Verdicts about several exchanges (redirect loops and limits) are not outcomes of an exchange.
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface HttpExchange permits HttpExchange.Response, HttpExchange.Failed {

  /**
   * A response head, as received: a 3xx is a response like any other (the core decides whether to follow it).
   *
   * <p>Immutable and thread-safe.
   *
   * @param status the status code
   * @param reason the reason phrase (empty for HTTP/2, which has none)
   * @param version the HTTP version of the response
   * @param headers the response headers, in order, repeats kept
   * @param remote the address and port actually connected to
   * @param timings the phase timings of this exchange
   * @param tls the TLS facts, for https
   * @param body the body as read (decoded, up to {@link io.netprobe.http.HttpProbeSpec#bodyReadLimit()}), when one
   *     was read
   */
  record Response(int status, String reason, HttpVersion version, HttpHeaders headers,
      Optional<InetSocketAddress> remote, PhaseTimings timings, Optional<TlsInfo> tls, Optional<Body> body)
      implements HttpExchange {

    /** A response whose body was not kept. */
    public Response(int status, String reason, HttpVersion version, HttpHeaders headers,
        Optional<InetSocketAddress> remote, PhaseTimings timings, Optional<TlsInfo> tls) {
      this(status, reason, version, headers, remote, timings, tls, Optional.empty());
    }

    /** @throws IllegalArgumentException when {@code status} is outside 100–999 */
    public Response {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(version, "version");
      Objects.requireNonNull(headers, "headers");
      Objects.requireNonNull(remote, "remote");
      Objects.requireNonNull(timings, "timings");
      Objects.requireNonNull(tls, "tls");
      Objects.requireNonNull(body, "body");
      if (status < 100 || status > 999) {
        throw new IllegalArgumentException("status must be between 100 and 999, was " + status);
      }
    }
  }

  /**
   * A response body as read.
   *
   * <p>Immutable and thread-safe; {@link #toString()} gives sizes, not content.
   *
   * @param decoded the bytes after content decoding, up to the read limit
   * @param info sizes, coding and whether the limit cut it
   */
  record Body(byte[] decoded, io.netprobe.http.HttpBodyInfo info) {
    public Body {
      decoded = Objects.requireNonNull(decoded, "decoded").clone();
      Objects.requireNonNull(info, "info");
    }

    @Override
    public byte[] decoded() {
      return decoded.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Body b && java.util.Arrays.equals(b.decoded, decoded) && b.info.equals(info);
    }

    @Override
    public int hashCode() {
      return java.util.Arrays.hashCode(decoded) * 31 + info.hashCode();
    }

    @Override
    public String toString() {
      return "Body[" + info + "]";
    }
  }

  /**
   * No usable response: refused, timeout, reset, TLS failure, a peer that does not speak HTTP, …
   *
   * <p>Immutable and thread-safe.
   *
   * @param failure what went wrong
   */
  record Failed(ProbeFailure failure) implements HttpExchange {
    private static final Set<FailureKind> VERDICTS = Set.of(FailureKind.REDIRECT_LOOP, FailureKind.TOO_MANY_REDIRECTS);

    /** @throws IllegalArgumentException for REDIRECT_LOOP and TOO_MANY_REDIRECTS, which only the core decides */
    public Failed {
      Objects.requireNonNull(failure, "failure");
      if (VERDICTS.contains(failure.kind())) {
        throw new IllegalArgumentException("failure kind " + failure.kind() + " is a verdict about several "
            + "exchanges, decided by netprobe-core's redirect policy, not the outcome of one exchange");
      }
    }
  }

  /** A failed exchange. */
  static HttpExchange failed(ProbeFailure failure) {
    return new Failed(failure);
  }
}
