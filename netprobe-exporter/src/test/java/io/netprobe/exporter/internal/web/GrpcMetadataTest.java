package io.netprobe.exporter.internal.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.netprobe.Probes;
import io.netprobe.exporter.Exporter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * blackbox's grpc {@code metadata} (0.28): sent with the health check, against a grpc-java server in this JVM that
 * answers UNAUTHENTICATED unless the call carries {@code x-tenant: blue}.
 */
class GrpcMetadataTest {
  @TempDir
  static Path dir;
  static Server server;
  static Exporter exporter;

  @BeforeAll
  static void start() throws Exception {
    HealthStatusManager health = new HealthStatusManager();
    Metadata.Key<String> tenant = Metadata.Key.of("x-tenant", Metadata.ASCII_STRING_MARSHALLER);
    ServerInterceptor onlyBlue = new ServerInterceptor() {
      @Override
      public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
          ServerCallHandler<Q, A> next) {
        if (!"blue".equals(headers.get(tenant))) {
          call.close(Status.UNAUTHENTICATED.withDescription("no tenant"), new Metadata());
          return new ServerCall.Listener<>() { };
        }
        return next.startCall(call, headers);
      }
    };
    server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .addService(ServerInterceptors.intercept(health.getHealthService(), onlyBlue)).build().start();
    Path config = Files.writeString(dir.resolve("blackbox.yml"), """
        modules:
          with_tenant:
            prober: grpc
            timeout: 5s
            grpc:
              preferred_ip_protocol: ip4
              metadata:
                x-tenant: [blue]
          without:
            prober: grpc
            timeout: 5s
            grpc:
              preferred_ip_protocol: ip4
          reserved:
            prober: grpc
            timeout: 5s
            grpc:
              preferred_ip_protocol: ip4
              metadata:
                grpc-timeout: [1S]
        """);
    exporter = Exporter.start(Probes.defaultClient(), "--config.file=" + config, "--web.listen-address=127.0.0.1:0",
        "--log.level=error");
  }

  @AfterAll
  static void stop() {
    exporter.close();
    server.shutdownNow();
  }

  @Test
  void metadataIsSentWithTheCheck() throws Exception {
    String target = "127.0.0.1:" + server.getPort();
    assertThat(NetprobeProbersTest.probe("with_tenant", target, exporter)).contains("probe_success 1\n",
        "probe_grpc_status_code 0\n", "probe_grpc_healthcheck_response{serving_status=\"SERVING\"} 1\n");
    // UNAUTHENTICATED is 16: the server refused the same check without the metadata
    assertThat(NetprobeProbersTest.probe("without", target, exporter)).contains("probe_success 0\n",
        "probe_grpc_status_code 16\n");
  }

  @Test
  void aReservedNameFailsTheProbeAndSaysWhy() throws Exception {
    String target = "127.0.0.1:" + server.getPort();
    assertThat(NetprobeProbersTest.probe("reserved", target, exporter)).contains("probe_success 0\n");
    assertThat(NetprobeProbersTest.debug("reserved", target, exporter)).contains("Invalid gRPC metadata",
        "grpc-timeout");
  }
}
