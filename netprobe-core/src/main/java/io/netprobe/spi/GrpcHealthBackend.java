package io.netprobe.spi;

import io.netprobe.core.Deadline;
import io.netprobe.grpc.GrpcHealthResult;
import io.netprobe.grpc.GrpcHealthSpec;
import java.util.concurrent.CompletableFuture;

/**
 * Calls {@code grpc.health.v1.Health/Check}. Implementations return by the deadline (it is the RPC's deadline too),
 * report every outcome inside the result, using {@link GrpcHealthResult#answered} and
 * {@link GrpcHealthResult#rpcFailed} so that a status means the same for every backend, and release every channel
 * before returning. Thread-safe.
 */
public interface GrpcHealthBackend extends Backend {
  GrpcHealthResult check(GrpcHealthSpec spec, Deadline deadline);

  /**
   * {@link #check} without a thread waiting for the answer: the future completes by the deadline. This default runs
   * {@link #check} on the engine's bounded blocking executor.
   */
  default CompletableFuture<GrpcHealthResult> checkAsync(GrpcHealthSpec spec, Deadline deadline,
      ProbeEngine engine) {
    return CompletableFuture.supplyAsync(() -> check(spec, deadline), engine.blocking());
  }
}
