package io.netprobe.dns.internal;

import io.netprobe.core.Deadline;
import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeFailure;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.annotation.Nullable;

/**
 * One DNS over TLS query of {@link DotConnections} and where it stands. Its changing fields are written and read by
 * different threads, hence volatile. Thread-safe.
 */
final class DotQuery {
  final InetSocketAddress server;
  final @Nullable InetAddress local;
  volatile WireQuery wire;
  final TlsTrust trust;
  final Deadline deadline;
  final Executor blocking;
  final CompletableFuture<Exchange> result = new CompletableFuture<>();
  volatile long sentAt;
  volatile boolean retried;
  volatile @Nullable String ignored;

  DotQuery(InetSocketAddress server, @Nullable InetAddress local, WireQuery wire, TlsTrust trust, Deadline deadline,
      Executor blocking) {
    this.server = server;
    this.local = local;
    this.wire = wire;
    this.trust = trust;
    this.deadline = deadline;
    this.blocking = blocking;
  }

  /** Gives the query another unpredictable id: answers on a shared connection are matched by id. */
  void newId() {
    int id = QueryIds.next();
    byte[] bytes = wire.wire().clone();
    bytes[0] = (byte) (id >> 8);
    bytes[1] = (byte) id;
    wire = new WireQuery(id, wire.type(), bytes, wire.edns());
  }

  Exchange timeout() {
    if (sentAt != 0) {
      return new Exchange.NoAnswer(server, UdpExchanger.silence(server, 1, ignored), 1);
    }
    return new Exchange.NoAnswer(server, ProbeFailure.of(FailureKind.TIMEOUT, "could not connect to or finish "
        + "the TLS handshake with " + Endpoints.describe(server) + " before the deadline"), 0);
  }
}
