package io.netprobe.internal.engine;

import io.netprobe.core.Deadline;
import io.netprobe.core.FailureKind;
import io.netprobe.core.Host;
import io.netprobe.core.ProbeFailure;
import io.netprobe.internal.SystemResolver;
import io.netprobe.internal.SystemResolver.Resolution;
import io.netprobe.spi.ProbeEngine;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The system resolver on an engine: IP literals without a thread, names on the resolver's few lookup threads (one
 * call per name however many probes ask), the deadline from the engine's timer. Stateless; thread-safe.
 */
public final class AsyncResolver {
  private AsyncResolver() {}

  /**
   * {@link SystemResolver#resolve} without a thread waiting for it: an IP literal completes at once, without any
   * thread; a name is looked up by {@link SystemResolver#lookup} (the JDK has no asynchronous {@code getaddrinfo}),
   * and the future completes with TIMEOUT from the engine's timer at the deadline if the lookup has not returned (or
   * not started, when the lookup threads are busy) by then.
   */
  public static CompletableFuture<Resolution> resolve(Host host, Deadline deadline, ProbeEngine engine) {
    if (host.literal().isPresent()) {
      return CompletableFuture.completedFuture(new Resolution(List.of(host.literal().get()), null));
    }
    CompletableFuture<Resolution> result = new CompletableFuture<>();
    ProbeEngine.Cancellable timer = engine.at(deadline, () -> result.complete(new Resolution(List.of(),
        ProbeFailure.of(FailureKind.TIMEOUT, "resolving " + host.ascii() + " took longer than the deadline"))));
    result.whenComplete((r, e) -> timer.cancel());
    SystemResolver.lookup(host.ascii()).whenComplete((found, error) -> result.complete(error == null
        ? new Resolution(List.of(found), null)
        : SystemResolver.failed(host, error instanceof java.util.concurrent.CompletionException
            && error.getCause() != null ? error.getCause() : error)));
    return result;
  }

}
