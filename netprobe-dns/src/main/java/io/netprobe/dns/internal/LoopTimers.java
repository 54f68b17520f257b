package io.netprobe.dns.internal;

import io.netprobe.spi.IoLoop;
import io.netprobe.spi.ProbeEngine;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.PriorityQueue;
import javax.annotation.Nullable;

/**
 * The retransmission and deadline timers of one {@link UdpMux}, kept on its loop thread with lazy cancellation, so
 * that a query costs no engine-timer operation: only the earliest entry holds a timer on the engine, and a new entry
 * later than it (the usual case: every query waits about as long) needs none. Entries that come in time order (the
 * usual case again) go to the end of a FIFO at O(1); only an entry earlier than the FIFO's last goes to a heap.
 * Confined to the loop thread.
 */
final class LoopTimers {
  private final ProbeEngine engine;
  private final IoLoop loop;
  private final PriorityQueue<Entry> queue = new PriorityQueue<>((a, b) -> Long.compare(a.at - b.at, 0));
  private final ArrayDeque<Entry> inOrder = new ArrayDeque<>();
  private long scheduledFor;
  private @Nullable ProbeEngine.Cancellable scheduled;

  /** A pending timer; {@link #cancel()} withdraws it. */
  static final class Entry implements ProbeEngine.Cancellable {
    private final long at;
    private @Nullable Runnable task;

    private Entry(long at, Runnable task) {
      this.at = at;
      this.task = task;
    }

    @Override
    public boolean cancel() {
      boolean pending = task != null;
      task = null;
      return pending;
    }
  }

  LoopTimers(ProbeEngine engine, IoLoop loop) {
    this.engine = engine;
    this.loop = loop;
  }

  /**
   * Runs {@code task} on the loop once {@link System#nanoTime()} reaches {@code nanoTime}.
   *
   * @throws IllegalStateException when the engine is closed
   */
  Entry at(long nanoTime, Runnable task) {
    Entry e = new Entry(nanoTime, task);
    Entry last = inOrder.peekLast();
    if (last == null || nanoTime - last.at >= 0) {
      inOrder.addLast(e);
    } else {
      queue.add(e);
    }
    if (scheduled == null || nanoTime - scheduledFor < 0) {
      schedule(nanoTime);
    }
    return e;
  }

  private void schedule(long nanoTime) {
    if (scheduled != null) {
      scheduled.cancel();
    }
    scheduledFor = nanoTime;
    scheduled = engine.after(Duration.ofNanos(Math.max(0, nanoTime - System.nanoTime())), () -> {
      try {
        loop.execute(this::fire);
      } catch (IllegalStateException engineClosed) {
        // the client closed; its futures complete without us
      }
    });
  }

  /** The earlier head of the FIFO and the heap. */
  private @Nullable Entry earliest() {
    Entry a = inOrder.peekFirst();
    Entry b = queue.peek();
    if (a == null) {
      return b;
    }
    return b == null || a.at - b.at <= 0 ? a : b;
  }

  private void fire() {
    scheduled = null;
    long now = System.nanoTime();
    Entry head;
    while ((head = earliest()) != null && (head.task == null || head.at - now <= 0)) {
      if (head == inOrder.peekFirst()) {
        inOrder.pollFirst();
      } else {
        queue.poll();
      }
      Runnable task = head.task;
      head.task = null;
      if (task != null) {
        task.run();
      }
    }
    if (head != null && (scheduled == null || head.at - scheduledFor < 0)) {
      try {
        schedule(head.at);
      } catch (IllegalStateException engineClosed) {
        // nothing more will run
      }
    }
  }
}
