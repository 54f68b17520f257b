package io.netprobe.internal;

import io.netprobe.core.Deadline;
import io.netprobe.core.FailureKind;
import io.netprobe.core.Host;
import io.netprobe.core.ProbeFailure;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.annotation.Nullable;

/**
 * Resolves a host name with the operating system's resolver ({@code getaddrinfo}, as every other program on the
 * machine would) within a deadline. The JDK's lookup cannot be interrupted, so it runs on a daemon thread of
 * lookup threads of its own ({@link #lookup}); when the deadline passes first, the probe returns TIMEOUT at once
 * and the lookup ends when the operating system gives up (resolv.conf's timeout × attempts). Literals are returned
 * without a lookup. Stateless; thread-safe.
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

  /** The failure of looking up {@code host}: NAME_NOT_FOUND for an unknown name, else NETWORK_ERROR. */
  public static Resolution failed(Host host, Throwable cause) {
    if (cause instanceof UnknownHostException) {
      return new Resolution(List.of(), ProbeFailure.of(FailureKind.NAME_NOT_FOUND,
          "the system resolver found no address for " + host.ascii(), cause));
    }
    return new Resolution(List.of(), ProbeFailure.of(FailureKind.NETWORK_ERROR,
        "resolving " + host.ascii() + " failed: " + cause, cause));
  }

  /**
   * What an asynchronous lookup of {@code host} came to: its resolution, or the failure it ended with (a lookup
   * future that failed instead of completing with a failed resolution).
   */
  public static Resolution outcome(Host host, @Nullable Resolution resolution, @Nullable Throwable error) {
    return error != null || resolution == null ? failed(host, error != null ? error
        : new IllegalStateException("the lookup gave no answer")) : resolution;
  }

  public static Resolution resolve(Host host, Deadline deadline) {
    if (host.literal().isPresent()) {
      return new Resolution(List.of(host.literal().get()), null);
    }
    try {
      InetAddress[] found = lookup(host.ascii()).get(deadline.remainingNanos(), TimeUnit.NANOSECONDS);
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

  /**
   * {@code getaddrinfo} for {@code name} on the lookup threads. Concurrent lookups of one name share one call, so a
   * thousand probes of one host in an outage cost one thread, not a thousand; threads start while all are busy, up to
   * {@link #MAX_LOOKUP_THREADS} (work beyond them queues, and each caller still stops waiting at its own deadline).
   * Each caller gets a future of its own: completing or cancelling it leaves the shared call and its other callers
   * alone.
   */
  public static CompletableFuture<InetAddress[]> lookup(String name) {
    return LOOKUPS.lookup(name);
  }

  /**
   * The most lookups at once, {@code -Dnetprobe.lookup.maxThreads} (default 64). Each blocks a thread for as long as
   * the operating system takes (resolv.conf's timeout × attempts, for a name whose servers do not answer).
   */
  public static final int MAX_LOOKUP_THREADS = Math.max(1, Integer.getInteger("netprobe.lookup.maxThreads", 64));

  /**
   * The name the operating system gives {@code address} (a PTR record, or /etc/hosts), empty when it has none or the
   * lookup could not run: {@code getnameinfo} on the same lookup threads as {@link #lookup}, one call per address
   * however many callers ask, so a traceroute's hops whose reverse names time out hold none of the threads other
   * probes' blocking work needs. The future never fails.
   */
  public static CompletableFuture<Optional<String>> reverse(InetAddress address) {
    return REVERSE.lookup(address).exceptionally(e -> Optional.empty());
  }

  private static final GrowingThreadPool THREADS = new GrowingThreadPool(2, MAX_LOOKUP_THREADS, 10,
      GrowingThreadPool.daemons("netprobe-lookup-"));
  private static final SharedLookups<String, InetAddress[]> LOOKUPS = new SharedLookups<>(InetAddress::getAllByName,
      THREADS);
  private static final SharedLookups<InetAddress, Optional<String>> REVERSE = new SharedLookups<>(
      SystemResolver::nameOf, THREADS);

  private static Optional<String> nameOf(InetAddress address) throws UnknownHostException {
    // a copy without the name the address may carry, so that the lookup happens
    InetAddress bare = InetAddress.getByAddress(address.getAddress());
    String name = bare.getCanonicalHostName();
    return name.equals(bare.getHostAddress()) ? Optional.empty() : Optional.of(name);
  }
}
