package io.netprobe.spi;

import io.netprobe.core.Deadline;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * The shared machinery a {@link io.netprobe.ProbeClient} lends its backends so that no thread waits for one probe:
 * one timer for every deadline, selector loops for NIO channels, an executor for the few library calls that can only
 * block, and an executor on which results are handed to callers. The client owns it, starts its threads lazily as
 * daemons and closes it with itself; backends never close it.
 *
 * <p>Rules for backends: never block on a timer or loop thread (no {@code join}, no blocking socket call); complete
 * a probe's future exactly once (from the timer at its deadline, or from the loop when the reply comes); on
 * completion or cancellation close the probe's channel and cancel its timer. Thread-safe.
 */
public interface ProbeEngine {

  /**
   * Runs {@code task} once when {@code deadline} expires, on the timer thread. The task must be short and must not
   * block. After {@link #close()} the task is never run.
   */
  Cancellable at(Deadline deadline, Runnable task);

  /** Runs {@code task} once after {@code delay}; see {@link #at(Deadline, Runnable)}. */
  Cancellable after(Duration delay, Runnable task);

  /** A selector loop for non-blocking channels. Successive calls may spread work over several loops. */
  IoLoop loop();

  /**
   * A selector loop for one kind of work ({@code "tcp"}, {@code "dns"}): every call with the same role gets the same
   * loop, and an engine with threads to spare gives each role a loop of its own, so that a burst of one kind (DNS
   * sends, TCP connects) does not delay the other's deadlines. The default is {@link #loop()}.
   */
  default IoLoop loop(String role) {
    return loop();
  }

  /**
   * Where library calls that can only block run (a resolver without an async API, a socket-table read). Bounded: the
   * number of its threads does not grow with probes in flight; work beyond the bound queues.
   */
  Executor blocking();

  /**
   * Where probes' futures are completed, so callers' continuations never run on a loop or timer thread. Backends
   * normally need not use it: the client moves completions there itself.
   */
  Executor completions();

  /**
   * For a backend's own I/O thread (one the engine does not run, such as an ICMP poll loop): what the calling thread
   * hands to {@link #completions()} from now until {@link #closeCompletionBatch()} goes over in batches, as the
   * engine's own loops do (one task and one wake-up of a completion thread per batch instead of per probe). Call it
   * before a turn of the loop completes probes and {@link #closeCompletionBatch()} at the end of that turn, on the
   * same thread. The default collects nothing (each completion goes over at once).
   */
  default void openCompletionBatch() {}

  /** Hands over what the calling thread collected since {@link #openCompletionBatch()} and stops collecting. */
  default void closeCompletionBatch() {}

  /** Whether {@link #close()} has begun; a closed engine refuses new work with an {@link IllegalStateException}. */
  boolean isClosed();

  /** A scheduled task that can still be withdrawn. Thread-safe. */
  @FunctionalInterface
  interface Cancellable {
    /** Withdraws the task if it has not run; returns whether it was withdrawn. Harmless to call twice. */
    boolean cancel();
  }
}
