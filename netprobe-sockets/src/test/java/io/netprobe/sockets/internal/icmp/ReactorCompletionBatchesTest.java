package io.netprobe.sockets.internal.icmp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.core.Deadline;
import io.netprobe.icmp.PingResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The ICMP reactor hands the completions of each turn to the client's engine in one batch, on its own thread. */
class ReactorCompletionBatchesTest {

  @Test
  void theReactorOpensAndClosesACompletionBatchPerTurnOnItsThread() throws Exception {
    RecordingEngine engine = new RecordingEngine();
    List<CompletableFuture<PingResult>> pings = new ArrayList<>();
    try (LinuxPingBackend backend = new LinuxPingBackend()) {
      for (int i = 0; i < 50; i++) {
        pings.add(backend.pingAsync(SharedEchoSocketsTest.spec("127.0.0.1", 1, Duration.ofMillis(10)),
            Deadline.after(Duration.ofSeconds(3)), engine));
      }
      for (CompletableFuture<PingResult> p : pings) {
        assertThat(p.get(5, TimeUnit.SECONDS).received()).isEqualTo(1);
      }
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
      while (!engine.balanced() && System.nanoTime() < end) {
        Thread.sleep(5); // the turn that completed the last ping closes its batch after the completion
      }
    }
    List<String> events = engine.events();
    assertThat(events).as("the completions went through batches").isNotEmpty();
    assertThat(events).allMatch(e -> e.endsWith("netprobe-icmp4"), "on the reactor thread");
    for (int i = 0; i < events.size(); i++) {
      assertThat(events.get(i)).as("event %d: open and close alternate", i).startsWith(i % 2 == 0 ? "open" : "close");
    }
    assertThat(events).as("every batch handed over").hasSize(events.size() / 2 * 2);
  }

  /** Records the batch calls; runs everything else at once on the caller. */
  private static final class RecordingEngine extends InlineEngine {
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());

    List<String> events() {
      synchronized (events) {
        return new ArrayList<>(events);
      }
    }

    boolean balanced() {
      List<String> e = events();
      return !e.isEmpty() && e.size() % 2 == 0;
    }

    @Override
    public void openCompletionBatch() {
      events.add("open " + Thread.currentThread().getName());
    }

    @Override
    public void closeCompletionBatch() {
      events.add("close " + Thread.currentThread().getName());
    }
  }
}
