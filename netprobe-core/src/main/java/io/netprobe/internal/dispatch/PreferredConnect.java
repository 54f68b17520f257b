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
import javax.annotation.Nullable;

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
    Choice choice = Choice.of(backend, spec, resolver.resolve(spec.host(), deadline), started, startNanos);
    return choice.failed() != null ? choice.failed() : choice.finish(backend.connect(choice.literal(), deadline));
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
      Choice choice = Choice.of(backend, spec, all, started, startNanos);
      return choice.failed() != null ? AfterLookup.Started.done(choice.failed())
          : new AfterLookup.Started<>(backend.connectAsync(choice.literal(), deadline, engine), choice::finish);
    });
  }

  /**
   * What the preference made of the name's addresses: the spec the backend is given (the chosen address as the host,
   * no preference left), or the result that ends the probe without a connect.
   */
  private record Choice(TcpConnectSpec asked, SystemResolver.Resolution all, Duration resolveTime, Instant started,
      long startNanos, TcpConnectSpec literal, @Nullable TcpConnectResult failed) {
    static Choice of(TcpConnectBackend backend, TcpConnectSpec spec, SystemResolver.Resolution all,
        Instant started, long startNanos) {
      Duration resolveTime = Duration.ofNanos(System.nanoTime() - startNanos);
      SystemResolver.Resolution chosen = PreferredAddress.choose(spec.host(), spec.ipPreference().orElseThrow(), all);
      if (!chosen.ok()) {
        return new Choice(spec, all, resolveTime, started, startNanos, spec, TcpConnectResult.failed(spec,
            all.addresses(), Optional.empty(), resolveTime, chosen.failure(), backend.id(), started,
            Duration.ofNanos(System.nanoTime() - startNanos)));
      }
      TcpConnectSpec literal = spec.withHost(Host.of(chosen.addresses().get(0).getHostAddress()))
          .withIpPreference(Optional.empty());
      return new Choice(spec, all, resolveTime, started, startNanos, literal, null);
    }

    /** The backend's result given back the spec that was asked, the name's addresses and the whole time. */
    TcpConnectResult finish(TcpConnectResult r) {
      return new TcpConnectResult(asked, all.addresses(), r.address(), r.local(), resolveTime, r.connectTime(),
          r.backend(), started, Duration.ofNanos(System.nanoTime() - startNanos), r.failure());
    }
  }
}
