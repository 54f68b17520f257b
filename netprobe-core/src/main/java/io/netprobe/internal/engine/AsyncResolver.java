package io.netprobe.internal.engine;

import io.netprobe.core.Deadline;
import io.netprobe.core.FailureKind;
import io.netprobe.core.Host;
import io.netprobe.core.ProbeFailure;
import io.netprobe.internal.SystemResolver;
import io.netprobe.internal.SystemResolver.Resolution;
import io.netprobe.spi.ProbeEngine;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

/**
 * The system resolver on an engine: IP literals without a thread, names on its bounded blocking pool. Stateless;
 * thread-safe.
 */
public final class AsyncResolver {
  private AsyncResolver() {}

  /**
   * {@link SystemResolver#resolve} without a thread waiting for it: an IP literal completes at once, without any
   * thread; a name is looked up on the engine's bounded blocking executor (the JDK has no asynchronous {@code
   * getaddrinfo}), and the future completes with TIMEOUT from the engine's timer at the deadline if the lookup has not returned (or not
   * started, when the executor is busy) by then.
   */
  public static CompletableFuture<Resolution> resolve(Host host, Deadline deadline, ProbeEngine engine) {
    if (host.literal().isPresent()) {
      return CompletableFuture.completedFuture(new Resolution(List.of(host.literal().get()), null));
    }
    CompletableFuture<Resolution> result = new CompletableFuture<>();
    ProbeEngine.Cancellable timer = engine.at(deadline, () -> result.complete(new Resolution(List.of(),
        ProbeFailure.of(FailureKind.TIMEOUT, "resolving " + host.ascii() + " took longer than the deadline"))));
    result.whenComplete((r, e) -> timer.cancel());
    try {
      engine.blocking().execute(() -> {
        if (result.isDone()) {
          return;
        }
        try {
          result.complete(new Resolution(List.of(InetAddress.getAllByName(host.ascii())), null));
        } catch (Throwable t) {
          result.complete(SystemResolver.failed(host, t));
        }
      });
    } catch (RejectedExecutionException e) {
      result.complete(new Resolution(List.of(), ProbeFailure.of(FailureKind.CANCELLED,
          "the probe client was closed before " + host.ascii() + " was resolved", e)));
    }
    return result;
  }

}
