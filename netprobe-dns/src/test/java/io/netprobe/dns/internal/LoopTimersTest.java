package io.netprobe.dns.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.internal.engine.DefaultProbeEngine;
import io.netprobe.spi.ProbeEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The loop's timers with tasks as their own entries: they fire in time order whether scheduled in order or not, a
 * cancelled task leaves at once (it is not kept until its time), and a task may schedule itself again when it fires.
 */
class LoopTimersTest {
  private static final long MS = 1_000_000L;

  private static final class Task extends LoopTimers.Timed {
    final String name;
    final List<String> fired;
    int again;
    LoopTimers timers;

    Task(String name, List<String> fired) {
      this.name = name;
      this.fired = fired;
    }

    @Override
    void fire() {
      fired.add(name);
      if (again-- > 0) {
        timers.at(System.nanoTime() + MS, this);
      }
    }
  }

  private static <T> T onLoop(ProbeEngine engine, Supplier<T> s) throws Exception {
    CompletableFuture<T> f = new CompletableFuture<>();
    engine.loop().execute(() -> f.complete(s.get()));
    return f.get(5, TimeUnit.SECONDS);
  }

  @Test
  void tasksFireInTimeOrderAndCancelledOnesLeaveAtOnce() throws Exception {
    try (DefaultProbeEngine engine = new DefaultProbeEngine(1, null)) {
      LoopTimers timers = new LoopTimers(engine, engine.loop());
      List<String> fired = new CopyOnWriteArrayList<>();
      // in order (the FIFO), then earlier ones (the heap), with cancellations from both and from the middle
      int[] offsets = {40, 60, 80, 100, 10, 30, 20, 50, 5};
      List<Task> tasks = new ArrayList<>();
      int pending = onLoop(engine, () -> {
        long now = System.nanoTime();
        for (int offset : offsets) {
          Task t = new Task("t" + offset, fired);
          tasks.add(t);
          timers.at(now + offset * MS, t);
        }
        timers.cancel(tasks.get(1)); // t60, FIFO middle
        timers.cancel(tasks.get(3)); // t100, FIFO last
        timers.cancel(tasks.get(6)); // t20, heap
        timers.cancel(tasks.get(6)); // twice: no harm
        timers.at(now + 70 * MS, tasks.get(8)); // t5 moved to 70
        return timers.pending();
      });
      assertThat(pending).isEqualTo(6);
      long until = System.nanoTime() + 5_000 * MS;
      while (fired.size() < 6 && System.nanoTime() < until) {
        Thread.sleep(10);
      }
      Thread.sleep(150);
      assertThat(fired).containsExactly("t10", "t30", "t40", "t50", "t5", "t80");
      assertThat(onLoop(engine, timers::pending)).isZero();
      assertThat(tasks).noneMatch(LoopTimers.Timed::scheduled);
    }
  }

  @Test
  void aTaskMayScheduleItselfAgainWhenItFires() throws Exception {
    try (DefaultProbeEngine engine = new DefaultProbeEngine(1, null)) {
      LoopTimers timers = new LoopTimers(engine, engine.loop());
      List<String> fired = new CopyOnWriteArrayList<>();
      Task t = new Task("again", fired);
      t.timers = timers;
      t.again = 2;
      onLoop(engine, () -> {
        timers.at(System.nanoTime() + MS, t);
        return null;
      });
      long until = System.nanoTime() + 5_000 * MS;
      while (fired.size() < 3 && System.nanoTime() < until) {
        Thread.sleep(5);
      }
      Thread.sleep(50);
      assertThat(fired).containsExactly("again", "again", "again");
      assertThat(onLoop(engine, timers::pending)).isZero();
    }
  }
}
