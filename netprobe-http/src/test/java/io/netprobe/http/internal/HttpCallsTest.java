package io.netprobe.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The order in which waiting HTTP calls get a thread. */
class HttpCallsTest {
  /**
   * With every call thread busy, the newest waiting call starts first: the oldest has the least time left before its
   * deadline, and the engine's timer ends it there without a thread if none frees up in time.
   */
  @Test
  void whenEveryCallThreadIsBusyTheNewestWaitingCallStartsFirst() throws Exception {
    ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS, new HttpCalls.NewestFirst());
    try {
      CountDownLatch busy = new CountDownLatch(1);
      CountDownLatch running = new CountDownLatch(1);
      pool.execute(() -> {
        running.countDown();
        try {
          busy.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      running.await();
      List<String> order = new CopyOnWriteArrayList<>();
      CountDownLatch done = new CountDownLatch(3);
      for (String call : List.of("oldest", "middle", "newest")) {
        pool.execute(() -> {
          order.add(call);
          done.countDown();
        });
      }
      busy.countDown();
      assertThat(done.await(2, TimeUnit.SECONDS)).isTrue();
      assertThat(order).containsExactly("newest", "middle", "oldest");
    } finally {
      pool.shutdownNow();
    }
  }
}
