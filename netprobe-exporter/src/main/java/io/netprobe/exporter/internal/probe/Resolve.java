package io.netprobe.exporter.internal.probe;

import io.netprobe.core.Host;
import io.netprobe.exporter.internal.config.IpProtocol;
import java.net.InetAddress;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Address choice off the caller's thread when it needs a lookup. Stateless and thread-safe. */
final class Resolve {
  private Resolve() {}

  static CompletableFuture<Optional<InetAddress>> address(ProbeContext c, String host, IpProtocol ip) {
    boolean literal;
    try {
      literal = Host.of(host).isLiteral();
    } catch (IllegalArgumentException e) {
      c.log().error("Resolution with IP protocol failed target=" + host + " err=" + e.getMessage());
      literal = true;
    }
    if (literal) {
      return CompletableFuture.completedFuture(AddressChoice.choose(host, ip, c.metrics(), c.log()));
    }
    return CompletableFuture.supplyAsync(() -> AddressChoice.choose(host, ip, c.metrics(), c.log()), c.blocking());
  }

  /**
   * The target's host resolved as blackbox does (IPv6 preferred, falling back to IPv4), then {@code probe} of that
   * address; NAME_NOT_FOUND when it has none. For netprobe's own probers, which take a host as their target.
   */
  static CompletableFuture<Verdict> targetAddressThen(ProbeContext c,
      java.util.function.Function<String, CompletableFuture<Verdict>> probe) {
    String host = Targets.hostPort(c.target(), false).host();
    return address(c, host, IpProtocol.DEFAULT).thenCompose(address -> address.isEmpty()
        ? CompletableFuture.completedFuture(Verdict.failed("NAME_NOT_FOUND"))
        : probe.apply(address.get().getHostAddress()));
  }
}
