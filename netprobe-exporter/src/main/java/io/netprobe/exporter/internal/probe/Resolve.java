package io.netprobe.exporter.internal.probe;

import io.netprobe.core.Host;
import io.netprobe.exporter.internal.config.IpProtocol;
import io.netprobe.internal.SystemResolver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The target's address as blackbox chooses it, without a thread of the exporter waiting for a lookup: names go to
 * the library's system lookup (one call per name however many probes ask, on threads that grow while all are busy, so
 * names whose servers hang do not hold up the names that answer), and the probe stops waiting at its deadline.
 * Stateless and thread-safe.
 */
final class Resolve {
  private Resolve() {}

  /** The chosen address, or why there is none: {@code NAME_NOT_FOUND}, or {@code TIMEOUT} for a lookup cut short. */
  record Address(Optional<InetAddress> address, String failureKind) {
    boolean isEmpty() {
      return address.isEmpty();
    }

    InetAddress get() {
      return address.get();
    }

    /** The probe's verdict when there is no address. */
    Verdict failed() {
      return Verdict.failed(failureKind);
    }
  }

  static CompletableFuture<Address> address(ProbeContext c, String host, IpProtocol ip) {
    boolean literal;
    try {
      literal = Host.of(host).isLiteral();
    } catch (IllegalArgumentException e) {
      c.log().error("Resolution with IP protocol failed target=" + host + " err=" + e.getMessage());
      literal = true;
    }
    if (literal) {
      return CompletableFuture.completedFuture(
          new Address(AddressChoice.choose(host, ip, c.metrics(), c.log()), "NAME_NOT_FOUND"));
    }
    long t0 = AddressChoice.start(host, ip, c.metrics(), c.log());
    return SystemResolver.lookup(host).orTimeout(c.timeout().toNanos(), TimeUnit.NANOSECONDS).handle((all, e) -> {
      Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
      if (cause == null) {
        return new Address(AddressChoice.finish(host, ip, all, t0, c.metrics(), c.log()), "NAME_NOT_FOUND");
      }
      if (cause instanceof TimeoutException) {
        // Go's resolver under the probe's context says so too
        AddressChoice.failed(host, "\"lookup " + host + ": i/o timeout\"", t0, c.metrics(), c.log());
        return new Address(Optional.empty(), "TIMEOUT");
      }
      AddressChoice.failed(host, cause instanceof UnknownHostException ? cause.getMessage() : "\"" + cause + "\"", t0,
          c.metrics(), c.log());
      return new Address(Optional.empty(), "NAME_NOT_FOUND");
    });
  }

  /**
   * The target's host resolved as blackbox does (IPv6 preferred, falling back to IPv4), then {@code probe} of that
   * address; NAME_NOT_FOUND (or TIMEOUT) when it has none. For netprobe's own probers, which take a host as their
   * target.
   */
  static CompletableFuture<Verdict> targetAddressThen(ProbeContext c,
      java.util.function.Function<String, CompletableFuture<Verdict>> probe) {
    String host = Targets.hostPort(c.target(), false).host();
    return address(c, host, IpProtocol.DEFAULT).thenCompose(address -> address.isEmpty()
        ? CompletableFuture.completedFuture(address.failed())
        : probe.apply(address.get().getHostAddress()));
  }
}
