package io.netprobe.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GrowingThreadPoolTest {
  private final AtomicInteger made = new AtomicInteger();

  private GrowingThreadPool pool(int core, int max) {
    return new GrowingThreadPool(core, max, 5, r -> {
      made.incrementAndGet();
      Thread t = new Thread(r, "test-growing-" + made.get());
      t.setDaemon(true);
      return t;
    });
  }

  @Test
  void startsAThreadWhenEveryThreadIsBusyUpToItsMaximumThenQueues() throws Exception {
    GrowingThreadPool pool = pool(2, 6);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch running = new CountDownLatch(6);
    AtomicInteger ran = new AtomicInteger();
    try {
      for (int i = 0; i < 9; i++) {
        pool.execute(() -> {
          running.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          ran.incrementAndGet();
        });
      }
      // six blocked at once: the pool grew past its two core threads instead of queueing behind them
      assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(pool.getPoolSize()).isEqualTo(6);
      assertThat(pool.getQueue()).hasSize(3);
      release.countDown();
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (ran.get() < 9 && System.nanoTime() < end) {
        Thread.sleep(5);
      }
      assertThat(ran.get()).isEqualTo(9);
      assertThat(made.get()).isEqualTo(6);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void tasksOneAtATimeReuseAnIdleThreadBeyondTheCore() throws Exception {
    GrowingThreadPool pool = pool(1, 8);
    Set<String> threads = ConcurrentHashMap.newKeySet();
    try {
      for (int i = 0; i < 50; i++) {
        CountDownLatch done = new CountDownLatch(1);
        pool.execute(() -> {
          threads.add(Thread.currentThread().getName());
          done.countDown();
        });
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        while (pool.getActiveCount() > 0) { // the task has returned and its thread is idle again
          Thread.onSpinWait();
        }
      }
      assertThat(threads).hasSize(1);
      assertThat(made.get()).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }
}
