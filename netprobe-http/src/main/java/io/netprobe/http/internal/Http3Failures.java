package io.netprobe.http.internal;

import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeFailure;
import io.netprobe.http.HttpHeaders;
import io.netprobe.http.TlsProblem;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.URI;
import java.nio.channels.ClosedChannelException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.annotation.Nullable;
import javax.net.ssl.SSLException;

/**
 * Turns what went wrong in an HTTP/3 exchange into typed failures, as {@link FailureClassifier} does for OkHttp's:
 * a certificate the verification refused by its problem, other handshake errors as TLS_HANDSHAKE, an ICMP port
 * unreachable as CONNECTION_REFUSED, QUIC's idle timeout as TIMEOUT, a stream or connection closed by the peer as
 * CONNECTION_RESET. Stateless; thread-safe.
 */
final class Http3Failures {
  private Http3Failures() {}

  /** Why the socket or the QUIC handshake with {@code remote} failed. */
  static ProbeFailure connect(Throwable cause, URI url, InetSocketAddress remote, TlsInspection tls) {
    List<TlsProblem> problems = tls.problems();
    if (!problems.isEmpty()) {
      return FailureClassifier.tlsFailure(problems, tls.detail().orElse(""), url.toString(), cause);
    }
    String text = FailureClassifier.printable(String.valueOf(cause));
    if (has(cause, PortUnreachableException.class) || has(cause, ConnectException.class)) {
      return ProbeFailure.of(FailureKind.CONNECTION_REFUSED, "nothing listens on UDP " + remote + ": " + text, cause);
    }
    if (has(cause, NoRouteToHostException.class)) {
      return ProbeFailure.of(FailureKind.HOST_UNREACHABLE, "no route to " + remote + ": " + text, cause);
    }
    if (has(cause, io.netty.handler.codec.quic.QuicTimeoutClosedChannelException.class)) {
      return ProbeFailure.of(FailureKind.TIMEOUT, "no QUIC handshake with " + remote + " before QUIC's idle "
          + "timeout", cause);
    }
    String lower = messages(cause);
    if (has(cause, SSLException.class) || lower.contains("tls") || lower.contains("handshake")
        || lower.contains("certificate") || lower.contains("crypto")) {
      return ProbeFailure.of(FailureKind.TLS_HANDSHAKE, "the QUIC TLS handshake with " + remote + " failed: " + text,
          cause);
    }
    if (lower.contains("address already in use") || lower.contains("cannot assign requested address")
        || lower.contains("too many open files")) {
      return ProbeFailure.of(FailureKind.RESOURCE_EXHAUSTED, "cannot open a UDP socket to " + remote + ": " + text,
          cause);
    }
    return ProbeFailure.of(FailureKind.NETWORK_ERROR, "the QUIC connection to " + remote + " failed: " + text, cause);
  }

  /** Why the request stream failed while {@code phase}. */
  static ProbeFailure stream(Throwable cause, URI url, String phase) {
    String text = FailureClassifier.printable(String.valueOf(cause));
    if (has(cause, PortUnreachableException.class)) {
      return ProbeFailure.of(FailureKind.CONNECTION_REFUSED, "nothing listens on UDP for " + url + ": " + text,
          cause);
    }
    if (has(cause, ClosedChannelException.class) || has(cause, io.netty.handler.codec.quic.QuicException.class)) {
      return ProbeFailure.of(FailureKind.CONNECTION_RESET, url + " closed the HTTP/3 stream or connection while "
          + phase + ": " + text, cause);
    }
    if (has(cause, io.netty.handler.codec.http3.Http3Exception.class) || has(cause, IllegalStateException.class)) {
      return ProbeFailure.of(FailureKind.PROTOCOL_ERROR, url + " broke HTTP/3 while " + phase + ": " + text, cause);
    }
    return ProbeFailure.of(FailureKind.NETWORK_ERROR, "the HTTP/3 exchange with " + url + " failed while " + phase
        + ": " + text, cause);
  }

  /** The name of a TLS alert (RFC 8446 section 6), for the ones a probe is likely to meet. */
  static String alertName(int alert) {
    switch (alert) {
      case 40:
        return "handshake_failure";
      case 42:
        return "bad_certificate";
      case 45:
        return "certificate_expired";
      case 46:
        return "certificate_unknown";
      case 48:
        return "unknown_ca";
      case 70:
        return "protocol_version";
      case 80:
        return "internal_error";
      case 112:
        return "unrecognized_name";
      case 116:
        return "certificate_required";
      case 120:
        return "no_application_protocol";
      default:
        return "alert " + alert;
    }
  }

  /** A failure when the response head is larger than a probe accepts, else null. */
  static @Nullable ProbeFailure headerLimits(HttpHeaders headers, URI url) {
    long bytes = 0;
    for (Map.Entry<String, String> h : headers.entries()) {
      bytes += h.getKey().length() + h.getValue().length() + 4;
    }
    if (headers.size() > OkHttpExchange.MAX_HEADER_COUNT || bytes > OkHttpExchange.MAX_HEADER_BYTES) {
      return ProbeFailure.of(FailureKind.PROTOCOL_ERROR, url + " sent " + headers.size() + " header lines, " + bytes
          + " bytes; a probe accepts at most " + OkHttpExchange.MAX_HEADER_COUNT + " lines and "
          + OkHttpExchange.MAX_HEADER_BYTES + " bytes");
    }
    return null;
  }

  private static boolean has(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static String messages(Throwable e) {
    StringBuilder sb = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      sb.append(t).append(' ');
    }
    return sb.toString().toLowerCase(Locale.ROOT);
  }
}
