package io.netprobe.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

class NotifyingFutureTest {
  /** Records every call it gets. */
  static final class Recorder implements BiFunction<String, Throwable, Void> {
    final List<Object> calls = new ArrayList<>();

    @Override
    public synchronized Void apply(String value, Throwable error) {
      calls.add(error != null ? error : value);
      return null;
    }
  }

  @Test
  void aListenerGetsTheValueOnceWhenTheFutureCompletesAfterItListened() {
    NotifyingFuture<String> f = new NotifyingFuture<>();
    Recorder r = new Recorder();
    f.listen(r);
    assertThat(r.calls).isEmpty();
    f.complete("answer");
    f.complete("again");
    f.completeExceptionally(new IOException("late"));
    f.cancel(true);
    assertThat(r.calls).containsExactly("answer");
  }

  @Test
  void aListenerOfAFutureAlreadyDoneGetsItsOutcomeAtOnce() {
    NotifyingFuture<String> done = new NotifyingFuture<>();
    done.complete("answer");
    Recorder r = new Recorder();
    done.listen(r);
    assertThat(r.calls).containsExactly("answer");

    IOException broken = new IOException("broken");
    NotifyingFuture<String> failed = new NotifyingFuture<>();
    failed.completeExceptionally(broken);
    Recorder r2 = new Recorder();
    failed.listen(r2);
    assertThat(r2.calls).containsExactly(broken);
  }

  @Test
  void failuresAndCancellationReachTheListenerAsTheyAre() {
    IOException broken = new IOException("broken");
    NotifyingFuture<String> failed = new NotifyingFuture<>();
    Recorder r = new Recorder();
    failed.listen(r);
    failed.completeExceptionally(broken);
    assertThat(r.calls).containsExactly(broken);

    NotifyingFuture<String> cancelled = new NotifyingFuture<>();
    Recorder r2 = new Recorder();
    cancelled.listen(r2);
    assertThat(cancelled.cancel(true)).isTrue();
    assertThat(r2.calls).singleElement().isInstanceOf(CancellationException.class);
    Recorder r3 = new Recorder();
    cancelled.listen(r3);
    assertThat(r3.calls).singleElement().isSameAs(r2.calls.get(0));
  }

  @Test
  void aListenerRacingTheCompletionIsToldExactlyOnce() throws Exception {
    for (int round = 0; round < 2_000; round++) {
      NotifyingFuture<String> f = new NotifyingFuture<>();
      AtomicInteger calls = new AtomicInteger();
      CountDownLatch go = new CountDownLatch(1);
      Thread completer = new Thread(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          return;
        }
        f.complete("x");
      });
      completer.start();
      go.countDown();
      f.listen((v, e) -> calls.incrementAndGet());
      completer.join(TimeUnit.SECONDS.toMillis(5));
      assertThat(calls).as("round %d", round).hasValue(1);
    }
  }
}
