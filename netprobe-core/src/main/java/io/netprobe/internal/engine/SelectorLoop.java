package io.netprobe.internal.engine;

import io.netprobe.spi.IoLoop;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.annotation.Nullable;

/**
 * One selector served by one daemon thread, started on first use and ended after {@code idleNanos} with no channel
 * and no task (the next task starts a new one). Tasks from other threads go through a queue and one wake-up per
 * batch. Closing it closes every channel still registered. Thread-safe.
 */
final class SelectorLoop implements IoLoop, AutoCloseable {
  /**
   * Tasks run per turn at most. A deadline closes its probe's channel, whose fd only the next select releases (with
   * the completion waiting for it): a turn that ran every task arriving meanwhile (thousands of deadlines at once)
   * would hold every completion back until all of their closes were done.
   */
  static final int MAX_TASKS_PER_TURN = 64;
  private final DaemonThreads threads;
  private final long idleNanos;
  private final @Nullable CompletionBatches completions;
  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean wakeupPending = new AtomicBoolean();
  /** Loop thread only: what runs after the next select, which frees the fds of the channels closed before it. */
  private List<Runnable> afterSelect = new ArrayList<>();
  private volatile @Nullable Selector selector;
  private volatile @Nullable Thread thread;
  private volatile boolean closed;

  SelectorLoop(DaemonThreads threads, long idleNanos) {
    this(threads, idleNanos, null);
  }

  /** @param completions the engine's completions, which this loop hands over in batches, one per turn */
  SelectorLoop(DaemonThreads threads, long idleNanos, @Nullable CompletionBatches completions) {
    this.threads = threads;
    this.idleNanos = idleNanos;
    this.completions = completions;
  }

  @Override
  public void register(SelectableChannel channel, int ops, Handler handler) {
    Runnable registration = () -> {
      try {
        channel.configureBlocking(false);
        channel.register(selectorOfLoop(), ops, handler);
      } catch (IOException | RuntimeException e) {
        closeQuietly(channel);
        handler.failed(e);
      }
    };
    if (inLoop()) {
      registration.run();
    } else {
      execute(registration);
    }
  }

  @Override
  public void execute(Runnable task) {
    if (closed) {
      throw new IllegalStateException("the probe engine is closed");
    }
    tasks.add(task);
    if (thread == null) {
      start();
    }
    if (!inLoop() && wakeupPending.compareAndSet(false, true)) {
      Selector s = selector;
      if (s != null) {
        s.wakeup();
      }
    }
  }

  @Override
  public void closeThen(SelectableChannel channel, Runnable then) {
    if (!inLoop()) {
      execute(() -> closeThen(channel, then));
      return;
    }
    closeQuietly(channel);
    if (channel.isRegistered()) {
      afterSelect.add(then); // its key goes, and its fd is closed, in the next select
    } else {
      runQuietly(then);
    }
  }

  @Override
  public boolean inLoop() {
    return Thread.currentThread() == thread;
  }

  /** Whether the loop thread is running now (it ends when idle). */
  boolean running() {
    return thread != null;
  }

  private Selector selectorOfLoop() {
    Selector s = selector;
    if (s == null) {
      throw new IllegalStateException("the selector loop has not started");
    }
    return s;
  }

  private synchronized void start() {
    if (thread != null || closed) {
      return;
    }
    Selector s;
    try {
      s = Selector.open();
    } catch (IOException e) {
      tasks.clear();
      throw new UncheckedIOException("cannot open a selector (out of file descriptors?)", e);
    }
    selector = s;
    Thread t = threads.newThread(() -> run(s));
    thread = t;
    t.start();
  }

  private void run(Selector s) {
    if (completions != null) {
      completions.open();
    }
    try {
      turns(s);
    } finally {
      if (completions != null) {
        completions.close();
      }
    }
  }

  private void turns(Selector s) {
    long idleSince = System.nanoTime();
    try {
      while (!closed) {
        List<Runnable> released = afterSelect;
        // Other threads wake the selector only while this flag is down: it goes down just before the select, and a
        // task queued since the last turn makes that select not wait (while this thread works, no wake-up is paid)
        wakeupPending.set(false);
        if (released.isEmpty() && tasks.isEmpty()) {
          s.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(idleNanos) / 4));
        } else {
          afterSelect = released.isEmpty() ? released : new ArrayList<>();
          s.selectNow();
          released.forEach(SelectorLoop::runQuietly);
        }
        boolean worked = !released.isEmpty() || !s.selectedKeys().isEmpty();
        for (SelectionKey key : s.selectedKeys()) {
          dispatch(key);
        }
        s.selectedKeys().clear();
        Runnable task;
        for (int n = 0; n < MAX_TASKS_PER_TURN && (task = tasks.poll()) != null; n++) {
          worked = true;
          runQuietly(task);
        }
        if (completions != null) {
          completions.flush();
        }
        long now = System.nanoTime();
        if (worked || !s.keys().isEmpty()) {
          idleSince = now;
        } else if (now - idleSince > idleNanos && stopIfIdle(s)) {
          return;
        }
      }
    } catch (IOException | ClosedSelectorException e) {
      // the loop ends; its channels are closed below
    }
    release(s);
    synchronized (this) {
      thread = null;
      selector = null;
    }
  }

  /** Ends this thread when no task came meanwhile; a task that comes later starts a new one. */
  private boolean stopIfIdle(Selector s) {
    synchronized (this) {
      if (!tasks.isEmpty()) {
        return false;
      }
      thread = null;
      selector = null;
    }
    release(s);
    if (!tasks.isEmpty() && !closed) {
      start(); // a task came while this thread was stopping and saw it still running
    }
    return true;
  }

  private void release(Selector s) {
    try {
      for (SelectionKey key : s.keys()) {
        closeQuietly(key.channel());
        failQuietly(key, new IOException("the probe engine closed"));
      }
      s.close();
    } catch (IOException | ClosedSelectorException ignored) {
      // nothing left to release
    }
    List<Runnable> released = afterSelect;
    afterSelect = new ArrayList<>();
    released.forEach(SelectorLoop::runQuietly);
  }

  private static void failQuietly(SelectionKey key, Exception e) {
    if (key.attachment() instanceof Handler h) {
      try {
        h.failed(e);
      } catch (RuntimeException ignored) {
        // the handler's failure is its own
      }
    }
  }

  private static void dispatch(SelectionKey key) {
    Handler h = (Handler) key.attachment();
    if (!key.isValid()) {
      return;
    }
    try {
      h.ready(key);
    } catch (Exception e) {
      closeQuietly(key.channel());
      h.failed(e);
    } catch (LinkageError e) {
      // out of file descriptors the JVM cannot load a class: the probe fails, the loop serves the others
      closeQuietly(key.channel());
      h.failed(new IOException("the probe failed unexpectedly: " + e, e));
    }
  }

  private static void runQuietly(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException | LinkageError e) {
      // a task's failure is its own (a LinkageError: no file descriptor left to load a class); the loop goes on
    }
  }

  private static void closeQuietly(SelectableChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // closing is all we can do
    }
  }

  @Override
  public void close() {
    closed = true;
    Selector s = selector;
    if (s != null) {
      s.wakeup();
    }
    Thread t = thread;
    if (t != null && t != Thread.currentThread()) {
      try {
        t.join(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
