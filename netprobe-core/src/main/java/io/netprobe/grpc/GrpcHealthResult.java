package io.netprobe.grpc;

import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeFailure;
import io.netprobe.core.ProbeResult;
import io.netprobe.core.Redaction;
import io.netprobe.http.TlsInfo;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import javax.annotation.Nullable;

/**
 * The answer of a gRPC health check. Success means {@code SERVING}; any other serving status, or an RPC error, is a
 * failure that keeps what was observed (blackbox_exporter's {@code probe_grpc_healthcheck_response} and
 * {@code probe_grpc_status_code}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param spec what was asked
 * @param servingStatus the status the server reported, when the RPC succeeded
 * @param grpcStatusCode the RPC's status code (0 OK, 5 NOT_FOUND for an unknown service, 14 UNAVAILABLE, 4
 *     DEADLINE_EXCEEDED), when the call was made
 * @param remote the address the call went to, when a connection was made
 * @param tls the TLS facts of that connection (protocol, cipher suite, ALPN, the server's certificates), when TLS
 *     was used and the handshake completed
 * @param backend the backend id
 * @param started when the probe started
 * @param elapsed how long the whole probe took
 * @param failure why the check failed; empty when the service is SERVING
 */
@SuppressWarnings("exports") // jsr305's @Nullable is documentation, read from the class path: consumers need not read it
public record GrpcHealthResult(GrpcHealthSpec spec, Optional<GrpcServingStatus> servingStatus,
    Optional<Integer> grpcStatusCode, Optional<InetSocketAddress> remote, Optional<TlsInfo> tls, String backend,
    Instant started, Duration elapsed, Optional<ProbeFailure> failure) implements ProbeResult {

  /** gRPC's status codes by number, for messages. */
  private static final String[] CODES = {"OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED",
      "NOT_FOUND", "ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED",
      "OUT_OF_RANGE", "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED"};

  /** A result without connection facts. */
  public GrpcHealthResult(GrpcHealthSpec spec, Optional<GrpcServingStatus> servingStatus,
      Optional<Integer> grpcStatusCode, String backend, Instant started, Duration elapsed,
      Optional<ProbeFailure> failure) {
    this(spec, servingStatus, grpcStatusCode, Optional.empty(), Optional.empty(), backend, started, elapsed, failure);
  }

  public GrpcHealthResult {
    Objects.requireNonNull(remote, "remote");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(servingStatus, "servingStatus");
    Objects.requireNonNull(grpcStatusCode, "grpcStatusCode");
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(started, "started");
    Objects.requireNonNull(elapsed, "elapsed");
    Objects.requireNonNull(failure, "failure");
  }

  /** A completed {@code Check}: SERVING is success, any other status an ASSERTION_FAILED naming it. */
  public static GrpcHealthResult answered(GrpcHealthSpec spec, GrpcServingStatus status, String backend,
      Instant started, Duration elapsed) {
    Optional<ProbeFailure> failure = status == GrpcServingStatus.SERVING ? Optional.empty()
        : Optional.of(ProbeFailure.of(FailureKind.ASSERTION_FAILED, target(spec) + " reports " + status));
    return new GrpcHealthResult(spec, Optional.of(status), Optional.of(0), backend, started, elapsed, failure);
  }

  /**
   * A {@code Check} that ended with a gRPC error {@code code}: what it means (NOT_FOUND: the service is unknown;
   * UNAVAILABLE: refused, unreachable or not gRPC; DEADLINE_EXCEEDED: timeout; UNIMPLEMENTED: no health service).
   */
  public static GrpcHealthResult rpcFailed(GrpcHealthSpec spec, int code, @Nullable String description,
      @Nullable Throwable cause, String backend, Instant started, Duration elapsed) {
    String name = code >= 0 && code < CODES.length ? CODES[code] : "code " + code;
    String detail = description == null || description.isEmpty() ? "" : ": " + Redaction.display(description);
    FailureKind kind;
    String message;
    if (code == 5) {
      kind = FailureKind.ASSERTION_FAILED;
      message = "the health service of " + target(spec) + " does not know service \""
          + Redaction.display(spec.service()) + "\" (NOT_FOUND)";
    } else if (code == 4) {
      kind = FailureKind.TIMEOUT;
      message = "no health answer from " + target(spec) + " before the deadline (DEADLINE_EXCEEDED)";
    } else if (code == 12) {
      kind = FailureKind.PROTOCOL_ERROR;
      message = target(spec) + " has no grpc.health.v1 service (UNIMPLEMENTED)";
    } else if (code == 14 && has(cause, ConnectException.class)) {
      kind = FailureKind.CONNECTION_REFUSED;
      message = target(spec) + " refused the connection (UNAVAILABLE" + detail + ")";
    } else if (code == 14 && has(cause, UnknownHostException.class)) {
      kind = FailureKind.NAME_NOT_FOUND;
      message = "no address for " + spec.host().ascii() + " (UNAVAILABLE" + detail + ")";
    } else if (code == 14 && has(cause, javax.net.ssl.SSLException.class)) {
      kind = FailureKind.TLS_HANDSHAKE;
      message = "the TLS handshake with " + target(spec) + " failed (UNAVAILABLE" + detail + ")";
    } else {
      kind = code == 14 ? FailureKind.NETWORK_ERROR : FailureKind.PROTOCOL_ERROR;
      message = "the health check of " + target(spec) + " failed with " + name + detail;
    }
    return new GrpcHealthResult(spec, Optional.empty(), Optional.of(code), backend, started, elapsed,
        Optional.of(ProbeFailure.of(kind, message, cause)));
  }

  /** This result with the connection's facts. */
  public GrpcHealthResult withConnection(Optional<InetSocketAddress> remote, Optional<TlsInfo> tls) {
    return new GrpcHealthResult(spec, servingStatus, grpcStatusCode, remote, tls, backend, started, elapsed, failure);
  }

  /** This result as the answer to {@code spec} (the one asked, before the core chose an address). */
  public GrpcHealthResult withSpec(GrpcHealthSpec spec) {
    return new GrpcHealthResult(spec, servingStatus, grpcStatusCode, remote, tls, backend, started, elapsed, failure);
  }

  /** The status code's name: {@code OK}, {@code NOT_FOUND}, {@code UNAVAILABLE}, … */
  public Optional<String> grpcStatusName() {
    return grpcStatusCode.map(c -> c >= 0 && c < CODES.length ? CODES[c] : "code " + c);
  }

  @Override
  public GrpcHealthResult orThrow() {
    ProbeResult.super.orThrow();
    return this;
  }

  private static String target(GrpcHealthSpec spec) {
    return spec.host().uriHost() + ":" + spec.port() + (spec.service().isEmpty() ? ""
        : " (service \"" + Redaction.display(spec.service()) + "\")");
  }

  private static boolean has(@Nullable Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
