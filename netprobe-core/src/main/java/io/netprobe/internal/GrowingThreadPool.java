package io.netprobe.internal;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pool that starts a thread for a task only when every thread it has is busy, up to {@code maxThreads}, and queues
 * tasks beyond that. {@link ThreadPoolExecutor} alone does one or the other: with an unbounded queue it never grows
 * past its core size; with a core size as large as the maximum it starts a thread per task until it has them all,
 * idle ones notwithstanding. Threads idle for the keep-alive end, so a burst's threads go once it has passed.
 * Used where a thread must block (the JDK's name lookups, OkHttp's calls before JDK 21): an outage whose hung
 * peers hold every thread would otherwise make the healthy peers' work wait, and fail, behind them. Thread-safe.
 */
public final class GrowingThreadPool extends ThreadPoolExecutor {
  private final AtomicInteger unfinished = new AtomicInteger();

  /**
   * @param coreThreads threads kept while there is work (they too end after {@code keepAliveSeconds} idle)
   * @param maxThreads the most threads at once; tasks beyond them queue
   * @param keepAliveSeconds how long an idle thread stays
   * @param threads makes the threads
   */
  public GrowingThreadPool(int coreThreads, int maxThreads, long keepAliveSeconds, ThreadFactory threads) {
    super(coreThreads, Math.max(coreThreads, maxThreads), keepAliveSeconds, TimeUnit.SECONDS, new TaskQueue(), threads,
        (task, pool) -> ((GrowingThreadPool) pool).queueAnyway(task));
    ((TaskQueue) getQueue()).pool = this;
    allowCoreThreadTimeOut(true);
  }

  @Override
  public void execute(Runnable task) {
    unfinished.incrementAndGet();
    try {
      super.execute(task);
    } catch (RuntimeException | Error e) {
      unfinished.decrementAndGet();
      throw e;
    }
  }

  @Override
  protected void afterExecute(Runnable task, Throwable thrown) {
    unfinished.decrementAndGet();
  }

  /** Daemon threads named {@code prefix} and a number: {@code netprobe-lookup-0}, … */
  public static ThreadFactory daemons(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.getAndIncrement());
      t.setDaemon(true);
      return t;
    };
  }

  /** Every thread is busy and the pool has its maximum: the task waits for one (memory, not a thread). */
  private void queueAnyway(Runnable task) {
    if (isShutdown() || !((TaskQueue) getQueue()).add(task)) {
      throw new RejectedExecutionException("the pool is shut down");
    }
  }

  /** Tells the pool "full" while it may still start a thread and none of its threads is idle. */
  private static final class TaskQueue extends LinkedBlockingQueue<Runnable> {
    private static final long serialVersionUID = 1L;
    private transient GrowingThreadPool pool;

    @Override
    public boolean offer(Runnable task) {
      GrowingThreadPool p = pool;
      int threads = p.getPoolSize();
      // unfinished counts this task too: more unfinished tasks than threads means none of them is idle
      if (threads < p.getMaximumPoolSize() && p.unfinished.get() > threads) {
        return false; // the pool starts a thread for it
      }
      return super.offer(task);
    }

    @Override
    public boolean add(Runnable task) {
      return super.offer(task);
    }
  }
}
