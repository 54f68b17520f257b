package io.netprobe.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Blocking lookups shared per name, on threads that grow while all are busy: a scripted resolver, no network. */
class SharedLookupsTest {
  private static final InetAddress[] FOUND = {InetAddress.getLoopbackAddress()};

  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicInteger calls = new AtomicInteger();
  private GrowingThreadPool pool;

  /** Names starting with "slow" wait for {@link #release}, as names whose servers hang; "missing" is not found. */
  private SharedLookups<String, InetAddress[]> lookups(int maxThreads) {
    pool = new GrowingThreadPool(2, maxThreads, 5, GrowingThreadPool.daemons("test-lookup-"));
    return new SharedLookups<>(name -> {
      calls.incrementAndGet();
      if (name.startsWith("slow")) {
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (name.equals("missing")) {
        throw new UnknownHostException(name);
      }
      return FOUND;
    }, pool);
  }

  @AfterEach
  void stop() {
    release.countDown();
    pool.shutdownNow();
  }

  @Test
  void callersOfOneNameShareOneCallAndOneCallerCancellingLeavesTheOthersTheirAnswer() throws Exception {
    SharedLookups<String, InetAddress[]> lookups = lookups(8);
    List<CompletableFuture<InetAddress[]>> callers = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      callers.add(lookups.lookup("slow.example"));
    }
    callers.get(0).cancel(true);
    callers.get(1).completeExceptionally(new TimeoutException("this caller's own deadline"));
    release.countDown();
    for (CompletableFuture<InetAddress[]> f : callers.subList(2, 10)) {
      assertThat(f.get(5, TimeUnit.SECONDS)).containsExactly(FOUND);
    }
    assertThat(calls.get()).isEqualTo(1);
    assertThatThrownBy(() -> callers.get(0).join()).isInstanceOf(CancellationException.class);
    // the call is over: the next caller of the name asks again
    assertThat(lookups.lookup("slow.example").get(5, TimeUnit.SECONDS)).containsExactly(FOUND);
    assertThat(calls.get()).isEqualTo(2);
  }

  @Test
  void fortyNamesWhoseServersHangDoNotHoldUpANameThatAnswers() throws Exception {
    SharedLookups<String, InetAddress[]> lookups = lookups(64);
    List<CompletableFuture<InetAddress[]>> hung = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      hung.add(lookups.lookup("slow" + i + ".example"));
    }
    // a pool of 16 fixed threads (the earlier design) would queue this behind the hung ones until they return
    assertThat(lookups.lookup("fast.example").get(2, TimeUnit.SECONDS)).containsExactly(FOUND);
    assertThat(hung).noneMatch(CompletableFuture::isDone);
    assertThat(pool.getPoolSize()).isEqualTo(41);
  }

  @Test
  void beyondItsMaximumALookupWaitsForAThreadAndThenRuns() throws Exception {
    SharedLookups<String, InetAddress[]> lookups = lookups(4);
    for (int i = 0; i < 4; i++) {
      lookups.lookup("slow" + i + ".example");
    }
    CompletableFuture<InetAddress[]> waiting = lookups.lookup("fast.example");
    assertThatThrownBy(() -> waiting.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
    assertThat(pool.getPoolSize()).isEqualTo(4);
    release.countDown();
    assertThat(waiting.get(5, TimeUnit.SECONDS)).containsExactly(FOUND);
  }

  @Test
  void anUnknownNameFailsEachCallerWithTheResolversException() {
    SharedLookups<String, InetAddress[]> lookups = lookups(4);
    assertThatThrownBy(() -> lookups.lookup("missing").join()).hasCauseInstanceOf(UnknownHostException.class);
  }
}
