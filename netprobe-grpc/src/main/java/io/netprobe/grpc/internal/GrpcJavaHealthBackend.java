package io.netprobe.grpc.internal;

import io.grpc.Attributes;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
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
import io.netprobe.http.TlsInfo;
import io.netprobe.spi.GrpcHealthBackend;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.annotation.Nullable;
import javax.net.ssl.SSLSession;

/**
 * {@code grpc.health.v1.Health/Check} with grpc-java: one channel per check (plain text or TLS on the JDK provider),
 * the request metadata attached, the RPC's deadline set to what is left of the probe's, the peer address and TLS
 * facts read from the call's transport attributes, the channel shut down before returning. What a status means is
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
    GrpcTls tls = null;
    NettyChannelBuilder builder = NettyChannelBuilder.forAddress(spec.host().ascii(), spec.port());
    if (spec.tls()) {
      try {
        tls = GrpcTls.create(spec.caFile(), spec.connection());
      } catch (IOException | GeneralSecurityException e) {
        return new GrpcHealthResult(spec, Optional.empty(), Optional.empty(), ID, started, since(startNanos),
            Optional.of(ProbeFailure.of(FailureKind.TLS_HANDSHAKE, spec.caFile().map(f -> "cannot read the CA file "
                + f + " or the client certificate").orElse("cannot set up TLS") + ": " + e.getMessage(), e)));
      }
      builder.sslContext(tls.context);
    } else {
      builder.usePlaintext();
    }
    builder.userAgent("netprobe").disableRetry().maxInboundMessageSize(64 * 1024);
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
    AtomicReference<Attributes> transport = new AtomicReference<>();
    try {
      long nanos = deadline.remainingNanos();
      if (nanos == 0) {
        return GrpcHealthResult.rpcFailed(spec, 4, "no time left", null, ID, started, since(startNanos));
      }
      GrpcHealthResult result;
      try {
        HealthCheckResponse response = HealthGrpc.newBlockingStub(channel)
            .withInterceptors(new Attach(metadata(spec), transport))
            .withDeadlineAfter(nanos, TimeUnit.NANOSECONDS)
            .check(HealthCheckRequest.newBuilder().setService(spec.service()).build());
        result = GrpcHealthResult.answered(spec, statusOf(response.getStatus()), ID, started, since(startNanos));
      } catch (StatusRuntimeException e) {
        result = GrpcHealthResult.rpcFailed(spec, e.getStatus().getCode().value(), e.getStatus().getDescription(),
            e.getStatus().getCause(), ID, started, since(startNanos));
      }
      return withConnection(result, transport.get(), tls);
    } finally {
      channel.shutdownNow();
    }
  }

  private static GrpcHealthResult withConnection(GrpcHealthResult result, @Nullable Attributes attributes,
      @Nullable GrpcTls tls) {
    if (attributes == null) {
      return result;
    }
    SocketAddress remote = attributes.get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
    SSLSession session = attributes.get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
    Optional<TlsInfo> info = tls == null || session == null ? Optional.empty() : Optional.of(tls.info(session));
    return result.withConnection(remote instanceof InetSocketAddress a ? Optional.of(a) : Optional.empty(), info);
  }

  private static Metadata metadata(GrpcHealthSpec spec) {
    Metadata m = new Metadata();
    for (Map.Entry<String, String> e : spec.metadata().entries()) {
      m.put(Metadata.Key.of(e.getKey(), Metadata.ASCII_STRING_MARSHALLER), e.getValue());
    }
    return m;
  }

  /** Attaches the request metadata and keeps the call's transport attributes once the stream has them. */
  private static final class Attach implements ClientInterceptor {
    private final Metadata extra;
    private final AtomicReference<Attributes> transport;

    Attach(Metadata extra, AtomicReference<Attributes> transport) {
      this.extra = extra;
      this.transport = transport;
    }

    @Override
    public <Q, A> ClientCall<Q, A> interceptCall(MethodDescriptor<Q, A> method, CallOptions options, Channel next) {
      return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
        @Override
        public void start(Listener<A> listener, Metadata headers) {
          headers.merge(extra);
          ClientCall<Q, A> call = delegate();
          super.start(new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
            @Override
            public void onHeaders(Metadata received) {
              transport.set(call.getAttributes());
              super.onHeaders(received);
            }

            @Override
            public void onClose(Status status, Metadata trailers) {
              transport.compareAndSet(null, call.getAttributes());
              super.onClose(status, trailers);
            }
          }, headers);
        }
      };
    }
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
