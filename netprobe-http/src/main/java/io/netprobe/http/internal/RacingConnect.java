package io.netprobe.http.internal;

import io.netprobe.spi.IoLoop;
import io.netprobe.spi.ProbeEngine;
import java.io.IOException;
import java.net.BindException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.annotation.Nullable;

/**
 * The connect of an {@link EngineHttpExchange}, as OkHttp connects: the addresses one after the other, or — for a
 * name, or several pinned addresses — raced in OkHttp's order (IPv6 and IPv4 interleaved), the next started when a
 * connect has not completed in {@link #FALLBACK_DELAY} or at once when one fails. The first to connect wins, the
 * others are closed; the winner's channel stays registered through its attempt, which hands its ready keys to the
 * exchange. Records each attempt in the exchange's {@link PhaseRecorder} as OkHttp's events would. Not thread-safe:
 * its exchange's loop runs it.
 */
final class RacingConnect {
  /** OkHttp's fast-fallback delay. */
  static final Duration FALLBACK_DELAY = Duration.ofMillis(250);

  /** What the exchange is told. */
  interface Exchange {
    /** An attempt connected; the connect is over. */
    void connected(SocketChannel channel, InetSocketAddress to) throws IOException;

    /** The connected channel is ready for the exchange's interest. */
    void ready(SelectionKey key) throws IOException;

    /** The connected channel failed (the loop has closed it). */
    void failed(Exception e);

    /** Every address failed to connect; {@code last} is the last attempt's failure. */
    void noConnection(@Nullable IOException last);

    /** Whether the exchange has ended, so that no attempt is started or kept. */
    boolean over();
  }

  private final IoLoop loop;
  private final ProbeEngine engine;
  private final PhaseRecorder phases;
  private final Optional<InetAddress> source;
  private final int port;
  private final Exchange exchange;
  private List<InetAddress> addresses = List.of();
  private boolean race;
  private int next;
  private final List<Attempt> attempts = new ArrayList<>(1);
  private @Nullable Attempt winner;
  private @Nullable SelectionKey winnerKey;
  private @Nullable ProbeEngine.Cancellable fallbackTimer;
  private @Nullable IOException lastFailure;

  RacingConnect(IoLoop loop, ProbeEngine engine, PhaseRecorder phases, Optional<InetAddress> source, int port,
      Exchange exchange) {
    this.loop = loop;
    this.engine = engine;
    this.phases = phases;
    this.source = source;
    this.port = port;
    this.exchange = exchange;
  }

  /** Starts connecting to {@code found}, racing them when {@code fastFallback}. */
  void start(List<InetAddress> found, boolean fastFallback) {
    race = fastFallback;
    addresses = fastFallback ? happyEyeballsOrder(found) : found;
    startAttempt();
  }

  /** OkHttp's order for racing: IPv6 and IPv4 addresses interleaved, IPv6 first, when there are both. */
  static List<InetAddress> happyEyeballsOrder(List<InetAddress> found) {
    List<InetAddress> v6 = new ArrayList<>();
    List<InetAddress> v4 = new ArrayList<>();
    for (InetAddress a : found) {
      (a instanceof Inet6Address ? v6 : v4).add(a);
    }
    if (v6.isEmpty() || v4.isEmpty()) {
      return found;
    }
    List<InetAddress> order = new ArrayList<>(found.size());
    for (int i = 0; i < Math.max(v6.size(), v4.size()); i++) {
      if (i < v6.size()) {
        order.add(v6.get(i));
      }
      if (i < v4.size()) {
        order.add(v4.get(i));
      }
    }
    return order;
  }

  /** Sets the interest of the connected channel (registering it, through its attempt, the first time). */
  void interest(SocketChannel channel, int ops) {
    SelectionKey k = winnerKey;
    if (k != null) {
      k.interestOps(ops);
    } else {
      loop.register(channel, ops, winner);
    }
  }

