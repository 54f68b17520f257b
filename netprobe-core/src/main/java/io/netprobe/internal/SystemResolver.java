package io.netprobe.internal;

import io.netprobe.core.Deadline;
import io.netprobe.core.FailureKind;
import io.netprobe.core.Host;
import io.netprobe.core.ProbeFailure;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import io.netprobe.spi.ProbeEngine;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.annotation.Nullable;

/**
 * Resolves a host name with the operating system's resolver ({@code getaddrinfo}, as every other program on the
 * machine would) within a deadline. The JDK's lookup cannot be interrupted, so it runs on a daemon thread of
 * {@link DefaultExecutor}; when the deadline passes first, the probe returns TIMEOUT at once and that thread ends
 * when the operating system gives up (resolv.conf's timeout × attempts). Literals are returned without a lookup.
 * Stateless; thread-safe.
 */
public final class SystemResolver {
  private SystemResolver() {}

  /** The outcome: addresses, or a failure (NAME_NOT_FOUND, TIMEOUT, NETWORK_ERROR). */
  public record Resolution(List<InetAddress> addresses, @Nullable ProbeFailure failure) {
    public Resolution {
      addresses = List.copyOf(addresses);
    }

    public boolean ok() {
      return failure == null;
    }
  }

  /**
   * {@link #resolve} without a thread waiting for it: an IP literal completes at once, without any thread; a name is
   * looked up on the engine's bounded blocking executor (the JDK has no asynchronous {@code getaddrinfo}), and the
   * future completes with TIMEOUT from the engine's timer at the deadline if the lookup has not returned (or not
   * started, when the executor is busy) by then.
   */
  public static CompletableFuture<Resolution> resolveAsync(Host host, Deadline deadline, ProbeEngine engine) {
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
          result.complete(failed(host, t));
        }
      });
    } catch (RejectedExecutionException e) {
      result.complete(new Resolution(List.of(), ProbeFailure.of(FailureKind.CANCELLED,
          "the probe client was closed before " + host.ascii() + " was resolved", e)));
    }
    return result;
  }

  private static Resolution failed(Host host, Throwable cause) {
    if (cause instanceof UnknownHostException) {
      return new Resolution(List.of(), ProbeFailure.of(FailureKind.NAME_NOT_FOUND,
          "the system resolver found no address for " + host.ascii(), cause));
    }
    return new Resolution(List.of(), ProbeFailure.of(FailureKind.NETWORK_ERROR,
        "resolving " + host.ascii() + " failed: " + cause, cause));
  }

  public static Resolution resolve(Host host, Deadline deadline) {
    if (host.literal().isPresent()) {
      return new Resolution(List.of(host.literal().get()), null);
    }
    CompletableFuture<InetAddress[]> lookup = new CompletableFuture<>();
    DefaultExecutor.get().execute(() -> {
      try {
        lookup.complete(InetAddress.getAllByName(host.ascii()));
      } catch (Throwable t) {
        lookup.completeExceptionally(t);
      }
    });
    try {
      InetAddress[] found = lookup.get(deadline.remainingNanos(), TimeUnit.NANOSECONDS);
      return new Resolution(List.of(found), null);
    } catch (TimeoutException e) {
      return new Resolution(List.of(), ProbeFailure.of(FailureKind.TIMEOUT,
          "resolving " + host.ascii() + " took longer than the deadline"));
    } catch (ExecutionException e) {
      return failed(host, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Resolution(List.of(), ProbeFailure.of(FailureKind.CANCELLED, "interrupted while resolving", e));
    }
  }
}
