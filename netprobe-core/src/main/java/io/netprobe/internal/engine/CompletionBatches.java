package io.netprobe.internal.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import javax.annotation.Nullable;

/**
 * The engine's completion executor. A loop or timer thread that completes many probes in one turn (a select that
 * found hundreds of ready channels, a tick at which thousands of deadlines pass) hands their completions over in
 * batches of up to {@link #MAX_BATCH}, one executor task and at most one wake-up of a completion thread each,
 * instead of one per probe; every other thread hands each task over at once. The engine's threads open a batch when
 * they start and flush it at the end of every turn, so a completion waits at most for the rest of its turn.
 * Thread-safe.
 */
final class CompletionBatches implements Executor {
  static final int MAX_BATCH = 64;

  private final Executor target;
  private final ThreadLocal<Batch> current = new ThreadLocal<>();

  CompletionBatches(Executor target) {
    this.target = target;
  }

  /** The executor batches are handed to. */
  Executor target() {
    return target;
  }

  @Override
  public void execute(Runnable task) {
    Batch b = current.get();
    if (b == null) {
      target.execute(task);
      return;
    }
    b.tasks.add(task);
    if (b.tasks.size() >= MAX_BATCH) {
      flush(b);
    }
  }

  /** Makes the calling (engine) thread collect what it hands over until {@link #flush()}. */
  void open() {
    if (current.get() == null) {
      current.set(new Batch());
    }
  }

  /** Hands over what the calling thread collected. Cheap when it collected nothing. */
  void flush() {
    Batch b = current.get();
    if (b != null && !b.tasks.isEmpty()) {
      flush(b);
    }
  }

  /** Flushes and stops collecting on the calling thread (it ends). */
  void close() {
    flush();
    current.remove();
  }

  private void flush(Batch b) {
    List<Runnable> tasks = b.tasks;
    b.tasks = new ArrayList<>(Math.min(MAX_BATCH, tasks.size() * 2));
    Runnable all = tasks.size() == 1 ? tasks.get(0) : () -> tasks.forEach(CompletionBatches::runQuietly);
    try {
      target.execute(all);
    } catch (RuntimeException rejected) {
      // the executor is shut down (the client is closing): complete here rather than never
      tasks.forEach(CompletionBatches::runQuietly);
    }
  }

  private static void runQuietly(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException | LinkageError e) {
      // one completion's failure is its own; the batch goes on
    }
  }

  /** The calling thread's batch, if it collects one (for tests). */
  @Nullable List<Runnable> pending() {
    Batch b = current.get();
    return b == null ? null : b.tasks;
  }

  private static final class Batch {
    List<Runnable> tasks = new ArrayList<>();
  }
}
