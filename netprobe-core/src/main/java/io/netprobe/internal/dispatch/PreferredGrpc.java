package io.netprobe.internal.dispatch;

import io.netprobe.core.Deadline;
import io.netprobe.core.Host;
import io.netprobe.grpc.GrpcHealthResult;
import io.netprobe.grpc.GrpcHealthSpec;
import io.netprobe.internal.PreferredAddress;
import io.netprobe.internal.SystemResolver;
import io.netprobe.spi.GrpcHealthBackend;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

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
    SystemResolver.Resolution chosen = PreferredAddress.choose(spec.host(), spec.ipPreference().get(), deadline,
        resolver);
    if (!chosen.ok()) {
      return spec.failed(chosen.failure(), started, Duration.ofNanos(System.nanoTime() - startNanos));
    }
    GrpcHealthSpec literal = spec.withHost(Host.of(chosen.addresses().get(0).getHostAddress()))
        .withAuthority(Optional.of(spec.authority().orElse(spec.host().ascii()))).withIpPreference(Optional.empty());
    return backend.check(literal, deadline).withSpec(spec);
  }
}
