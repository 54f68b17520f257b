package io.netprobe.sockets.internal;

import io.netprobe.core.Deadline;
import io.netprobe.internal.engine.DefaultProbeEngine;
import io.netprobe.sockets.TcpConnectResult;
import io.netprobe.sockets.TcpConnectSpec;
import io.netprobe.spi.ProbeEngine;
import io.netprobe.spi.TcpConnectBackend;
import java.util.concurrent.CompletableFuture;
import javax.annotation.Nullable;

/**
 * TCP connect with non-blocking {@link java.nio.channels.SocketChannel}s on the engine's selector loop, so no
 * thread waits for a peer and the deadline, from the engine's timer, holds whatever the peer does (a black-holed SYN,
 * a slow SYN-ACK). Addresses are tried in the resolver's order until one connects; the socket is closed as soon as
 * the handshake is done. {@link #connect} is {@link #connectAsync} joined, on an engine of this backend's own
 * (threads started on first use, ended when idle or by {@link #close()}). Thread-safe.
 */
public final class NioTcpConnectBackend implements TcpConnectBackend {
  public static final String ID = "nio";

  private final Object lock = new Object();
  private @Nullable DefaultProbeEngine own;

  @Override
  public String id() {
    return ID;
  }

  @Override
  public int priority() {
    return 50;
  }

  @Override
  public CompletableFuture<TcpConnectResult> connectAsync(TcpConnectSpec query, Deadline deadline,
      ProbeEngine engine) {
    return TcpConnectProbe.start(query, deadline, engine);
  }

  @Override
  public TcpConnectResult connect(TcpConnectSpec query, Deadline deadline) {
    return connectAsync(query, deadline, ownEngine()).join();
  }

  private ProbeEngine ownEngine() {
    synchronized (lock) {
      if (own == null || own.isClosed()) {
        own = new DefaultProbeEngine(1, 2, Runnable::run, DefaultProbeEngine.DEFAULT_IDLE);
      }
      return own;
    }
  }

  @Override
  public void close() {
    synchronized (lock) {
      if (own != null) {
        own.close();
      }
    }
  }
}
