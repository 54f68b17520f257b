package io.netprobe.http.internal;

import io.netprobe.core.Deadline;
import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeFailure;
import io.netprobe.core.Redaction;
import io.netprobe.http.TlsProblem;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Turns what went wrong in one exchange into a typed {@link ProbeFailure}: the lookup's own failure, the TLS problems
 * the inspection recorded, then the exception OkHttp threw. Stateless; thread-safe.
 */
final class FailureClassifier {
  private static final Pattern LINE_LIMIT = Pattern.compile("not found: limit=(\\d{1,18})");

  private FailureClassifier() {}

  /**
   * The failure of a call still running at its deadline, as {@link #classify} would give it once the call has
   * unwound: the lookup's failure if the lookup failed, else a timeout naming what the call was doing.
   */
  static ProbeFailure atTheDeadline(URI url, DeadlineDns dns, PhaseRecorder phases) {
    ProbeFailure lookup = dns.failure();
    if (lookup != null) {
      return lookup;
    }
    return ProbeFailure.of(FailureKind.TIMEOUT,
        stoppedByTheDeadline(phases.lastAttempt().map(Addresses::describe).orElse(url.getHost()), phases));
  }

  private static String stoppedByTheDeadline(String where, PhaseRecorder phases) {
    return "no answer from " + where + " before the deadline (stopped while " + phases.lastEvent() + ")";
  }

  /** {@code tls} is null for a plain-HTTP exchange that made none. */
  static ProbeFailure classify(IOException e, URI url, DeadlineDns dns, PhaseRecorder phases,
      @javax.annotation.Nullable TlsInspection tls, Deadline deadline) {
    ProbeFailure lookup = dns.failure();
    if (lookup != null) {
      return lookup;
    }
    String where = phases.lastAttempt().map(Addresses::describe).orElse(url.getHost());
    String message = printable(socketWords(String.valueOf(e.getMessage())));
    String lower = messages(e);
    List<TlsProblem> problems = tls == null ? List.of() : tls.problems();
    if ((e instanceof SSLException || hasCause(e, SSLException.class)) && !problems.isEmpty()) {
      return tlsFailure(problems, tls.detail().orElse(message), where, e);
    }
    if (deadline.isExpired() || e instanceof InterruptedIOException) {
      return ProbeFailure.of(FailureKind.TIMEOUT, stoppedByTheDeadline(where, phases), e);
    }
    if (e instanceof ConnectException && lower.contains("refused")) {
      return ProbeFailure.of(FailureKind.CONNECTION_REFUSED, where + " refused the connection (nothing listens "
          + "there, or a firewall rejects it)", e);
    }
    if (e instanceof NoRouteToHostException || lower.contains("no route to host")
        || lower.contains("host is unreachable")) {
      return ProbeFailure.of(FailureKind.HOST_UNREACHABLE, where + " is unreachable: " + message, e);
    }
    if (lower.contains("network is unreachable")) {
      return ProbeFailure.of(FailureKind.NETWORK_UNREACHABLE, "no route to the network of " + where, e);
    }
    if (lower.contains("stream was reset")) {
      return ProbeFailure.of(FailureKind.CONNECTION_RESET, where + " reset the HTTP/2 stream (" + message + ")", e);
    }
    if (e instanceof SSLPeerUnverifiedException || e instanceof SSLException) {
      if (lower.contains("connection reset") || hasCause(e, EOFException.class)
          || lower.contains("remote host terminated")) {
        return ProbeFailure.of(FailureKind.TLS_HANDSHAKE, where + " closed the connection during the TLS handshake ("
            + message + ")", e);
      }
      return ProbeFailure.of(FailureKind.TLS_HANDSHAKE, "the TLS handshake with " + where + " failed: " + message, e);
    }
    if (headerBlockTooLarge(lower)) {
      return ProbeFailure.of(FailureKind.PROTOCOL_ERROR, where + " sent response headers larger than a probe accepts ("
          + OkHttpExchange.MAX_HEADER_BYTES + " bytes)", e);
    }
    if (headerLineUnfinished(lower)) {
      return ProbeFailure.of(FailureKind.PROTOCOL_ERROR, where + " sent response headers that are too large or "
          + "incomplete (a header line without its end, or no end to the header block, within "
          + OkHttpExchange.MAX_HEADER_BYTES / 1024 + " KiB)", e);
    }
    if (lower.contains("connection reset") || lower.contains("unexpected end of stream") || lower.contains("broken pipe")
        || e instanceof EOFException) {
      return ProbeFailure.of(FailureKind.CONNECTION_RESET, where + " closed the connection while "
          + phases.lastEvent() + " (" + message + ")", e);
    }
    if (e instanceof ProtocolException || lower.contains("unexpected status line")) {
      return ProbeFailure.of(FailureKind.PROTOCOL_ERROR, where + " did not answer in HTTP: " + message, e);
    }
    return ProbeFailure.of(FailureKind.NETWORK_ERROR, "the exchange with " + where + " failed while "
        + phases.lastEvent() + ": " + printable(String.valueOf(e)), e);
  }

