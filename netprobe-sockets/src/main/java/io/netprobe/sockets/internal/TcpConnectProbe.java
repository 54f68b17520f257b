package io.netprobe.sockets.internal;

import io.netprobe.core.Deadline;
import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeFailure;
import io.netprobe.internal.ConnectFailures;
import io.netprobe.internal.SystemResolver;
import io.netprobe.internal.engine.AsyncResolver;
import io.netprobe.internal.engine.NotifyingFuture;
import io.netprobe.sockets.TcpConnectResult;
import io.netprobe.sockets.TcpConnectSpec;
import io.netprobe.spi.IoLoop;
import io.netprobe.spi.ProbeEngine;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import javax.annotation.Nullable;

/**
 * One TCP connect probe on an engine's selector loop: resolves the host (an IP literal without any thread), then
 * tries each address in the resolver's order with a non-blocking {@link SocketChannel} until one connects or the
 * deadline, which the engine's timer enforces, passes. The socket is closed as soon as the handshake is done, when
 * the deadline passes, and when the future is cancelled. One thread at a time touches the state, so it needs no lock:
 * for an IP literal the caller's thread makes the first attempt before the loop sees the probe, then only the loop
 * thread (the timer and a cancellation hand their work to it). The probe is its own deadline task, and keeps when it
 * started as two numbers: thousands wait at once, and each object one keeps alive is copied by every young
 * collection meanwhile.
 */
final class TcpConnectProbe implements IoLoop.Handler, Runnable {
  static {
    // Loads the classes of the failure paths now: a probe that meets "too many open files" must still be able to
    // report it, and with no file descriptor left the JVM cannot load a class from the class path.
    InetSocketAddress dummy = new InetSocketAddress(InetAddress.getLoopbackAddress(), 9);
    ProbeFailure f = ConnectFailures.classify(dummy, new java.net.SocketException("Too many open files"));
    TcpConnectResult.failed(new TcpConnectSpec(io.netprobe.core.Host.of("127.0.0.1"), 9, Duration.ofSeconds(1)),
        List.of(dummy.getAddress()), Optional.of(dummy.getAddress()), Duration.ZERO, f, NioTcpConnectBackend.ID,
        Instant.now(), Duration.ZERO).toString();
    ConnectFailures.classify(dummy, new java.net.ConnectException("Connection refused")).toString();
  }

  /**
   * The engine loops TCP connects alternate between. When thousands of deadlines pass at once, closing their sockets
   * is kernel work (an epoll removal and a close each, ~10 µs in a VM) that one thread did in series, 50–100 ms
   * behind on two busy cores (docs/benchmarks/engine.md); two threads spread it over the cores.
   */
  private static final String[] LOOP_ROLES = {"tcp", "tcp-2"};
  private static final AtomicInteger NEXT_LOOP = new AtomicInteger();
  private final TcpConnectSpec query;
  private final Deadline deadline;
  private final IoLoop loop;
  private final Outcome future = new Outcome();
  private final long startedSecond;
  private final int startedNano;
  private final long startNanos = System.nanoTime();
  private List<InetAddress> addresses = List.of();
  private Duration resolveTime = Duration.ZERO;
  private boolean resolvedYet;
  private int next;
  private @Nullable SocketChannel channel;
  private @Nullable InetSocketAddress target;
  private long attemptStart;
  private @Nullable ProbeFailure lastFailure;
  private @Nullable InetAddress lastAddress;
  /** Volatile: for an IP literal the caller's thread sets it while the loop may already own the probe. */
  private volatile @Nullable ProbeEngine.Cancellable timer;
  /** The outcome is decided; the future completes once the socket's fd is free. */
  private boolean decided;
  /** A failed attempt's socket is being released; the next attempt starts after it. */
  private boolean releasing;
  /** Cancelled while a failed attempt's socket was being released: the future is cancelled once it is. */
  private boolean cancelAfterRelease;
  /** The timer said the deadline passed (it may fire a little before {@link Deadline#isExpired} agrees). */
  private boolean expired;

  private TcpConnectProbe(TcpConnectSpec query, Deadline deadline, IoLoop loop) {
    this.query = query;
    this.deadline = deadline;
    this.loop = loop;
    Instant now = Instant.now();
    this.startedSecond = now.getEpochSecond();
    this.startedNano = now.getNano();
  }

