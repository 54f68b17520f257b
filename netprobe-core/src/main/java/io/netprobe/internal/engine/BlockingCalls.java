package io.netprobe.internal.engine;

import io.netprobe.internal.GrowingThreadPool;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.annotation.Nullable;

/**
 * Where calls of a library that can only block run (OkHttp's, a TCP conversation's sockets): on JDK 21 and later a
 * virtual thread each, at most a given number at once (socket reads free the carrier; never for JNA calls, which
 * pin it); on JDK 17–20 a pool of daemon platform threads that grows while all are busy up to a maximum and ends after
 * a few seconds idle. Calls beyond the bound wait in a queue (memory, no thread). A server that answers many probes
 * at once (the exporter) raises the maximum, so that calls to hung targets do not hold up the others. Thread-safe.
 */
public class BlockingCalls implements Executor {
  private final ExecutorService executor;
  private final int limit;
  private final boolean virtual;
  private final String closedMessage;
  private final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();
  private final AtomicInteger running = new AtomicInteger();

  /**
   * @param threadPrefix the platform threads' names
   * @param platformThreads platform threads kept while busy (JDK 17–20, or virtual threads not allowed)
   * @param maxThreads how far they grow while every one of them is busy
   * @param keepAliveSeconds how long an idle platform thread waits for work before it ends
   * @param virtualLimit calls at once on virtual threads
   * @param virtualAllowed whether virtual threads may be used where the JDK has them
   * @param closedMessage what a refused call is told once the executor is shut down
   */
  public BlockingCalls(String threadPrefix, int platformThreads, int maxThreads, int keepAliveSeconds,
      int virtualLimit, boolean virtualAllowed, String closedMessage) {
    ExecutorService v = virtualAllowed ? virtualThreadPerTask() : null;
    this.closedMessage = closedMessage;
    if (v != null) {
      executor = v;
      limit = Math.max(1, virtualLimit);
      virtual = true;
    } else {
      executor = new GrowingThreadPool(Math.max(1, platformThreads), Math.max(platformThreads, maxThreads),
          keepAliveSeconds, GrowingThreadPool.daemons(threadPrefix));
      limit = Integer.MAX_VALUE; // the pool's own queue holds what its threads cannot take yet
      virtual = false;
    }
  }

  /** {@code Executors.newVirtualThreadPerTaskExecutor()} on JDK 21+, else null (netprobe compiles for 17). */
  private static @Nullable ExecutorService virtualThreadPerTask() {
    try {
      return (ExecutorService) MethodHandles.publicLookup().findStatic(java.util.concurrent.Executors.class,
          "newVirtualThreadPerTaskExecutor", MethodType.methodType(ExecutorService.class)).invoke();
    } catch (Throwable before21) {
      return null;
    }
  }

  /** Whether calls run on virtual threads. */
  public boolean virtual() {
    return virtual;
  }

  /**
   * Runs {@code call} now or once a running one ends.
   *
   * @throws RejectedExecutionException when the executor refuses work (the JVM is shutting down)
   */
  @Override
  public void execute(Runnable call) {
    if (!virtual) {
      executor.execute(call);
      return;
    }
    if (executor.isShutdown()) {
      throw new RejectedExecutionException(closedMessage);
    }
    waiting.add(call);
    drain();
  }

  private void drain() {
    while (!waiting.isEmpty()) {
      if (running.incrementAndGet() > limit) {
        running.decrementAndGet();
        return;
      }
      Runnable next = waiting.poll();
      if (next == null) {
        running.decrementAndGet();
        continue;
      }
      try {
        executor.execute(() -> {
          try {
            next.run();
          } finally {
            running.decrementAndGet();
            drain();
          }
        });
      } catch (RejectedExecutionException closed) {
        running.decrementAndGet();
        waiting.clear();
        return;
      }
    }
  }
}
