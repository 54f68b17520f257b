package io.netprobe.internal.engine;

import io.netprobe.spi.IoLoop;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.annotation.Nullable;

/**
 * One selector served by one daemon thread, started on first use. Tasks from other threads go through a queue and
 * one wake-up. Closing it closes every channel still registered. Thread-safe.
 */
final class SelectorLoop implements IoLoop, AutoCloseable {
  private final DaemonThreads threads;
  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean wakeupPending = new AtomicBoolean();
  private volatile @Nullable Selector selector;
  private volatile @Nullable Thread thread;
  private volatile boolean closed;

  SelectorLoop(DaemonThreads threads) {
    this.threads = threads;
  }

  @Override
  public void register(SelectableChannel channel, int ops, Handler handler) {
    execute(() -> {
      try {
        channel.configureBlocking(false);
        channel.register(selector(), ops, handler);
      } catch (IOException | RuntimeException e) {
        closeQuietly(channel);
        handler.failed(e);
      }
    });
  }

  @Override
  public void execute(Runnable task) {
    if (closed) {
      throw new IllegalStateException("the probe engine is closed");
    }
    tasks.add(task);
    start();
    if (!inLoop() && wakeupPending.compareAndSet(false, true)) {
      selector().wakeup();
    }
  }

  @Override
  public boolean inLoop() {
    return Thread.currentThread() == thread;
  }

  private Selector selector() {
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
    try {
      selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a selector (out of file descriptors?)", e);
    }
    Thread t = threads.newThread(this::run);
    thread = t;
    t.start();
  }

  private void run() {
    Selector s = selector();
    try {
      while (!closed) {
        s.select(1000);
        wakeupPending.set(false);
        for (SelectionKey key : s.selectedKeys()) {
          dispatch(key);
        }
        s.selectedKeys().clear();
        Runnable task;
        while ((task = tasks.poll()) != null) {
          runQuietly(task);
        }
      }
    } catch (IOException | ClosedSelectorException e) {
      // the loop ends; close() releases the channels
    } finally {
      for (SelectionKey key : s.keys()) {
        closeQuietly(key.channel());
      }
      try {
        s.close();
      } catch (IOException ignored) {
        // nothing left to release
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
    }
  }

  private static void runQuietly(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      // a task's failure is its own; the loop serves the others
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
