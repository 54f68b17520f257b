package io.netprobe.grpc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.TlsServerCredentials;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.core.FailureKind;
import io.netprobe.core.IpPreference;
import io.netprobe.core.IpProtocol;
import io.netprobe.http.TlsInfo;
import io.netprobe.http.TlsProblem;
import io.netprobe.grpc.GrpcHealthResult;
import io.netprobe.grpc.GrpcServingStatus;
import io.netprobe.testing.FreePorts;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Health checks against grpc-java servers with a HealthStatusManager, in this JVM on loopback. */
class GrpcHealthTest {
  private static final ProbeClient CLIENT = Probes.builder().backend(new GrpcJavaHealthBackend())
      .timeout(Duration.ofSeconds(5)).build();
  private static final HeldCertificate ROOT = new HeldCertificate.Builder().certificateAuthority(0)
      .commonName("grpc test root").build();
  private static final HeldCertificate LEAF = new HeldCertificate.Builder().commonName("grpc.test")
      .addSubjectAlternativeName("grpc.test").signedBy(ROOT).build();

  @TempDir static Path dir;
  private static HealthStatusManager health;
  private static Server plain;
  private static Server tls;
  private static Path caFile;
  /** The request metadata the plain server saw, one entry per call: "name=value" for the names we send. */
  private static final List<String> seen = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    health = new HealthStatusManager();
    health.setStatus("orders", ServingStatus.SERVING);
    health.setStatus("billing", ServingStatus.NOT_SERVING);
    ServerInterceptor record = new ServerInterceptor() {
      @Override
      public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
          ServerCallHandler<Q, A> next) {
        for (String name : List.of("x-tenant", "authorization")) {
          for (String v : headers.getAll(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER)) == null ? List.<String>of()
              : headers.getAll(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER))) {
            seen.add(name + "=" + v);
          }
        }
        return next.startCall(call, headers);
      }
    };
    plain = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
        .addService(ServerInterceptors.intercept(health.getHealthService(), record)).build().start();
    Path cert = Files.writeString(dir.resolve("server.pem"), LEAF.certificatePem() + ROOT.certificatePem());
    Path key = Files.writeString(dir.resolve("server.key"), LEAF.privateKeyPkcs8Pem());
    caFile = Files.writeString(dir.resolve("ca.pem"), ROOT.certificatePem());
    tls = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
        TlsServerCredentials.create(cert.toFile(), key.toFile())).addService(health.getHealthService()).build().start();
  }

  @AfterAll
  static void stop() {
    plain.shutdownNow();
    tls.shutdownNow();
  }

  private static int port(Server s) {
    return ((InetSocketAddress) s.getListenSockets().get(0)).getPort();
  }

  @Test
  void theWholeServerAndAServingServiceAreServing() {
    GrpcHealthResult all = CLIENT.grpcHealth("127.0.0.1", port(plain)).run();
    assertThat(all.failure()).isEmpty();
    assertThat(all.servingStatus()).contains(GrpcServingStatus.SERVING);
    assertThat(all.grpcStatusName()).contains("OK");
    assertThat(CLIENT.grpcHealth("127.0.0.1", port(plain)).service("orders").run().isSuccess()).isTrue();
  }

  @Test
  void notServingIsAFailureThatSaysSo() {
    GrpcHealthResult r = CLIENT.grpcHealth("127.0.0.1", port(plain)).service("billing").run();
    assertThat(r.servingStatus()).contains(GrpcServingStatus.NOT_SERVING);
    assertThat(r.failure().get().kind()).isEqualTo(FailureKind.ASSERTION_FAILED);
    assertThat(r.failure().get().message()).isEqualTo("127.0.0.1:" + port(plain)
        + " (service \"billing\") reports NOT_SERVING");
  }

  @Test
  void anUnknownServiceIsNotFound() {
    GrpcHealthResult r = CLIENT.grpcHealth("127.0.0.1", port(plain)).service("nosuch").run();
    assertThat(r.servingStatus()).isEmpty();
    assertThat(r.grpcStatusCode()).contains(5);
    assertThat(r.failure().get().message()).contains("does not know service \"nosuch\" (NOT_FOUND)");
  }

  @Test
  void noServerIsARefusedConnection() throws Exception {
    int closed = FreePorts.tcp();
    GrpcHealthResult r = CLIENT.grpcHealth("127.0.0.1", closed).run();
    assertThat(r.grpcStatusName()).contains("UNAVAILABLE");
    assertThat(r.failure().get().kind()).isEqualTo(FailureKind.CONNECTION_REFUSED);
  }

  @Test
  void aSilentPeerIsATimeoutWithinTheDeadline() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      long start = System.nanoTime();
      GrpcHealthResult r = CLIENT.grpcHealth("127.0.0.1", silent.getLocalPort()).timeout(Duration.ofMillis(700))
          .run();
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(r.failure().get().kind()).isEqualTo(FailureKind.TIMEOUT);
      assertThat(r.grpcStatusName()).contains("DEADLINE_EXCEEDED");
      assertThat(took).isLessThan(Duration.ofMillis(700 + 500));
    }
  }

  @Test
  void tlsWithTheCaFileAndTheRightAuthorityIsServing() {
    GrpcHealthResult r = CLIENT.grpcHealth("127.0.0.1", port(tls)).tls(caFile).authority("grpc.test")
        .service("orders").run();
    assertThat(r.failure()).isEmpty();
    assertThat(r.servingStatus()).contains(GrpcServingStatus.SERVING);
  }

  @Test
  void tlsWithoutTrustingTheCaFailsTheHandshake() {
    GrpcHealthResult r = CLIENT.grpcHealth("127.0.0.1", port(tls)).tls().authority("grpc.test").run();
    assertThat(r.failure().get().kind()).isEqualTo(FailureKind.TLS_HANDSHAKE);
    GrpcHealthResult plainToTls = CLIENT.grpcHealth("127.0.0.1", port(tls)).run();
    assertThat(plainToTls.isSuccess()).isFalse();
  }

  @Test
  void metadataIsSentWithTheCallAndSecretValuesAreRedactedWhenShown() {
    seen.clear();
    var request = CLIENT.grpcHealth("127.0.0.1", port(plain)).service("orders").metadata("X-Tenant", "blue")
        .metadata("x-tenant", "green").metadata("authorization", "Bearer s3cr3t");
    GrpcHealthResult r = request.run();
    assertThat(r.failure()).isEmpty();
    assertThat(seen).containsExactly("x-tenant=blue", "x-tenant=green", "authorization=Bearer s3cr3t");
    assertThat(request.toString()).contains("x-tenant: blue").doesNotContain("s3cr3t");
    assertThat(r.toString()).doesNotContain("s3cr3t");
    assertThat(r.remote().get().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
    assertThat(r.remote().get().getPort()).isEqualTo(port(plain));
    assertThat(r.tls()).isEmpty();
  }

  @Test
  void reservedOrBinaryMetadataNamesAreRefused() {
    var request = CLIENT.grpcHealth("127.0.0.1", port(plain));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> request.metadata("grpc-timeout", "1S"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("grpc-");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> request.metadata("trace-bin", "x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-bin");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> request.metadata("x", "a\nb"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("printable");
  }

  @Test
  void tlsFactsNameTheProtocolCipherAndTheServersCertificate() {
    GrpcHealthResult r = CLIENT.grpcHealth("127.0.0.1", port(tls)).tls(caFile).authority("grpc.test").run();
    assertThat(r.failure()).isEmpty();
    TlsInfo t = r.tls().orElseThrow();
    assertThat(t.protocol()).startsWith("TLSv1.");
    assertThat(t.cipherSuite()).startsWith("TLS_");
    assertThat(t.alpn()).contains("h2");
    assertThat(t.verified()).isTrue();
    assertThat(t.chain()).hasSize(2);
    assertThat(t.leaf().get().subject()).contains("CN=grpc.test");
    assertThat(t.leaf().get().notAfter()).isEqualTo(LEAF.certificate().getNotAfter().toInstant());
  }

  @Test
  void insecureGoesOnWithAnUntrustedCertificateAndReportsTheProblem() {
    GrpcHealthResult r = CLIENT.grpcHealth("127.0.0.1", port(tls)).insecure().service("orders").run();
    assertThat(r.failure()).isEmpty();
    assertThat(r.servingStatus()).contains(GrpcServingStatus.SERVING);
    TlsInfo t = r.tls().orElseThrow();
    assertThat(t.verified()).isFalse();
    assertThat(t.problems()).containsExactly(TlsProblem.UNTRUSTED_ISSUER);
    assertThat(t.leaf().get().subject()).contains("CN=grpc.test");
  }

  @Test
  void aTrustedCertificateForAnotherNameFailsTheHandshake() {
    GrpcHealthResult r = CLIENT.grpcHealth("127.0.0.1", port(tls)).tls(caFile).authority("other.test").run();
    assertThat(r.failure().get().kind()).isEqualTo(FailureKind.TLS_HANDSHAKE);
    assertThat(r.tls()).isEmpty();
  }

  @Test
  void anIpPreferenceChoosesTheAddressOrFailsAsNameNotFound() {
    // /etc/hosts here maps localhost to 127.0.0.1 only: IPv6 only finds nothing, IPv6 preferred falls back
    GrpcHealthResult only6 = CLIENT.grpcHealth("localhost", port(plain)).ipPreference(IpPreference.only(IpProtocol.IP6))
        .run();
    assertThat(only6.failure().get().kind()).as(only6.toString()).isEqualTo(FailureKind.NAME_NOT_FOUND);
    assertThat(only6.failure().get().message()).contains("no IPv6 address");
    assertThat(only6.spec().host().ascii()).isEqualTo("localhost");
    GrpcHealthResult prefer6 = CLIENT.grpcHealth("localhost", port(plain))
        .ipPreference(IpPreference.prefer(IpProtocol.IP6)).service("orders").run();
    assertThat(prefer6.failure()).as(prefer6.toString()).isEmpty();
    assertThat(prefer6.remote().get().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
    assertThat(prefer6.spec().host().ascii()).isEqualTo("localhost");
  }
}
