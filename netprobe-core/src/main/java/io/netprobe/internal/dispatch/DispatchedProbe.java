package io.netprobe.internal.dispatch;

import io.netprobe.core.Deadline;
import io.netprobe.core.ProbeFailure;
import io.netprobe.core.ProbeResult;
import io.netprobe.core.ProbeSpec;
import io.netprobe.internal.DefaultExecutor;
import io.netprobe.spi.ProbeEngine;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * A client's probe in flight: {@code spec} run by its backend through {@link BackendDispatch}. When it was started
 * is kept as two numbers, not an {@link Instant}, one object fewer per probe in flight. Thread-safe.
 */
public final class DispatchedProbe<R extends ProbeResult> extends InFlightProbe<R> {
  private final BackendDispatch dispatch;
  private final ProbeSpec<R> spec;
  private final long startedSecond;
  private final int startedNano;

  public DispatchedProbe(BackendDispatch dispatch, ProbeSpec<R> spec, Deadline deadline, ProbeEngine engine) {
    super(engine, deadline);
    this.dispatch = dispatch;
    this.spec = spec;
    Instant now = Instant.now();
    this.startedSecond = now.getEpochSecond();
    this.startedNano = now.getNano();
  }

  @Override
  protected CompletableFuture<R> start() {
    return dispatch.runAsync(spec, deadline(), engine(), DefaultExecutor.get());
  }

  @Override
  protected R failed(ProbeFailure failure) {
    return spec.failed(failure, Instant.ofEpochSecond(startedSecond, startedNano), deadline().elapsed());
  }
}