  /**
   * Starts the probe; the future completes by the deadline, and cancelling it closes the socket. For an IP literal
   * the first connect is made here, on the caller's thread (a non-blocking connect waits for nothing): a loopback
   * handshake is done by the time {@code connect} returns, and a probe that needs no selector never touches the loop;
   * otherwise the channel is handed to the loop, which owns the probe from then on.
   */
  static CompletableFuture<TcpConnectResult> start(TcpConnectSpec query, Deadline deadline, ProbeEngine engine) {
    TcpConnectProbe p = new TcpConnectProbe(query, deadline,
        engine.loop(LOOP_ROLES[NEXT_LOOP.getAndIncrement() & (LOOP_ROLES.length - 1)]));
    if (query.host().literal().isPresent()) {
      p.resolved(AsyncResolver.resolve(query.host(), deadline, engine).join()); // a literal: at once, no thread
      if (!p.decided) {
        // armed after the attempt was handed to the loop (this thread no longer touches the probe's state): a timer
        // that the loop's outcome could not cancel yet only finds the probe decided
        p.armDeadline(engine);
      }
      return p.future;
    }
    p.armDeadline(engine);
    AsyncResolver.resolve(query.host(), deadline, engine).whenComplete((resolution, error) -> p.onLoop(() -> {
      if (error != null) {
        p.finish(ProbeFailure.of(FailureKind.INTERNAL_ERROR, "resolving " + query.host().ascii() + " failed: "
            + error, error));
      } else {
        p.resolved(resolution);
      }
    }));
    return p.future;
  }

  private void armDeadline(ProbeEngine engine) {
    ProbeEngine.Cancellable t = engine.at(deadline, this);
    timer = t;
    if (future.isDone()) {
      t.cancel();
    }
  }

  /** The deadline timer's task. */
  @Override
  public void run() {
    onLoop(this::deadlinePassed);
  }

  private void onLoop(Runnable task) {
    if (loop.inLoop()) {
      task.run();
      return;
    }
    try {
      loop.execute(task);
    } catch (IllegalStateException closed) {
      closeChannel();
      future.complete(failed(ProbeFailure.of(FailureKind.CANCELLED, "the probe client was closed")));
    } catch (java.io.UncheckedIOException noSelector) {
      closeChannel();
      future.complete(failed(ProbeFailure.of(FailureKind.RESOURCE_EXHAUSTED, "cannot start the selector loop: "
          + noSelector.getMessage(), noSelector)));
    }
  }

  private void resolved(SystemResolver.Resolution resolution) {
    if (over()) {
      return;
    }
    resolvedYet = true;
    resolveTime = Duration.ofNanos(System.nanoTime() - startNanos);
    addresses = resolution.addresses();
    if (!resolution.ok()) {
      finish(resolution.failure());
      return;
    }
    tryNext();
  }

  /** Starts a connect to the next address, or completes the probe when none is left. */
  private void tryNext() {
    while (!over()) {
      if (next >= addresses.size() || expired || deadline.isExpired()) {
        finish(lastFailure != null ? lastFailure : ProbeFailure.of(FailureKind.TIMEOUT,
            "no time left to connect to " + query.host().ascii()));
        return;
      }
      InetAddress address = addresses.get(next++);
      lastAddress = address;
      InetSocketAddress to = new InetSocketAddress(address, query.port());
      target = to;
      attemptStart = System.nanoTime();
      SocketChannel ch = null;
      try {
        // A socket of the target's own family: the default dual-stack (IPv6) socket costs more to create, connect
        // (IPv4-mapped) and close
        ch = SocketChannel.open(address instanceof java.net.Inet4Address ? StandardProtocolFamily.INET
            : StandardProtocolFamily.INET6);
        channel = ch;
        ch.configureBlocking(false);
        if (query.resetOnClose()) {
          ch.setOption(StandardSocketOptions.SO_LINGER, 0);
        }
        if (query.source().isPresent()) {
          ProbeFailure notOurs = SourceBinding.bind(ch, query.source().get());
          if (notOurs != null) {
            finish(notOurs);
            return;
          }
        }
        // A loopback handshake is done by the time connect returns (EINPROGRESS): one poll finds it, sparing the
        // registration, the select round trip and the deregistration
        if (ch.connect(to) || ch.finishConnect()) {
          connected(ch);
          return;
        }
        try {
          loop.register(ch, SelectionKey.OP_CONNECT, this);
        } catch (IllegalStateException closed) {
          closeChannel();
          finish(ProbeFailure.of(FailureKind.CANCELLED, "the probe client was closed"));
        } catch (java.io.UncheckedIOException noSelector) {
          closeChannel();
          finish(ProbeFailure.of(FailureKind.RESOURCE_EXHAUSTED, "cannot start the selector loop", noSelector));
        }
        return;
      } catch (IOException | RuntimeException e) {
        closeChannel();
        lastFailure = e instanceof IOException io ? ConnectFailures.classify(to, io)
            : ProbeFailure.of(FailureKind.INTERNAL_ERROR, "connecting to " + ConnectFailures.describe(to)
                + " failed: " + e, e);
        if (lastFailure.kind() == FailureKind.RESOURCE_EXHAUSTED) {
          finish(lastFailure); // another address would meet the same limit
          return;
        }
      }
    }
  }

  @Override
  public void ready(SelectionKey key) throws IOException {
    SocketChannel ch = (SocketChannel) key.channel();
    if (ch != channel || over()) {
      ch.close();
      return;
    }
    if (ch.finishConnect()) {
      connected(ch);
    }
  }

