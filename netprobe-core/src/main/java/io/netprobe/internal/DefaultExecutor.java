package io.netprobe.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executor for {@code runAsync()} when the caller gives none: daemon threads named {@code netprobe-N}, created on
 * demand and ended after 10 s idle, so an idle application keeps no netprobe threads. Thread-safe.
 */
public final class DefaultExecutor {
  private static final ExecutorService INSTANCE = create();

  private DefaultExecutor() {}

  public static ExecutorService get() {
    return INSTANCE;
  }

  private static ExecutorService create() {
    AtomicInteger n = new AtomicInteger();
    ThreadFactory factory = r -> {
      Thread t = new Thread(r, "netprobe-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(0, Integer.MAX_VALUE, 10, TimeUnit.SECONDS, new SynchronousQueue<>(), factory);
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }
}
