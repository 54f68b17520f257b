package io.netprobe.testing;

import io.netprobe.core.Deadline;
import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeFailure;
import io.netprobe.spi.Backend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.concurrent.CompletableFuture;
import io.netprobe.spi.ProbeEngine;
import java.util.function.Predicate;
import javax.annotation.Nullable;

/**
 * The machinery every fake shares: rules matched in the order added (the last added wins), an optional delay per
 * rule that respects the probe's deadline, and a record of every query received. Each fake answers both the
 * blocking method and the engine's asynchronous one; on the latter a delay or silence is a timer task, not a
 * sleeping thread.
 *
 * <p>Thread-safe: rules and the call log may be changed and read while probes run.
 *
 * @param <Q> what the backend is asked
 * @param <R> what it answers
 */
public abstract class ScriptedBackend<Q, R> implements Backend {
  /** For subclasses. */
  protected ScriptedBackend() {}

  /** The id of every fake backend. */
  public static final String ID = "fake";

  private final List<Rule<Q, R>> rules = new CopyOnWriteArrayList<>();
  private final List<Delay<Q>> delays = new CopyOnWriteArrayList<>();
  private final List<Q> received = new CopyOnWriteArrayList<>();

  /** One scripted answer. */
  protected record Rule<Q, R>(Predicate<Q> matches, Function<Q, R> answer) {}

  /** One scripted delay. */
  protected record Delay<Q>(Predicate<Q> matches, Duration delay) {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public int priority() {
    return -100;
  }

  /**
   * Adds a rule: queries matching {@code matches} are answered by {@code answer}. Later rules take precedence over
   * earlier ones. The typed helpers of each fake are built on this; use it for anything they lack.
   */
  public void script(Predicate<Q> matches, Function<Q, R> answer) {
    rules.add(0, new Rule<>(matches, answer));
  }

  /**
   * Queries matching {@code matches} are answered {@code delay} late; when that passes the probe's deadline, the
   * probe waits until the deadline and times out. Later delays take precedence.
   */
  public void delayWhen(Predicate<Q> matches, Duration delay) {
    delays.add(0, new Delay<>(matches, delay));
  }

  /**
   * Queries matching {@code matches} are never answered: the probe waits until its deadline and times out, the way a
   * peer that drops packets behaves. The {@code silent(…)} helper of each fake is built on this.
   */
  public void silentWhen(Predicate<Q> matches) {
    delayWhen(matches, NEVER);
  }

  /** Longer than any deadline. */
  private static final Duration NEVER = Duration.ofDays(365);

  /** Every query received so far, in order. */
  public List<Q> received() {
    return new ArrayList<>(received);
  }

  /** Forgets every rule and every recorded query. */
  public void reset() {
    rules.clear();
    delays.clear();
    received.clear();
  }

  /**
   * Answers a query: the first matching rule's answer after its delay, or {@code otherwise} when none matches. When
   * the delay would pass the deadline, waits until the deadline and answers with a TIMEOUT failure instead — the
   * way a real backend facing a silent peer behaves.
   */
  protected R answer(Q query, Deadline deadline, Function<ProbeFailure, R> failure, Function<Q, R> otherwise) {
    received.add(query);
    Rule<Q, R> rule = find(query);
    Duration delay = delayOf(query);
    if (!delay.isZero()) {
      if (delay.toNanos() >= deadline.remainingNanos()) {
        if (!sleepNanos(deadline.remainingNanos())) {
          return failure.apply(ProbeFailure.of(FailureKind.CANCELLED, "interrupted"));
        }
        return failure.apply(ProbeFailure.of(FailureKind.TIMEOUT, "the fake answers after " + delay
            + ", later than the deadline"));
      }
      if (!sleepNanos(delay.toNanos())) {
        return failure.apply(ProbeFailure.of(FailureKind.CANCELLED, "interrupted"));
      }
    }
    return rule == null ? otherwise.apply(query) : rule.answer().apply(query);
  }

  /**
   * {@link #answer} without a thread waiting: a delay is a task on the engine's timer, not a sleep, so scripted
   * silence costs no thread however many probes wait on it. The future completes with the answer after the delay,
   * or with a TIMEOUT failure at the deadline when the delay would pass it; cancelling it withdraws the timer task.
   */
  protected CompletableFuture<R> answerAsync(Q query, Deadline deadline, ProbeEngine engine,
      Function<ProbeFailure, R> failure, Function<Q, R> otherwise) {
    received.add(query);
    Rule<Q, R> rule = find(query);
    Duration delay = delayOf(query);
    Supplier<R> reply = () -> rule == null ? otherwise.apply(query) : rule.answer().apply(query);
    if (delay.isZero()) {
      return supply(reply);
    }
    CompletableFuture<R> result = new CompletableFuture<>();
    ProbeEngine.Cancellable timer;
    if (delay.toNanos() >= deadline.remainingNanos()) {
      timer = engine.at(deadline, () -> complete(result, () -> failure.apply(ProbeFailure.of(FailureKind.TIMEOUT,
          "the fake answers after " + delay + ", later than the deadline"))));
    } else {
      timer = engine.after(delay, () -> complete(result, reply));
    }
    result.whenComplete((r, e) -> timer.cancel());
    return result;
  }

  /**
   * {@code source} mapped by {@code map}, passing a cancellation of the result back to {@code source} (a plain
   * {@code thenApply} stage does not).
   */
  protected static <A, B> CompletableFuture<B> then(CompletableFuture<A> source, Function<A, B> map) {
    CompletableFuture<B> mapped = source.thenApply(map);
    mapped.whenComplete((b, e) -> {
      if (mapped.isCancelled()) {
        source.cancel(true);
      }
    });
    return mapped;
  }

  /**
   * The results of {@code parts} in their order, once all are done; cancelling the returned future cancels every
   * part (so each scripted timer is withdrawn).
   */
  protected static <T> CompletableFuture<java.util.List<T>> inOrder(java.util.List<CompletableFuture<T>> parts) {
    CompletableFuture<java.util.List<T>> all = CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new))
        .thenApply(v -> parts.stream().map(CompletableFuture::join).toList());
    all.whenComplete((r, e) -> {
      if (all.isCancelled()) {
        parts.forEach(p -> p.cancel(true));
      }
    });
    return all;
  }

  private static <R> CompletableFuture<R> supply(Supplier<R> reply) {
    CompletableFuture<R> f = new CompletableFuture<>();
    complete(f, reply);
    return f;
  }

  private static <R> void complete(CompletableFuture<R> f, Supplier<R> reply) {
    try {
      f.complete(reply.get());
    } catch (RuntimeException e) {
      f.completeExceptionally(e);
    }
  }

  /** The scripted delay for {@code query} (the latest matching {@link #delayWhen}), zero when none matches. */
  protected Duration delayOf(Q query) {
    for (Delay<Q> d : delays) {
      if (d.matches().test(query)) {
        return d.delay();
      }
    }
    return Duration.ZERO;
  }

  private @Nullable Rule<Q, R> find(Q query) {
    for (Rule<Q, R> r : rules) {
      if (r.matches().test(query)) {
        return r;
      }
    }
    return null;
  }

  private static boolean sleepNanos(long nanos) {
    try {
      TimeUnit.NANOSECONDS.sleep(nanos);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
