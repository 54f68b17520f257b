package io.netprobe;

import io.netprobe.core.ProbeRunner;
import io.netprobe.core.ProbeSpec;
import io.netprobe.core.ProbeResult;
import io.netprobe.core.ProbeFailure;
import io.netprobe.core.FailureKind;
import io.netprobe.core.Deadline;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A runner with no client and no backend behind it: it records every spec and deadline it is given and answers
 * with {@link #answer}, by default the spec's own failure result for {@link #FAILURE}. Thread-safe.
 */
final class RecordingRunner implements ProbeRunner {
  static final ProbeFailure FAILURE = ProbeFailure.of(FailureKind.CANCELLED, "answered by the recording runner");

  final List<ProbeSpec<?>> specs = new CopyOnWriteArrayList<>();
  final List<Deadline> deadlines = new CopyOnWriteArrayList<>();
  final List<String> calls = new CopyOnWriteArrayList<>();
  private final Duration timeout;
  private final Function<ProbeSpec<?>, ProbeResult> answer;

  RecordingRunner(Duration timeout) {
    this(timeout, spec -> spec.failed(FAILURE, Instant.EPOCH, Duration.ZERO));
  }

  RecordingRunner(Duration timeout, Function<ProbeSpec<?>, ProbeResult> answer) {
    this.timeout = timeout;
    this.answer = answer;
  }

  @Override
  public Duration timeout() {
    return timeout;
  }

  @Override
  public java.util.concurrent.Executor executor() {
    return Runnable::run;
  }

  @Override
  public <R extends ProbeResult> R run(ProbeSpec<R> spec, Deadline deadline) {
    calls.add("run");
    return answer(spec, deadline);
  }

  @Override
  public <R extends ProbeResult> CompletableFuture<R> runAsync(ProbeSpec<R> spec, Deadline deadline) {
    calls.add("runAsync");
    return CompletableFuture.completedFuture(answer(spec, deadline));
  }

  @SuppressWarnings("unchecked")
  private <R extends ProbeResult> R answer(ProbeSpec<R> spec, Deadline deadline) {
    specs.add(spec);
    deadlines.add(deadline);
    return (R) answer.apply(spec);
  }

  /** The one spec given so far, of this type. */
  <S> S only(Class<S> type) {
    if (specs.size() != 1) {
      throw new AssertionError("expected one spec, got " + specs);
    }
    return type.cast(specs.get(0));
  }
}
