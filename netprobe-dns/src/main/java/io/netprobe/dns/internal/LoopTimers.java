package io.netprobe.dns.internal;

import io.netprobe.spi.IoLoop;
import io.netprobe.spi.ProbeEngine;
import java.time.Duration;
import java.util.Arrays;
import javax.annotation.Nullable;

/**
 * The retransmission and deadline timers of one {@link UdpMux}, kept on its loop thread, so that a query costs no
 * engine-timer operation: only the earliest task holds a timer on the engine, and a new task later than it (the
 * usual case: every query waits about as long) needs none. A task is its own entry ({@link Timed}: no object per
 * schedule, tens of thousands of queries wait at once and each young collection copies what they keep alive), and
 * cancelling unlinks it at once, so a query answered early is not kept alive until its timer's time. Tasks that come
 * in time order (the usual case again) go to the end of a linked FIFO at O(1); only a task earlier than the FIFO's
 * last goes to a heap (O(log n), indexed, so it leaves in O(log n) as well). Confined to the loop thread.
 */
final class LoopTimers {
  private static final int NONE = -1;
  private static final int IN_FIFO = -2;

  /** A task of these timers and its own entry: at most one pending schedule at a time. Loop thread only. */
  abstract static class Timed {
    private long at;
    /** NONE, IN_FIFO, or its index in the heap. */
    private int where = NONE;
    private @Nullable Timed prev;
    private @Nullable Timed next;

    /** Runs when its time has come (it is no longer scheduled then, and may schedule itself again). */
    abstract void fire();

    final boolean scheduled() {
      return where != NONE;
    }
  }

  private final ProbeEngine engine;
  private final IoLoop loop;
  private @Nullable Timed first;
  private @Nullable Timed last;
  private Timed[] heap = new Timed[16];
  private int heapSize;
  private long scheduledFor;
  private @Nullable ProbeEngine.Cancellable scheduled;

  LoopTimers(ProbeEngine engine, IoLoop loop) {
    this.engine = engine;
    this.loop = loop;
  }

  /**
   * Runs {@code task}'s {@link Timed#fire} on the loop once {@link System#nanoTime()} reaches {@code nanoTime}; a task
   * scheduled already is moved.
   *
   * @throws IllegalStateException when the engine is closed (the task stays scheduled until {@link #cancel})
   */
  void at(long nanoTime, Timed task) {
    cancel(task);
    task.at = nanoTime;
    if (last == null || nanoTime - last.at >= 0) {
      task.where = IN_FIFO;
      task.prev = last;
      if (last == null) {
        first = task;
      } else {
        last.next = task;
      }
      last = task;
    } else {
      heapAdd(task);
    }
    if (scheduled == null || nanoTime - scheduledFor < 0) {
      schedule(nanoTime);
    }
  }

  /** Withdraws {@code task} if it is scheduled. */
  void cancel(Timed task) {
    if (task.where == IN_FIFO) {
      if (task.prev == null) {
        first = task.next;
      } else {
        task.prev.next = task.next;
      }
      if (task.next == null) {
        last = task.prev;
      } else {
        task.next.prev = task.prev;
      }
      task.prev = null;
      task.next = null;
      task.where = NONE;
    } else if (task.where >= 0) {
      heapRemove(task.where);
    }
  }

  /** Tasks scheduled now (for tests). */
  int pending() {
    int n = heapSize;
    for (Timed t = first; t != null; t = t.next) {
      n++;
    }
    return n;
  }

  private void schedule(long nanoTime) {
    if (scheduled != null) {
      scheduled.cancel();
    }
    scheduledFor = nanoTime;
    scheduled = engine.after(Duration.ofNanos(Math.max(0, nanoTime - System.nanoTime())), () -> {
      try {
        loop.execute(this::fireDue);
      } catch (IllegalStateException engineClosed) {
        // the client closed; its futures complete without us
      }
    });
  }

  /** The earlier head of the FIFO and the heap. */
  private @Nullable Timed earliest() {
    Timed a = first;
    Timed b = heapSize == 0 ? null : heap[0];
    if (a == null) {
      return b;
    }
    return b == null || a.at - b.at <= 0 ? a : b;
  }

  private void fireDue() {
    scheduled = null;
    long now = System.nanoTime();
    Timed head;
    while ((head = earliest()) != null && head.at - now <= 0) {
      cancel(head);
      head.fire();
    }
    if (head != null && (scheduled == null || head.at - scheduledFor < 0)) {
      try {
        schedule(head.at);
      } catch (IllegalStateException engineClosed) {
        // nothing more will run
      }
    }
  }

  private void heapAdd(Timed t) {
    if (heapSize == heap.length) {
      heap = Arrays.copyOf(heap, heapSize * 2);
    }
    heapSize++;
    siftUp(heapSize - 1, t);
  }

  private void heapRemove(int i) {
    Timed removed = heap[i];
    removed.where = NONE;
    int lastIndex = --heapSize;
    Timed moved = heap[lastIndex];
    heap[lastIndex] = null;
    if (lastIndex != i) {
      siftDown(i, moved);
      if (heap[i] == moved) {
        siftUp(i, moved);
      }
    }
    if (heap.length > 16 && heapSize < heap.length / 4) {
      heap = Arrays.copyOf(heap, heap.length / 2); // a burst of out-of-order tasks does not keep a large array
    }
  }

  private void siftUp(int i, Timed t) {
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      Timed p = heap[parent];
      if (t.at - p.at >= 0) {
        break;
      }
      heap[i] = p;
      p.where = i;
      i = parent;
    }
    heap[i] = t;
    t.where = i;
  }

  private void siftDown(int i, Timed t) {
    int half = heapSize >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      Timed c = heap[child];
      int right = child + 1;
      if (right < heapSize && heap[right].at - c.at < 0) {
        child = right;
        c = heap[child];
      }
      if (t.at - c.at <= 0) {
        break;
      }
      heap[i] = c;
      c.where = i;
      i = child;
    }
    heap[i] = t;
    t.where = i;
  }
}
