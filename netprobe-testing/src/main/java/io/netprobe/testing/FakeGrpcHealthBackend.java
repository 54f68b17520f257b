package io.netprobe.testing;

import io.netprobe.core.Deadline;
import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeFailure;
import io.netprobe.grpc.GrpcHealthResult;
import io.netprobe.grpc.GrpcHealthSpec;
import io.netprobe.grpc.GrpcServingStatus;
import io.netprobe.spi.GrpcHealthBackend;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A scripted {@link GrpcHealthBackend}. Servers not scripted refuse the connection; a scripted server answers
 * {@code NOT_FOUND} for services it was not told about, as grpc-java's health service does. Statuses mean what they
 * mean for the real backend ({@link GrpcHealthResult#answered}, {@link GrpcHealthResult#rpcFailed}).
 *
 * <pre>{@code
 * new FakeGrpcHealthBackend()
 *     .status("orders.internal", 50051, "", GrpcServingStatus.SERVING)
 *     .status("orders.internal", 50051, "billing", GrpcServingStatus.NOT_SERVING)
 *     .silent("stuck.internal", 50051);
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class FakeGrpcHealthBackend extends ScriptedBackend<GrpcHealthSpec, GrpcHealthResult>
    implements GrpcHealthBackend {
  /** A fake with nothing scripted yet. */
  public FakeGrpcHealthBackend() {}

  private final java.util.Map<String, GrpcServingStatus> statuses = new java.util.concurrent.ConcurrentHashMap<>();

  /** {@code service} ("" for the whole server) at {@code host:port} reports {@code status}. */
  public FakeGrpcHealthBackend status(String host, int port, String service, GrpcServingStatus status) {
    String server = host.toLowerCase(java.util.Locale.ROOT) + ":" + port;
    if (statuses.keySet().stream().noneMatch(k -> k.startsWith(server + "/"))) {
      script(s -> matches(s, host, port), s -> {
        GrpcServingStatus known = statuses.get(server + "/" + s.service());
        return known != null ? GrpcHealthResult.answered(s, known, ID, Instant.now(), Duration.ofMillis(1))
            : GrpcHealthResult.rpcFailed(s, 5, "unknown service", null, ID, Instant.now(), Duration.ofMillis(1));
      });
    }
    statuses.put(server + "/" + service, status);
    return this;
  }

  /** Forgets every scripted status, delay and silence, and every recorded check. */
  @Override
  public void reset() {
    super.reset();
    statuses.clear();
  }

  /** {@code host:port} never answers: the check times out at its deadline (DEADLINE_EXCEEDED). */
  public FakeGrpcHealthBackend silent(String host, int port) {
    silentWhen(s -> matches(s, host, port));
    return this;
  }

  /** Checks of {@code host:port} answer after {@code delay} (or time out when that passes the deadline). */
  public FakeGrpcHealthBackend delay(String host, int port, Duration delay) {
    delayWhen(s -> matches(s, host, port), delay);
    return this;
  }

  @Override
  public GrpcHealthResult check(GrpcHealthSpec spec, Deadline deadline) {
    return answer(spec, deadline, f -> f.kind() == FailureKind.TIMEOUT
        ? GrpcHealthResult.rpcFailed(spec, 4, "deadline exceeded", null, ID, Instant.now(), Duration.ZERO)
        : new GrpcHealthResult(spec, Optional.empty(), Optional.empty(), ID, Instant.now(), Duration.ZERO,
            Optional.of(f)),
        s -> new GrpcHealthResult(s, Optional.empty(), Optional.of(14), ID, Instant.now(), Duration.ofMillis(1),
            Optional.of(ProbeFailure.of(FailureKind.CONNECTION_REFUSED, s.host().uriHost() + ":" + s.port()
                + " refused the connection (nothing scripted; UNAVAILABLE)"))));
  }

  private static boolean matches(GrpcHealthSpec s, String host, int port) {
    return s.port() == port && s.host().ascii().equalsIgnoreCase(host);
  }
}
