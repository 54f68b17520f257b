package io.netprobe.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.netprobe.core.Deadline;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OneTimeLoadTest {
  @Test
  void waitsOnlyUntilTheDeadlineAndDoesTheWorkOnce() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger runs = new AtomicInteger();
    OneTimeLoad<String> load = new OneTimeLoad<>("test-loader", () -> {
      runs.incrementAndGet();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return "loaded";
    });
    long start = System.nanoTime();
    assertThat(load.await(Deadline.after(Duration.ofMillis(100)))).isEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(90), Duration.ofMillis(300));
    assertThat(load.await(Deadline.after(Duration.ZERO))).isEmpty();
    assertThat(Thread.getAllStackTraces().keySet()).anyMatch(t -> t.getName().equals("test-loader") && t.isDaemon());

    release.countDown();
    assertThat(load.join()).isEqualTo("loaded");
    assertThat(load.await(Deadline.after(Duration.ZERO))).contains("loaded");
    assertThat(runs).hasValue(1);
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    while (Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("test-loader"))
        && System.nanoTime() < until) {
      Thread.sleep(10);
    }
    assertThat(Thread.getAllStackTraces().keySet()).as("the loading thread ends with its work")
        .noneMatch(t -> t.getName().equals("test-loader"));
  }

  @Test
  void aFailedLoadIsDoneAndSaysSo() {
    OneTimeLoad<String> load = new OneTimeLoad<>("failing-loader", () -> {
      throw new IllegalArgumentException("no such library");
    });
    assertThat(load.awaitDone(Deadline.after(Duration.ofSeconds(5)))).isTrue();
    assertThatIllegalStateException().isThrownBy(() -> load.await(Deadline.after(Duration.ofSeconds(5))))
        .withMessageContaining("failing-loader failed").withRootCauseInstanceOf(IllegalArgumentException.class);
  }
}