  @Override
  public void failed(Exception e) {
    if (over()) {
      return;
    }
    InetSocketAddress to = target;
    lastFailure = e instanceof IOException io && to != null ? ConnectFailures.classify(to, io)
        : ProbeFailure.of(FailureKind.INTERNAL_ERROR, "the connect failed unexpectedly: " + e, e);
    if (lastFailure.kind() == FailureKind.RESOURCE_EXHAUSTED) {
      finish(lastFailure);
      return;
    }
    closeThen(this::tryNext); // the next address only once this socket's fd is free, so a probe holds one at most
  }

  private void connected(SocketChannel ch) throws IOException {
    long connectedAt = System.nanoTime();
    InetSocketAddress local = (InetSocketAddress) ch.getLocalAddress();
    decided = true;
    cancelTimer();
    TcpConnectResult result = TcpConnectResult.connected(query, addresses, lastAddress, local, resolveTime,
        Duration.ofNanos(connectedAt - attemptStart), NioTcpConnectBackend.ID, started(), elapsed());
    closeThen(() -> future.complete(result));
  }

  private void deadlinePassed() {
    expired = true;
    if (over() || releasing) {
      return; // the next attempt, once the failed socket is released, sees that the deadline has passed
    }
    InetSocketAddress to = target;
    if (!resolvedYet) {
      resolveTime = Duration.ofNanos(System.nanoTime() - startNanos);
      finish(ProbeFailure.of(FailureKind.TIMEOUT, "resolving " + query.host().ascii()
          + " took longer than the deadline"));
    } else if (channel != null && to != null) {
      finish(ProbeFailure.of(FailureKind.TIMEOUT, "no answer from " + ConnectFailures.describe(to)
          + " before the deadline (SYN unanswered: filtered or host down)"));
    } else {
      finish(lastFailure != null ? lastFailure : ProbeFailure.of(FailureKind.TIMEOUT,
          "no time left to connect to " + query.host().ascii()));
    }
  }

  /**
   * Decides the outcome; the future completes once the socket's fd is really free (see {@link IoLoop#closeThen}),
   * so the probe the in-flight bound starts next cannot find the open-files limit still holding it.
   */
  private void finish(@Nullable ProbeFailure failure) {
    if (decided) {
      return;
    }
    decided = true;
    cancelTimer();
    TcpConnectResult result = failed(failure == null ? ProbeFailure.of(FailureKind.INTERNAL_ERROR, "no outcome")
        : failure);
    closeThen(() -> future.complete(result));
  }

  private boolean over() {
    return decided || future.isDone();
  }

  /** Closes the socket, if any, and runs {@code next} on the loop once its fd is free. */
  private void closeThen(Runnable next) {
    SocketChannel ch = channel;
    channel = null;
    if (ch == null) {
      next.run();
      return;
    }
    if (!loop.inLoop()) {
      // the caller's first attempt: the channel never went to the loop, so its fd is free once close returns
      closeChannelQuietly(ch);
      next.run();
      return;
    }
    releasing = true;
    loop.closeThen(ch, () -> {
      releasing = false;
      if (cancelAfterRelease) {
        future.cancelled();
      } else {
        next.run();
      }
    });
  }

  /** On the loop: a cancellation ends the probe like a decided outcome, once the socket's fd is free. */
  private void cancelNow() {
    if (future.isDone() || decided) {
      return; // completes once its socket is released
    }
    decided = true;
    cancelTimer();
    if (releasing) {
      cancelAfterRelease = true;
    } else {
      closeThen(future::cancelled);
    }
  }

  /**
   * The probe's future. Cancelling it closes the socket, and it completes as cancelled only once the socket's fd is
   * free: the in-flight bound frees the probe's slot when this future completes, also when its deadline grace ran out
   * and the caller's future was cancelled before the loop got to the probe. So {@code cancel} returns before the
   * future is done.
   */
  private final class Outcome extends NotifyingFuture<TcpConnectResult> {
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      if (isDone()) {
        return false;
      }
      onLoop(TcpConnectProbe.this::cancelNow);
      return true;
    }

    void cancelled() {
      super.cancel(false);
    }
  }

  private TcpConnectResult failed(ProbeFailure failure) {
    return TcpConnectResult.failed(query, addresses, Optional.ofNullable(lastAddress), resolveTime, failure,
        NioTcpConnectBackend.ID, started(), elapsed());
  }

  private void closeChannel() {
    SocketChannel ch = channel;
    channel = null;
    if (ch != null) {
      closeChannelQuietly(ch);
    }
  }

  private static void closeChannelQuietly(SocketChannel ch) {
    try {
      ch.close();
    } catch (IOException ignored) {
      // closing is all that is left to do
    }
  }

  private void cancelTimer() {
    ProbeEngine.Cancellable t = timer;
    if (t != null) {
      t.cancel();
    }
  }

  private Instant started() {
    return Instant.ofEpochSecond(startedSecond, startedNano);
  }

  private Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