  /** The failure for a certificate that strict verification refused; the most telling problem wins. */
  static ProbeFailure tlsFailure(List<TlsProblem> problems, String detail, String where, Throwable cause) {
    FailureKind kind;
    if (problems.contains(TlsProblem.EXPIRED)) {
      kind = FailureKind.TLS_CERTIFICATE_EXPIRED;
    } else if (problems.contains(TlsProblem.NOT_YET_VALID)) {
      kind = FailureKind.TLS_CERTIFICATE_NOT_YET_VALID;
    } else if (problems.contains(TlsProblem.UNTRUSTED_ISSUER)) {
      kind = FailureKind.TLS_UNTRUSTED;
    } else if (problems.contains(TlsProblem.HOSTNAME_MISMATCH)) {
      kind = FailureKind.TLS_HOSTNAME_MISMATCH;
    } else {
      kind = FailureKind.TLS_HANDSHAKE;
    }
    return ProbeFailure.of(kind, "certificate verification failed for " + where + ": " + detail
        + " (problems: " + problems + "; .insecure() completes the exchange and still reports them)", cause);
  }

  /**
   * OkHttp reads a header block with Okio's {@code readUtf8LineStrict}, 256 KiB in all, which fails with {@code "\\n
   * not found: limit=N"}, N being the bytes it holds without a line end: about the remaining allowance when a header
   * was too long, 0 or little when the server just closed the connection. More than a probe accepts in all is "too
   * large".
   */
  private static boolean headerBlockTooLarge(String messages) {
    Matcher m = LINE_LIMIT.matcher(messages);
    return m.find() && Long.parseLong(m.group(1)) >= OkHttpExchange.MAX_HEADER_BYTES;
  }

  /**
   * Okio's {@code "\\n not found: limit=N"} with N above 0: bytes were held that never became a line — a header
   * line or block longer than OkHttp's allowance while the peer kept sending, or one cut off. With N = 0 the peer
   * closed between lines, a closed connection.
   */
  private static boolean headerLineUnfinished(String messages) {
    Matcher m = LINE_LIMIT.matcher(messages);
    return m.find() && Long.parseLong(m.group(1)) > 0;
  }

  /** A channel says "Connection reset by peer" where a socket's stream — OkHttp's — says "Connection reset". */
  private static String socketWords(String message) {
    return message.equals("Connection reset by peer") ? "Connection reset" : message;
  }

  /** A peer's words for a message: control characters escaped (a binary reply stays one line), at most 160 chars. */
  static String printable(String text) {
    String shown = Redaction.display(text);
    return shown.length() <= 160 ? shown : shown.substring(0, 160) + "…";
  }

  /** The messages of the exception and its causes, lower case (OkHttp wraps "Connection refused"). */
  private static String messages(Throwable e) {
    StringBuilder sb = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      sb.append(String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT)).append(" | ");
    }
    return sb.toString();
  }

  private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
