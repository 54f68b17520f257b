package io.netprobe.sockets.internal.conversation;

import io.netprobe.core.Deadline;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Bounds a blocking socket write by a deadline: a blocking write has no timeout of its own, and a peer that stops
 * reading fills the send buffer and holds the writer for ever. One daemon thread, started on first use and ended when
 * idle, closes the socket of a write that is still running at its deadline. Thread-safe.
 */
final class WriteDeadline {
  private static final ScheduledThreadPoolExecutor TIMER = timer();

  private WriteDeadline() {}

  private static ScheduledThreadPoolExecutor timer() {
    ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
      Thread thread = new Thread(r, "netprobe-write-deadline");
      thread.setDaemon(true);
      return thread;
    });
    t.setRemoveOnCancelPolicy(true);
    t.setKeepAliveTime(10, TimeUnit.SECONDS);
    t.allowCoreThreadTimeOut(true);
    return t;
  }

  /** A write to {@code socket}. */
  @FunctionalInterface
  interface Write {
    void run() throws IOException;
  }

  /**
   * Runs {@code write}; if it is still running at {@code deadline}, closes {@code socket} and throws a {@link
   * SocketTimeoutException} saying the peer did not take the data.
   */
  static void bounded(Socket socket, Deadline deadline, Write write) throws IOException {
    if (deadline.isExpired()) {
      throw new SocketTimeoutException("deadline passed before writing");
    }
    AtomicBoolean closedByUs = new AtomicBoolean();
    ScheduledFuture<?> guard = TIMER.schedule(() -> {
      closedByUs.set(true);
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing is all that is left to do
      }
    }, deadline.remainingNanos(), TimeUnit.NANOSECONDS);
    try {
      write.run();
    } catch (IOException e) {
      if (closedByUs.get()) {
        throw new SocketTimeoutException("deadline passed while writing: the peer did not read what was sent");
      }
      throw e;
    } finally {
      guard.cancel(false);
    }
  }
}
