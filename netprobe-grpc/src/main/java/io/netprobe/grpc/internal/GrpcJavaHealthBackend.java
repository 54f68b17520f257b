package io.netprobe.grpc.internal;

import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.netprobe.core.Deadline;
import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeFailure;
import io.netprobe.grpc.GrpcHealthResult;
import io.netprobe.grpc.GrpcHealthSpec;
import io.netprobe.grpc.GrpcServingStatus;
import io.netprobe.spi.GrpcHealthBackend;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code grpc.health.v1.Health/Check} with grpc-java: one channel per check (plain text or TLS), the RPC's deadline
 * set to what is left of the probe's, the channel shut down before returning. What a status means is
 * {@link GrpcHealthResult}'s. Thread-safe: nothing is shared between checks but grpc-java's own event loops.
 */
public final class GrpcJavaHealthBackend implements GrpcHealthBackend {
  public static final String ID = "grpc-java";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public int priority() {
    return 50;
  }

  @Override
  public boolean isAvailable() {
    try {
      Class.forName("io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder", false,
          GrpcJavaHealthBackend.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError missing) {
      return false;
    }
  }

  @Override
  public GrpcHealthResult check(GrpcHealthSpec spec, Deadline deadline) {
    Instant started = Instant.now();
    long startNanos = System.nanoTime();
    ChannelCredentials credentials;
    try {
      credentials = credentials(spec);
    } catch (IOException e) {
      return new GrpcHealthResult(spec, Optional.empty(), Optional.empty(), ID, started, since(startNanos),
          Optional.of(ProbeFailure.of(FailureKind.TLS_HANDSHAKE, "cannot read the CA file or client certificate: "
              + e.getMessage(), e)));
    }
    NettyChannelBuilder builder = NettyChannelBuilder.forAddress(spec.host().ascii(), spec.port(), credentials)
        .userAgent("netprobe")
        .disableRetry()
        .maxInboundMessageSize(64 * 1024);
    spec.authority().ifPresent(builder::overrideAuthority);
    spec.connection().sourceAddress().ifPresent(source -> builder.localSocketPicker(
        new NettyChannelBuilder.LocalSocketPicker() {
          @Override
          public java.net.SocketAddress createSocketAddress(java.net.SocketAddress remote,
              io.grpc.Attributes attrs) {
            return new java.net.InetSocketAddress(source, 0);
          }
        }));
    ManagedChannel channel = builder.build();
    try {
      long nanos = deadline.remainingNanos();
      if (nanos == 0) {
        return GrpcHealthResult.rpcFailed(spec, 4, "no time left", null, ID, started, since(startNanos));
      }
      HealthCheckResponse response = HealthGrpc.newBlockingStub(channel).withDeadlineAfter(nanos, TimeUnit.NANOSECONDS)
          .check(HealthCheckRequest.newBuilder().setService(spec.service()).build());
      return GrpcHealthResult.answered(spec, statusOf(response.getStatus()), ID, started, since(startNanos));
    } catch (StatusRuntimeException e) {
      return GrpcHealthResult.rpcFailed(spec, e.getStatus().getCode().value(), e.getStatus().getDescription(),
          e.getStatus().getCause(), ID, started, since(startNanos));
    } finally {
      channel.shutdownNow();
    }
  }

  private static ChannelCredentials credentials(GrpcHealthSpec spec) throws IOException {
    if (!spec.tls()) {
      return InsecureChannelCredentials.create();
    }
    TlsChannelCredentials.Builder tls = TlsChannelCredentials.newBuilder();
    if (spec.connection().insecure()) {
      tls.trustManager(AcceptAnyServer.INSTANCE);
    } else if (spec.caFile().isPresent()) {
      tls.trustManager(spec.caFile().get().toFile());
    }
    if (spec.connection().clientCertificate().isPresent()) {
      tls.keyManager(spec.connection().clientCertificate().get().certificate().toFile(),
          spec.connection().clientCertificate().get().key().toFile());
    }
    return tls.build();
  }

  private static GrpcServingStatus statusOf(HealthCheckResponse.ServingStatus status) {
    switch (status) {
      case SERVING:
        return GrpcServingStatus.SERVING;
      case NOT_SERVING:
        return GrpcServingStatus.NOT_SERVING;
      case SERVICE_UNKNOWN:
        return GrpcServingStatus.SERVICE_UNKNOWN;
      default:
        return GrpcServingStatus.UNKNOWN;
    }
  }

  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