  /** Closes the attempts still connecting (not the winner's channel, which is the exchange's). */
  void close() {
    cancelFallback();
    for (Attempt a : attempts) {
      closeQuietly(a.ch);
    }
    attempts.clear();
  }

  private void startAttempt() {
    if (exchange.over() || winner != null) {
      return;
    }
    if (next >= addresses.size()) {
      if (attempts.isEmpty()) {
        exchange.noConnection(lastFailure);
      }
      return;
    }
    Attempt attempt = new Attempt(new InetSocketAddress(addresses.get(next++), port));
    attempts.add(attempt);
    phases.connectStart(null, attempt.to, null);
    attempt.start();
    if (race && winner == null && !exchange.over() && next < addresses.size() && attempts.contains(attempt)) {
      cancelFallback();
      try {
        fallbackTimer = engine.after(FALLBACK_DELAY, () -> loop.execute(this::startAttempt));
      } catch (IllegalStateException closed) {
        // the client is closing: its exchanges end with it, racing no further address
      }
    }
  }

  private void won(Attempt attempt, SocketChannel c, @Nullable SelectionKey k) throws IOException {
    cancelFallback();
    for (Attempt other : attempts) {
      if (other != attempt) {
        closeQuietly(other.ch);
      }
    }
    attempts.clear();
    winner = attempt;
    winnerKey = k;
    phases.connectEnd(null, attempt.to, null, null);
    exchange.connected(c, attempt.to);
  }

  private void cancelFallback() {
    ProbeEngine.Cancellable t = fallbackTimer;
    if (t != null) {
      t.cancel();
    }
  }

  /** One connect to one address; several run at once while addresses are raced. */
  private final class Attempt implements IoLoop.Handler {
    final InetSocketAddress to;
    @Nullable SocketChannel ch;

    Attempt(InetSocketAddress to) {
      this.to = to;
    }

    void start() {
      try {
        SocketChannel c = SocketChannel.open(to.getAddress() instanceof Inet4Address ? StandardProtocolFamily.INET
            : StandardProtocolFamily.INET6);
        ch = c;
        c.configureBlocking(false);
        c.setOption(StandardSocketOptions.TCP_NODELAY, true);
        if (source.isPresent()) {
          bind(c, source.get());
        }
        if (c.connect(to) || c.finishConnect()) {
          won(this, c, null);
        } else {
          loop.register(c, SelectionKey.OP_CONNECT, this);
        }
      } catch (IOException | RuntimeException e) {
        failed(e);
      }
    }

    @Override
    public void ready(SelectionKey k) throws IOException {
      if (winner == this) {
        winnerKey = k;
        exchange.ready(k);
        return;
      }
      SocketChannel c = (SocketChannel) k.channel();
      if (exchange.over() || winner != null) {
        c.close();
        return;
      }
      if (c.finishConnect()) {
        won(this, c, k);
      }
    }

    @Override
    public void failed(Exception e) {
      if (winner == this) {
        exchange.failed(e);
        return;
      }
      attempts.remove(this);
      closeQuietly(ch);
      if (exchange.over() || winner != null) {
        return;
      }
      IOException io = e instanceof IOException i ? i : new IOException(e);
      lastFailure = io;
      phases.connectFailed(null, to, null, null, io);
      if (attempts.isEmpty()) {
        startAttempt(); // the next address at once, as OkHttp does after a failed connect
      }
    }
  }

  /** {@code curl --interface}: the socket bound to the source address, as {@link SourceBoundSocketFactory} does. */
  private static void bind(SocketChannel c, InetAddress source) throws IOException {
    try {
      c.bind(new InetSocketAddress(source, 0));
    } catch (BindException e) {
      BindException clear = new BindException("cannot use source address " + source.getHostAddress()
          + ": this machine has no such address (" + e.getMessage() + ")");
      clear.initCause(e);
      throw clear;
    }
  }

  static void closeQuietly(@Nullable SocketChannel c) {
    if (c != null) {
      try {
        c.close();
      } catch (IOException ignored) {
        // closing is all that is left
      }
    }
  }
}
