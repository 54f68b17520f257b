package io.netprobe.internal.dispatch;

import io.netprobe.core.Deadline;
import io.netprobe.core.Host;
import io.netprobe.internal.PreferredAddress;
import io.netprobe.internal.SystemResolver;
import io.netprobe.sockets.TcpConnectResult;
import io.netprobe.sockets.TcpConnectSpec;
import io.netprobe.spi.TcpConnectBackend;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A TCP connect with an IP preference: the core resolves and picks the address, the backend connects to that
 * literal, and the result is given back the spec that was asked. Without a preference the backend does it all.
 * Stateless; thread-safe.
 */
final class PreferredConnect {
  private PreferredConnect() {}

  static TcpConnectResult connect(TcpConnectBackend backend, TcpConnectSpec spec, Deadline deadline) {
    return connect(backend, spec, deadline, SystemResolver::resolve);
  }

  static TcpConnectResult connect(TcpConnectBackend backend, TcpConnectSpec spec, Deadline deadline,
      PreferredAddress.Resolver resolver) {
    if (spec.ipPreference().isEmpty() || spec.host().isLiteral()) {
      return backend.connect(spec, deadline);
    }
    Instant started = Instant.now();
    long startNanos = System.nanoTime();
    SystemResolver.Resolution all = resolver.resolve(spec.host(), deadline);
    Duration resolveTime = Duration.ofNanos(System.nanoTime() - startNanos);
    SystemResolver.Resolution chosen = !all.ok() ? all
        : PreferredAddress.choose(spec.host(), spec.ipPreference().get(), deadline, (h, d) -> all);
    if (!chosen.ok()) {
      return TcpConnectResult.failed(spec, all.addresses(), Optional.empty(), resolveTime, chosen.failure(),
          backend.id(), started, Duration.ofNanos(System.nanoTime() - startNanos));
    }
    TcpConnectResult r = backend.connect(spec.withHost(Host.of(chosen.addresses().get(0).getHostAddress()))
        .withIpPreference(Optional.empty()), deadline);
    return new TcpConnectResult(spec, all.addresses(), r.address(), r.local(), resolveTime, r.connectTime(),
        r.backend(), started, Duration.ofNanos(System.nanoTime() - startNanos), r.failure());
  }
}
