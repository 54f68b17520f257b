package io.netprobe.internal.engine;

import io.netprobe.spi.ProbeEngine.Cancellable;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import javax.annotation.Nullable;

/**
 * A hashed timing wheel on one daemon thread, for many short deadlines: scheduling and cancelling are O(1) and take
 * no lock (new and cancelled entries pass through queues the timer thread drains each tick), and a task fires at the
 * first tick at or after its time, so it is late by at most about one tick. The thread starts on first use and ends
 * after {@code idleNanos} without a pending task; the next schedule starts it again. Thread-safe.
 */
final class WheelTimer implements AutoCloseable {
  private static final int WHEEL_SIZE = 1024;
  private static final VarHandle ENTRY_STATE;

  static {
    try {
      ENTRY_STATE = MethodHandles.lookup().findVarHandle(Entry.class, "state", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final long tickNanos;
  private final long idleNanos;
  private final DaemonThreads threads;
  private volatile @Nullable CompletionBatches completions;
  private final Entry[] heads = new Entry[WHEEL_SIZE];
  private final Queue<Entry> added = new ConcurrentLinkedQueue<>();
  private final Queue<Entry> cancelled = new ConcurrentLinkedQueue<>();
  private final AtomicInteger pending = new AtomicInteger();
  private volatile @Nullable Thread thread;
  private volatile boolean closed;
  /** Whether the timer thread is parked with nothing to do (then a new task must wake it). */
  private volatile boolean idle;
  /** The wheel's time origin and position; touched only by the timer thread. */
  private long origin;
  private long tick;

  WheelTimer(long tickNanos, long idleNanos, DaemonThreads threads) {
    if (tickNanos < TimeUnit.MICROSECONDS.toNanos(100)) {
      throw new IllegalArgumentException("the timer tick must be at least 100 µs, got " + tickNanos + " ns");
    }
    this.tickNanos = tickNanos;
    this.idleNanos = idleNanos;
    this.threads = threads;
  }

  /** Runs {@code task} on the timer thread at {@code deadlineNanos} ({@link System#nanoTime()} based). */
  Cancellable at(long deadlineNanos, Runnable task) {
    if (closed) {
      throw new IllegalStateException("the probe engine is closed");
    }
    Entry e = new Entry(deadlineNanos, task);
    pending.incrementAndGet();
    added.add(e);
    Thread t = thread;
    if (t == null) {
      start();
    } else if (idle) {
      LockSupport.unpark(t);
    }
    return e;
  }

  /** Tasks scheduled and neither run nor cancelled yet. */
  int pending() {
    return pending.get();
  }

  boolean running() {
    return thread != null;
  }

  private synchronized void start() {
    if (thread != null || closed) {
      return;
    }
    Thread t = threads.newThread(this::runBatched);
    thread = t;
    t.start();
  }

  /** Completions handed over by timer tasks go in batches, one per tick, to {@code batches}. */
  void batchCompletions(CompletionBatches batches) {
    this.completions = batches;
  }

  private void runBatched() {
    CompletionBatches c = completions;
    if (c == null) {
      run();
      return;
    }
    c.open();
    try {
      run();
    } finally {
      c.close();
    }
  }

  private void run() {
    CompletionBatches batches = completions;
    origin = System.nanoTime();
    tick = 0;
    long idleSince = origin;
    while (!closed) {
      long next = origin + (tick + 1) * tickNanos;
      long now = System.nanoTime();
      if (next > now) {
        LockSupport.parkNanos(this, next - now);
        continue;
      }
      transfer();
      expire();
      if (batches != null) {
        batches.flush();
      }
      tick++;
      if (pending.get() > 0) {
        idleSince = now;
        continue;
      }
      // nothing pending: sleep until a task comes or the idle time is up, instead of ticking
      idle = true;
      if (pending.get() == 0 && added.isEmpty()) {
        long left = idleNanos - (System.nanoTime() - idleSince);
        if (left <= 0) {
          if (stopIfIdle()) {
            if (!added.isEmpty()) {
              start(); // a task came while this thread was stopping and saw it still running
            }
            return;
          }
        } else {
          LockSupport.parkNanos(this, left);
        }
      }
      idle = false;
      transfer();
      // the wheel is empty: restart its time from now, so no empty ticks are walked
      if (pending.get() == 0 || noneLinked()) {
        origin = System.nanoTime();
        tick = 0;
      }
    }
    thread = null;
  }

  private boolean noneLinked() {
    for (Entry head : heads) {
      if (head != null) {
        return false;
      }
    }
    return true;
  }

  private synchronized boolean stopIfIdle() {
    if (pending.get() > 0 || !added.isEmpty()) {
      return false;
    }
    thread = null;
    idle = false;
    return true;
  }

  /** Moves new entries into their buckets and unlinks cancelled ones. */
  private void transfer() {
    Entry e;
    while ((e = cancelled.poll()) != null) {
      unlink(e);
    }
    while ((e = added.poll()) != null) {
      if (e.state != Entry.WAITING) {
        continue;
      }
      long due = Math.max(Math.floorDiv(e.deadline - origin, tickNanos), tick);
      e.rounds = (int) Math.min(Integer.MAX_VALUE, (due - tick) / WHEEL_SIZE);
      int slot = (int) (due & (WHEEL_SIZE - 1));
      e.slot = slot;
      e.next = heads[slot];
      if (e.next != null) {
        e.next.prev = e;
      }
      heads[slot] = e;
    }
  }

  private void unlink(Entry e) {
    if (e.slot < 0) {
      return;
    }
    if (e.prev != null) {
      e.prev.next = e.next;
    } else if (heads[e.slot] == e) {
      heads[e.slot] = e.next;
    }
    if (e.next != null) {
      e.next.prev = e.prev;
    }
    e.prev = null;
    e.next = null;
    e.slot = -1;
  }

  /** Fires the current bucket's entries whose round has come; the bucket's tick has fully passed. */
  private void expire() {
    int slot = (int) (tick & (WHEEL_SIZE - 1));
    Entry e = heads[slot];
    while (e != null) {
      Entry next = e.next;
      if (e.rounds <= 0) {
        unlink(e);
        if (e.finish()) {
          pending.decrementAndGet();
          try {
            e.task.run();
          } catch (RuntimeException | Error failed) {
            // a task's failure is its own; the timer serves the others
          }
        }
      } else if (e.rounds > 0) {
        e.rounds--;
      }
      e = next;
    }
  }

  @Override
  public void close() {
    closed = true;
    Thread t = thread;
    if (t != null) {
      LockSupport.unpark(t);
      if (t != Thread.currentThread()) {
        try {
          t.join(1000);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  /**
   * One scheduled task; its links are touched only by the timer thread. Its state is an int field changed through a
   * VarHandle, not an AtomicInteger: one object fewer per pending task (tens of thousands wait at once).
   */
  private final class Entry implements Cancellable {
    static final int WAITING = 0;
    static final int DONE = 1;
    final long deadline;
    final Runnable task;
    volatile int state = WAITING;
    /** Turns of the wheel still to wait; an int keeps the entry at 48 bytes (years at a 1 ms tick). */
    int rounds;
    int slot = -1;
    @Nullable Entry prev;
    @Nullable Entry next;

    Entry(long deadline, Runnable task) {
      this.deadline = deadline;
      this.task = task;
    }

    /** Claims the entry for running or cancelling; true for the one caller that does. */
    boolean finish() {
      return ENTRY_STATE.compareAndSet(this, WAITING, DONE);
    }

    @Override
    public boolean cancel() {
      if (!finish()) {
        return false;
      }
      pending.decrementAndGet();
      cancelled.add(this);
      return true;
    }
  }
}
