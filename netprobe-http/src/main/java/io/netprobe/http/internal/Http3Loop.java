package io.netprobe.http.internal;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;
import javax.annotation.Nullable;

/**
 * The one Netty event loop of a backend's HTTP/3 exchanges: a single daemon thread, started by the first exchange,
 * ended {@link #IDLE_MILLIS} after the last one finished and when the backend is closed. Every exchange's UDP
 * socket, QUIC connection and deadline timer live on it; no thread is made per probe. Thread-safe.
 */
final class Http3Loop {
  /** How long the loop's thread outlives the last exchange. */
  static final long IDLE_MILLIS = 5_000;

  private final long idleMillis;

  private @Nullable EventLoopGroup group;
  private int inFlight;
  private long generation;
  private boolean closed;

  Http3Loop() {
    this(IDLE_MILLIS);
  }

  /** A loop whose thread ends {@code idleMillis} after the last exchange (tests use a short one). */
  Http3Loop(long idleMillis) {
    this.idleMillis = idleMillis;
  }

  /** The loop for one more exchange, or null once closed; {@link #release} must follow. */
  synchronized @Nullable EventLoop acquire() {
    if (closed) {
      return null;
    }
    if (group == null) {
      group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("netprobe-http3", true),
          NioIoHandler.newFactory());
    }
    inFlight++;
    generation++;
    return group.next();
  }

  /** One exchange has finished and closed its channels. */
  void release() {
    EventLoopGroup idleGroup;
    long seen;
    synchronized (this) {
      inFlight--;
      if (inFlight > 0 || group == null) {
        return;
      }
      idleGroup = group;
      seen = generation;
    }
    try {
      idleGroup.schedule(() -> endIfIdle(seen), idleMillis, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException closing) {
      // closed meanwhile: nothing left to end
    }
  }

  private void endIfIdle(long seen) {
    EventLoopGroup idle;
    synchronized (this) {
      if (inFlight > 0 || generation != seen || group == null) {
        return;
      }
      idle = group;
      group = null;
    }
    idle.shutdownGracefully(0, 0, TimeUnit.SECONDS);
  }

  /** Ends the loop's thread; exchanges still running are failed by their channels closing. */
  void close() {
    EventLoopGroup g;
    synchronized (this) {
      closed = true;
      g = group;
      group = null;
    }
    if (g != null) {
      g.shutdownGracefully(0, 0, TimeUnit.SECONDS);
    }
  }

  /** Whether the loop's thread is running (tests check that it ends). */
  synchronized boolean running() {
    return group != null;
  }
}
