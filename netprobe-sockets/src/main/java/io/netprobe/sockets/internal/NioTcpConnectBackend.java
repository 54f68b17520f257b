package io.netprobe.sockets.internal;

import io.netprobe.core.Deadline;
import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeFailure;
import io.netprobe.internal.ConnectFailures;
import io.netprobe.internal.SystemResolver;
import io.netprobe.sockets.TcpConnectSpec;
import io.netprobe.sockets.TcpConnectResult;
import io.netprobe.spi.TcpConnectBackend;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * TCP connect with a non-blocking {@link SocketChannel} and a selector, so the deadline holds to the millisecond
 * whatever the peer does (a black-holed SYN, a slow SYN-ACK). Addresses are tried in the resolver's order until one
 * connects; the socket is closed as soon as the handshake is done. Thread-safe (no shared state).
 */
public final class NioTcpConnectBackend implements TcpConnectBackend {
  public static final String ID = "nio";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public int priority() {
    return 50;
  }

  @Override
  public TcpConnectResult connect(TcpConnectSpec query, Deadline deadline) {
    Instant started = Instant.now();
    long startNanos = System.nanoTime();
    SystemResolver.Resolution resolution = SystemResolver.resolve(query.host(), deadline);
    Duration resolveTime = Duration.ofNanos(System.nanoTime() - startNanos);
    if (!resolution.ok()) {
      return TcpConnectResult.failed(query, resolution.addresses(), Optional.empty(), resolveTime,
          resolution.failure(), ID, started, elapsedSince(startNanos));
    }
    ProbeFailure lastFailure = null;
    InetAddress lastAddress = null;
    for (InetAddress address : resolution.addresses()) {
      if (deadline.isExpired()) {
        break;
      }
      lastAddress = address;
      long connectStart = System.nanoTime();
      Attempt attempt = attempt(new InetSocketAddress(address, query.port()), deadline);
      if (attempt.failure == null) {
        return TcpConnectResult.connected(query, resolution.addresses(), address, attempt.local, resolveTime,
            Duration.ofNanos(attempt.connectedAt - connectStart), ID, started, elapsedSince(startNanos));
      }
      lastFailure = attempt.failure;
    }
    if (lastFailure == null) {
      lastFailure = ProbeFailure.of(FailureKind.TIMEOUT, "no time left to connect to " + query.host().ascii());
    }
    return TcpConnectResult.failed(query, resolution.addresses(), Optional.ofNullable(lastAddress), resolveTime,
        lastFailure, ID, started, elapsedSince(startNanos));
  }

  private static final class Attempt {
    InetSocketAddress local;
    long connectedAt;
    ProbeFailure failure;
  }

  private static Attempt attempt(InetSocketAddress target, Deadline deadline) {
    Attempt a = new Attempt();
    try (SocketChannel channel = SocketChannel.open(); Selector selector = Selector.open()) {
      channel.configureBlocking(false);
      boolean connected = channel.connect(target);
      if (!connected) {
        channel.register(selector, SelectionKey.OP_CONNECT);
        while (!connected) {
          long millis = deadline.remainingMillisForSocket();
          if (millis == 0) {
            a.failure = ProbeFailure.of(FailureKind.TIMEOUT, "no answer from " + ConnectFailures.describe(target)
                + " before the deadline (SYN unanswered: filtered or host down)");
            return a;
          }
          selector.select(millis);
          selector.selectedKeys().clear();
          connected = channel.finishConnect();
        }
      }
      a.connectedAt = System.nanoTime();
      a.local = (InetSocketAddress) channel.getLocalAddress();
      return a;
    } catch (IOException e) {
      a.failure = ConnectFailures.classify(target, e);
      return a;
    }
  }

  private static Duration elapsedSince(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
