package io.netprobe.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.netprobe.spi.IoLoop;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DefaultProbeEngineTest {

  @Test
  void loopsAreUsedInTurnAndEachRunsItsTasksOnItsOwnThread() throws Exception {
    try (DefaultProbeEngine engine = new DefaultProbeEngine(3, 2, null, Duration.ofSeconds(5))) {
      Set<IoLoop> seen = new HashSet<>();
      Set<String> threads = new HashSet<>();
      for (int i = 0; i < 6; i++) {
        IoLoop loop = engine.loop();
        seen.add(loop);
        CompletableFuture<String> name = new CompletableFuture<>();
        loop.execute(() -> name.complete(Thread.currentThread().getName() + (loop.inLoop() ? "" : " not in loop")));
        threads.add(name.get(2, TimeUnit.SECONDS));
      }
      assertThat(seen).hasSize(3);
      assertThat(threads).hasSize(3).allSatisfy(n -> assertThat(n).startsWith("netprobe-io-").doesNotContain("not"));
    }
  }

  @Test
  void aRoleGetsALoopOfItsOwnThatStaysTheSame() throws Exception {
    try (DefaultProbeEngine engine = new DefaultProbeEngine(1, 2, null, Duration.ofSeconds(5))) {
      IoLoop tcp = engine.loop("tcp");
      IoLoop dns = engine.loop("dns");
      assertThat(engine.loop("tcp")).isSameAs(tcp);
      assertThat(tcp).isNotSameAs(dns).isNotSameAs(engine.loop());
      assertThat(threadOf(tcp)).startsWith("netprobe-io-tcp-");
      assertThat(threadOf(dns)).startsWith("netprobe-io-dns-");
      assertThat(threadOf(engine.loop())).startsWith("netprobe-io-").doesNotContain("tcp").doesNotContain("dns");
      for (int i = 0; i < DefaultProbeEngine.MAX_ROLE_LOOPS; i++) {
        engine.loop("role" + i);
      }
      IoLoop beyond = engine.loop("one-role-too-many");
      assertThat(beyond).as("roles beyond the bound share the general loops").isSameAs(engine.loops().get(0));
      assertThat(engine.liveThreads()).as("timer and loops that ran tasks").isLessThanOrEqualTo(4);
    }
  }

  @Test
  void completionsHandedOverOnALoopGoInOneTaskPerTurn() throws Exception {
    java.util.List<Runnable> handedOver = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    java.util.concurrent.Executor counting = recording(handedOver);
    try (DefaultProbeEngine engine = new DefaultProbeEngine(1, 2, counting, Duration.ofSeconds(5))) {
      java.util.concurrent.atomic.AtomicInteger ran = new java.util.concurrent.atomic.AtomicInteger();
      CompletableFuture<Void> turn = new CompletableFuture<>();
      engine.loop().execute(() -> {
        for (int i = 0; i < 100; i++) {
          engine.completions().execute(ran::incrementAndGet);
        }
        turn.complete(null);
      });
      turn.get(2, TimeUnit.SECONDS);
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
      while (ran.get() < 100 && System.nanoTime() < end) {
        Thread.sleep(5);
      }
      assertThat(ran).hasValue(100);
      assertThat(handedOver).as("100 completions in one turn: a full batch of 64, then the rest").hasSize(2);
      CompletableFuture<String> fromOutside = new CompletableFuture<>();
      engine.completions().execute(() -> fromOutside.complete(Thread.currentThread().getName()));
      assertThat(fromOutside.get(2, TimeUnit.SECONDS)).as("off the engine's threads: at once, on the caller")
          .isEqualTo(Thread.currentThread().getName());
    }
  }

  @Test
  void aBackendsOwnThreadBatchesItsCompletionsBetweenOpenAndClose() throws Exception {
    java.util.List<Runnable> handedOver = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    java.util.concurrent.Executor counting = recording(handedOver);
    try (DefaultProbeEngine engine = new DefaultProbeEngine(1, 2, counting, Duration.ofSeconds(5))) {
      java.util.concurrent.atomic.AtomicInteger ran = new java.util.concurrent.atomic.AtomicInteger();
      engine.openCompletionBatch();
      for (int i = 0; i < 10; i++) {
        engine.completions().execute(ran::incrementAndGet);
      }
      assertThat(ran).as("collected, not yet handed over").hasValue(0);
      engine.closeCompletionBatch();
      assertThat(ran).hasValue(10);
      assertThat(handedOver).as("ten completions of one turn: one task").hasSize(1);
      engine.completions().execute(ran::incrementAndGet);
      assertThat(handedOver).as("after close: each at once again").hasSize(2);
      assertThat(ran).hasValue(11);
    }
  }

  @Test
  void aBatchTheExecutorRefusesCompletesOnTheLoopRatherThanNever() throws Exception {
    java.util.concurrent.Executor refusing = task -> {
      throw new java.util.concurrent.RejectedExecutionException("shut down");
    };
    try (DefaultProbeEngine engine = new DefaultProbeEngine(1, 2, refusing, Duration.ofSeconds(5))) {
      CompletableFuture<String> done = new CompletableFuture<>();
      engine.loop().execute(() -> engine.completions().execute(() -> done.complete(Thread.currentThread().getName())));
      assertThat(done.get(2, TimeUnit.SECONDS)).startsWith("netprobe-io-");
    }
  }

  private static String threadOf(IoLoop loop) throws Exception {
    CompletableFuture<String> name = new CompletableFuture<>();
    loop.execute(() -> name.complete(Thread.currentThread().getName()));
    return name.get(2, TimeUnit.SECONDS);
  }

  @Test
  void threadsAreDaemonsThatEndWhenIdleAndComeBackOnDemand() throws Exception {
    try (DefaultProbeEngine engine = new DefaultProbeEngine(1, 2, null, Duration.ofMillis(150))) {
      assertThat(engine.liveThreads()).isZero();
      CompletableFuture<Boolean> daemon = new CompletableFuture<>();
      engine.loop().execute(() -> daemon.complete(Thread.currentThread().isDaemon()));
      CompletableFuture<Boolean> fired = new CompletableFuture<>();
      engine.after(Duration.ofMillis(5), () -> fired.complete(Thread.currentThread().isDaemon()));
      engine.blocking().execute(() -> { });
      assertThat(daemon.get(2, TimeUnit.SECONDS)).isTrue();
      assertThat(fired.get(2, TimeUnit.SECONDS)).isTrue();
      assertThat(engine.liveThreads()).isPositive();
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (engine.liveThreads() > 0 && System.nanoTime() < end) {
        Thread.sleep(20);
      }
      assertThat(engine.liveThreads()).as("threads left after idle").isZero();
      CompletableFuture<String> again = new CompletableFuture<>();
      engine.loop().execute(() -> again.complete("ran"));
      assertThat(again.get(2, TimeUnit.SECONDS)).isEqualTo("ran");
    }
  }

  @Test
  void aClosedEngineRefusesWorkAndLeavesNoThread() throws Exception {
    DefaultProbeEngine engine = new DefaultProbeEngine(2, 2, null, Duration.ofSeconds(30));
    CompletableFuture<String> ran = new CompletableFuture<>();
    engine.loop().execute(() -> ran.complete("ok"));
    engine.after(Duration.ofSeconds(10), () -> { });
    assertThat(ran.get(2, TimeUnit.SECONDS)).isEqualTo("ok");
    engine.close();
    assertThat(engine.isClosed()).isTrue();
    assertThatIllegalStateException().isThrownBy(engine::loop);
    assertThatIllegalStateException().isThrownBy(() -> engine.after(Duration.ofMillis(1), () -> { }));
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
    while (engine.liveThreads() > 0 && System.nanoTime() < end) {
      Thread.sleep(20);
    }
    assertThat(engine.liveThreads()).isZero();
  }

  /**
   * A listener closed while registered keeps its port (its fd) until the selector's next select; closeThen's
   * continuation runs only after that, so it can bind the same port again. Run at once, it could not.
   */
  @Test
  void closeThenRunsOnlyOnceTheRegisteredChannelsFdIsReallyClosed() throws Exception {
    try (DefaultProbeEngine engine = new DefaultProbeEngine(1, 2, null, Duration.ofSeconds(5))) {
      IoLoop loop = engine.loop();
      ServerSocketChannel listener = ServerSocketChannel.open();
      listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      InetSocketAddress address = (InetSocketAddress) listener.getLocalAddress();
      CompletableFuture<Void> registered = new CompletableFuture<>();
      loop.register(listener, SelectionKey.OP_ACCEPT, key -> { });
      loop.execute(() -> registered.complete(null));
      registered.get(2, TimeUnit.SECONDS);
      CompletableFuture<String> rebound = new CompletableFuture<>();
      loop.execute(() -> loop.closeThen(listener, () -> rebound.complete(bindAgain(address))));
      assertThat(rebound.get(2, TimeUnit.SECONDS)).isEqualTo("bound");
      CompletableFuture<String> unregistered = new CompletableFuture<>();
      ServerSocketChannel plain = ServerSocketChannel.open();
      plain.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      InetSocketAddress plainAddress = (InetSocketAddress) plain.getLocalAddress();
      loop.closeThen(plain, () -> unregistered.complete(bindAgain(plainAddress) + " on loop " + loop.inLoop()));
      assertThat(unregistered.get(2, TimeUnit.SECONDS)).isEqualTo("bound on loop true");
    }
  }

  /**
   * Thousands of deadlines at once each close a registered channel; only a select frees their fds and releases their
   * completions. A turn runs at most {@link SelectorLoop#MAX_TASKS_PER_TURN} tasks, so the first completions come
   * after that many closes, not after all of them (the whole burst, 50–100 ms of kernel work, before any).
   */
  @Test
  void aBurstOfClosesReleasesItsFirstCompletionsBeforeTheLastTaskRuns() throws Exception {
    int n = 1000;
    try (DefaultProbeEngine engine = new DefaultProbeEngine(1, 2, null, Duration.ofSeconds(5))) {
      IoLoop loop = engine.loop();
      java.util.List<ServerSocketChannel> channels = new java.util.ArrayList<>();
      for (int i = 0; i < n; i++) {
        ServerSocketChannel c = ServerSocketChannel.open();
        c.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        loop.register(c, SelectionKey.OP_ACCEPT, key -> { });
        channels.add(c);
      }
      java.util.List<String> events = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
      CompletableFuture<Void> done = new CompletableFuture<>();
      java.util.concurrent.atomic.AtomicInteger released = new java.util.concurrent.atomic.AtomicInteger();
      // queued from the loop itself, so that every one of them is waiting before the turn that runs them starts
      loop.execute(() -> {
        for (int i = 0; i < n; i++) {
          int j = i;
          loop.execute(() -> {
            events.add("task " + j);
            loop.closeThen(channels.get(j), () -> {
              events.add("released " + j);
              if (released.incrementAndGet() == n) {
                done.complete(null);
              }
            });
          });
        }
      });
      done.get(10, TimeUnit.SECONDS);
      int firstRelease = events.indexOf("released 0");
      int lastTask = events.indexOf("task " + (n - 1));
      assertThat(firstRelease).as("the first completion comes before the last task").isLessThan(lastTask);
      assertThat(events.subList(0, firstRelease)).hasSizeLessThanOrEqualTo(SelectorLoop.MAX_TASKS_PER_TURN);
      assertThat(channels).noneMatch(ServerSocketChannel::isOpen);
    }
  }

  /** An executor that runs each task at once and records it. */
  private static java.util.concurrent.Executor recording(java.util.List<Runnable> handedOver) {
    return task -> {
      handedOver.add(task);
      task.run();
    };
  }

  private static String bindAgain(InetSocketAddress address) {
    try (ServerSocketChannel again = ServerSocketChannel.open()) {
      again.bind(address);
      return "bound";
    } catch (IOException e) {
      return "not bound: " + e.getMessage();
    }
  }
}
