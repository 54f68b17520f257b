package io.netprobe.internal.dispatch;

import io.netprobe.core.Deadline;
import io.netprobe.core.Host;
import io.netprobe.grpc.GrpcHealthResult;
import io.netprobe.grpc.GrpcHealthSpec;
import io.netprobe.internal.PreferredAddress;
import io.netprobe.internal.SystemResolver;
import io.netprobe.spi.GrpcHealthBackend;
import io.netprobe.spi.ProbeEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javax.annotation.Nullable;

/**
 * A gRPC health check with an IP preference: the core resolves and picks the address, the backend calls that
 * literal with the host name as authority (so TLS still verifies the name), and the result is given back the spec
 * that was asked. Without a preference the backend (grpc-java's resolver) does it all. Stateless; thread-safe.
 */
final class PreferredGrpc {
  private PreferredGrpc() {}

  static GrpcHealthResult check(GrpcHealthBackend backend, GrpcHealthSpec spec, Deadline deadline) {
    return check(backend, spec, deadline, SystemResolver::resolve);
  }

  static boolean applies(GrpcHealthSpec spec) {
    return spec.ipPreference().isPresent() && !spec.host().isLiteral();
  }

  static GrpcHealthResult check(GrpcHealthBackend backend, GrpcHealthSpec spec, Deadline deadline,
      PreferredAddress.Resolver resolver) {
    if (!applies(spec)) {
      return backend.check(spec, deadline);
    }
    Instant started = Instant.now();
    long startNanos = System.nanoTime();
    Choice choice = choose(spec, resolver.resolve(spec.host(), deadline), started, startNanos);
    return choice.failed() != null ? choice.failed() : backend.check(choice.literal(), deadline).withSpec(spec);
  }

  /**
   * {@link #check} without a thread waiting for it: the name looked up by {@code lookup}, then the backend's
   * asynchronous check of the chosen address ({@link AfterLookup}: cancelling the future cancels that check).
   */
  static CompletableFuture<GrpcHealthResult> checkAsync(GrpcHealthBackend backend, GrpcHealthSpec spec,
      Deadline deadline, ProbeEngine engine, PreferredAddress.AsyncLookup lookup) {
    if (!applies(spec)) {
      return backend.checkAsync(spec, deadline, engine);
    }
    Instant started = Instant.now();
    long startNanos = System.nanoTime();
    return AfterLookup.start(spec.host(), deadline, lookup, all -> {
      Choice choice = choose(spec, all, started, startNanos);
      return choice.failed() != null ? AfterLookup.Started.done(choice.failed())
          : new AfterLookup.Started<>(backend.checkAsync(choice.literal(), deadline, engine), r -> r.withSpec(spec));
    });
  }

  /**
   * What the preference made of the name's addresses: the spec the backend is given (the chosen address, the name
   * as the authority so that TLS still verifies it, no preference left), or the failed result that ends the check.
   */
  private record Choice(GrpcHealthSpec literal, @Nullable GrpcHealthResult failed) {}

  private static Choice choose(GrpcHealthSpec spec, SystemResolver.Resolution all, Instant started,
      long startNanos) {
    SystemResolver.Resolution chosen = PreferredAddress.choose(spec.host(), spec.ipPreference().orElseThrow(), all);
    if (!chosen.ok()) {
      return new Choice(spec, spec.failed(chosen.failure(), started, Duration.ofNanos(System.nanoTime() - startNanos)));
    }
    return new Choice(spec.withHost(Host.of(chosen.addresses().get(0).getHostAddress()))
        .withAuthority(Optional.of(spec.authority().orElse(spec.host().ascii()))).withIpPreference(Optional.empty()),
        null);
  }
}
