package io.netprobe.testing;

import io.netprobe.core.Deadline;
import io.netprobe.spi.ProbeEngine;
import java.util.concurrent.CompletableFuture;
import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeFailure;
import io.netprobe.sockets.TcpConnectSpec;
import io.netprobe.sockets.TcpConnectResult;
import io.netprobe.spi.TcpConnectBackend;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A scripted {@link TcpConnectBackend}. Ports not scripted refuse the connection, like a host where nothing listens.
 *
 * <pre>{@code
 * new FakeTcpConnectBackend()
 *     .open("db.internal", 5432)
 *     .open("slow.internal", 8080).delay("slow.internal", 8080, Duration.ofMillis(120))
 *     .fail("cache", 6379, FailureKind.NETWORK_UNREACHABLE)
 *     .silent("firewalled", 443);
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class FakeTcpConnectBackend extends ScriptedBackend<TcpConnectSpec, TcpConnectResult>
    implements TcpConnectBackend {
  /** A fake with nothing scripted yet. */
  public FakeTcpConnectBackend() {}

  private static final InetAddress DOCUMENTATION_ADDRESS = FakeAddresses.parse("192.0.2.1");

  /**
   * {@code host:port} accepts connections: at once, or after a {@link #delay} scripted for it, which the result
   * reports as its connect time.
   */
  public FakeTcpConnectBackend open(String host, int port) {
    script(q -> matches(q, host, port), q -> connected(q, delayOf(q)));
    return this;
  }

  /** {@code host:port} fails with {@code kind}. */
  public FakeTcpConnectBackend fail(String host, int port, FailureKind kind) {
    script(q -> matches(q, host, port), q -> failed(q, ProbeFailure.of(kind, "scripted " + kind)));
    return this;
  }

  /** {@code host:port} never answers: the probe waits until its deadline and times out. */
  public FakeTcpConnectBackend silent(String host, int port) {
    silentWhen(q -> matches(q, host, port));
    return this;
  }

  /**
   * Connects to {@code host:port} take {@code delay} before they are answered as scripted (or time out when that
   * passes the deadline). Independent of the order of rules.
   */
  public FakeTcpConnectBackend delay(String host, int port, Duration delay) {
    delayWhen(q -> matches(q, host, port), delay);
    return this;
  }

  @Override
  public TcpConnectResult connect(TcpConnectSpec query, Deadline deadline) {
    return answer(query, deadline, f -> failed(query, f), this::refused);
  }

  @Override
  public CompletableFuture<TcpConnectResult> connectAsync(TcpConnectSpec query, Deadline deadline,
      ProbeEngine engine) {
    return answerAsync(query, deadline, engine, f -> failed(query, f), this::refused);
  }

  private TcpConnectResult refused(TcpConnectSpec q) {
    return failed(q, ProbeFailure.of(FailureKind.CONNECTION_REFUSED, q.host().ascii() + ":" + q.port()
        + " refused the connection"));
  }

  private static boolean matches(TcpConnectSpec q, String host, int port) {
    return q.port() == port && (q.host().ascii().equalsIgnoreCase(host) || q.host().input().equalsIgnoreCase(host));
  }

  private static InetAddress addressOf(TcpConnectSpec q) {
    return q.host().literal().orElse(DOCUMENTATION_ADDRESS);
  }

  private TcpConnectResult connected(TcpConnectSpec q, Duration connectTime) {
    InetAddress address = addressOf(q);
    return TcpConnectResult.connected(q, List.of(address), address,
        new InetSocketAddress(FakeAddresses.parse("127.0.0.1"), 40000), Duration.ZERO, connectTime, ID, Instant.now(),
        connectTime);
  }

  private TcpConnectResult failed(TcpConnectSpec q, ProbeFailure failure) {
    InetAddress address = addressOf(q);
    return TcpConnectResult.failed(q, List.of(address), Optional.of(address), Duration.ZERO, failure, ID,
        Instant.now(), Duration.ZERO);
  }
}
