package io.netprobe.internal.dispatch;

import io.netprobe.core.Deadline;
import io.netprobe.core.Host;
import io.netprobe.internal.PreferredAddress;
import io.netprobe.internal.SystemResolver;
import io.netprobe.sockets.TcpConnectResult;
import io.netprobe.sockets.TcpConnectSpec;
import io.netprobe.spi.ProbeEngine;
import io.netprobe.spi.TcpConnectBackend;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

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
    TcpConnectResult r = backend.connect(literal(spec, chosen), deadline);
    return new TcpConnectResult(spec, all.addresses(), r.address(), r.local(), resolveTime, r.connectTime(),
        r.backend(), started, Duration.ofNanos(System.nanoTime() - startNanos), r.failure());
  }

  /**
   * {@link #connect} without a thread waiting for it: the name looked up by {@code lookup}, then the backend's
   * asynchronous connect to the chosen address ({@link AfterLookup}: cancelling the future cancels that connect).
   */
  static CompletableFuture<TcpConnectResult> connectAsync(TcpConnectBackend backend, TcpConnectSpec spec,
      Deadline deadline, ProbeEngine engine, PreferredAddress.AsyncLookup lookup) {
    if (spec.ipPreference().isEmpty() || spec.host().isLiteral()) {
      return backend.connectAsync(spec, deadline, engine);
    }
    Instant started = Instant.now();
    long startNanos = System.nanoTime();
    return AfterLookup.start(spec.host(), deadline, lookup, all -> {
      Duration resolveTime = Duration.ofNanos(System.nanoTime() - startNanos);
      SystemResolver.Resolution chosen = !all.ok() ? all
          : PreferredAddress.choose(spec.host(), spec.ipPreference().orElseThrow(), deadline, (h, d) -> all);
      if (!chosen.ok()) {
        return AfterLookup.Started.done(TcpConnectResult.failed(spec, all.addresses(), Optional.empty(), resolveTime,
            chosen.failure(), backend.id(), started, Duration.ofNanos(System.nanoTime() - startNanos)));
      }
      return new AfterLookup.Started<>(backend.connectAsync(literal(spec, chosen), deadline, engine),
          r -> new TcpConnectResult(spec, all.addresses(), r.address(), r.local(), resolveTime, r.connectTime(),
              r.backend(), started, Duration.ofNanos(System.nanoTime() - startNanos), r.failure()));
    });
  }

  /** The spec the backend is given: the chosen address as the host, no preference left. */
  private static TcpConnectSpec literal(TcpConnectSpec spec, SystemResolver.Resolution chosen) {
    return spec.withHost(Host.of(chosen.addresses().get(0).getHostAddress())).withIpPreference(Optional.empty());
  }
}
