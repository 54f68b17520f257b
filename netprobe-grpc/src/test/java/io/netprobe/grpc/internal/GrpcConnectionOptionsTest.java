package io.netprobe.grpc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Grpc;
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
import io.netprobe.grpc.GrpcHealthResult;
import io.netprobe.grpc.GrpcServingStatus;
import io.netprobe.http.TlsVersion;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
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

/**
 * Source address, insecure TLS and client certificates against grpc-java servers in this JVM on loopback: one that
 * records each caller's address, one over TLS whose certificate names another host, one that requires a client
 * certificate signed by the test's CA, two that speak only TLS 1.2 or only TLS 1.3.
 */
class GrpcConnectionOptionsTest {
  private static final ProbeClient CLIENT = Probes.builder().backend(new GrpcJavaHealthBackend())
      .timeout(Duration.ofSeconds(5)).build();
  private static final HeldCertificate ROOT = new HeldCertificate.Builder().certificateAuthority(0)
      .commonName("grpc options root").build();
  private static final HeldCertificate SERVER = new HeldCertificate.Builder().commonName("grpc.test")
      .addSubjectAlternativeName("grpc.test").signedBy(ROOT).build();
  private static final HeldCertificate CLIENT_CERT = new HeldCertificate.Builder().commonName("probe")
      .signedBy(ROOT).build();

  @TempDir static Path dir;
  private static final List<SocketAddress> callers = new CopyOnWriteArrayList<>();
  private static Server plain;
  private static Server tls;
  private static Server mutual;
  private static Server tls12;
  private static Server tls13;
  private static Path ca;
  private static Path clientCert;
  private static Path clientKey;

  @BeforeAll
  static void start() throws Exception {
    HealthStatusManager health = new HealthStatusManager();
    health.setStatus("orders", ServingStatus.SERVING);
    ServerInterceptor recordCaller = new ServerInterceptor() {
      @Override
      public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
          ServerCallHandler<Q, R> next) {
        callers.add(call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR));
        return next.startCall(call, headers);
      }
    };
    plain = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
        .addService(ServerInterceptors.intercept(health.getHealthService(), recordCaller)).build().start();
    Path cert = Files.writeString(dir.resolve("server.pem"), SERVER.certificatePem() + ROOT.certificatePem());
    Path key = Files.writeString(dir.resolve("server.key"), SERVER.privateKeyPkcs8Pem());
    ca = Files.writeString(dir.resolve("ca.pem"), ROOT.certificatePem());
    clientCert = Files.writeString(dir.resolve("client.pem"), CLIENT_CERT.certificatePem());
    clientKey = Files.writeString(dir.resolve("client.key"), CLIENT_CERT.privateKeyPkcs8Pem());
    tls = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
        TlsServerCredentials.create(cert.toFile(), key.toFile())).addService(health.getHealthService()).build()
        .start();
    mutual = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
        TlsServerCredentials.newBuilder().keyManager(cert.toFile(), key.toFile()).trustManager(ca.toFile())
            .clientAuth(TlsServerCredentials.ClientAuth.REQUIRE).build())
        .addService(health.getHealthService()).build().start();
    tls12 = onlyVersion("TLSv1.2", cert, key, health);
    tls13 = onlyVersion("TLSv1.3", cert, key, health);
  }

  private static Server onlyVersion(String protocol, Path cert, Path key, HealthStatusManager health)
      throws Exception {
    return NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
        .sslContext(io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts.forServer(cert.toFile(), key.toFile())
            .protocols(protocol).build())
        .addService(health.getHealthService()).build().start();
  }

  @AfterAll
  static void stop() {
    plain.shutdownNow();
    tls.shutdownNow();
    mutual.shutdownNow();
    tls12.shutdownNow();
    tls13.shutdownNow();
  }

  private static int port(Server s) {
    return ((InetSocketAddress) s.getListenSockets().get(0)).getPort();
  }

  @Test
  void theCheckComesFromTheSourceAddress() {
    callers.clear();
    GrpcHealthResult r = CLIENT.grpcHealth("127.0.0.1", port(plain)).sourceAddress("127.0.0.2").run();
    assertThat(r.failure()).isEmpty();
    assertThat(callers).singleElement().satisfies(a ->
        assertThat(((InetSocketAddress) a).getAddress().getHostAddress()).isEqualTo("127.0.0.2"));
    assertThat(CLIENT.grpcHealth("127.0.0.1", port(plain)).sourceAddress("192.0.2.77").run().isSuccess())
        .isFalse();
  }

  @Test
  void insecureAcceptsACertificateForAnotherHostAndAnUnknownIssuer() {
    // the certificate names grpc.test and its issuer is not trusted: refused unless insecure
    GrpcHealthResult strict = CLIENT.grpcHealth("127.0.0.1", port(tls)).tls().run();
    assertThat(strict.failure().orElseThrow().kind()).isEqualTo(FailureKind.TLS_HANDSHAKE);
    GrpcHealthResult wrongName = CLIENT.grpcHealth("127.0.0.1", port(tls)).tls(ca).authority("other.test").run();
    assertThat(wrongName.isSuccess()).isFalse();
    GrpcHealthResult insecure = CLIENT.grpcHealth("127.0.0.1", port(tls)).tls().insecure().service("orders").run();
    assertThat(insecure.failure()).isEmpty();
    assertThat(insecure.servingStatus()).contains(GrpcServingStatus.SERVING);
  }

  @Test
  void aServerRequiringAClientCertificateGetsOne() {
    GrpcHealthResult without = CLIENT.grpcHealth("127.0.0.1", port(mutual)).tls(ca).authority("grpc.test").run();
    assertThat(without.isSuccess()).isFalse();
    GrpcHealthResult with = CLIENT.grpcHealth("127.0.0.1", port(mutual)).tls(ca).authority("grpc.test")
        .clientCertificate(clientCert, clientKey).run();
    assertThat(with.failure()).isEmpty();
    assertThat(with.servingStatus()).contains(GrpcServingStatus.SERVING);
  }

  @Test
  void tlsVersionBoundsRestrictWhatTheChannelOffers() {
    GrpcHealthResult default12 = CLIENT.grpcHealth("127.0.0.1", port(tls12)).tls(ca).authority("grpc.test").run();
    assertThat(default12.failure()).isEmpty();
    assertThat(default12.tls().orElseThrow().protocol()).isEqualTo("TLSv1.2");
    GrpcHealthResult default13 = CLIENT.grpcHealth("127.0.0.1", port(tls13)).tls(ca).authority("grpc.test").run();
    assertThat(default13.tls().orElseThrow().protocol()).isEqualTo("TLSv1.3");

    GrpcHealthResult min13 = CLIENT.grpcHealth("127.0.0.1", port(tls12)).tls(ca).authority("grpc.test")
        .tlsVersions(TlsVersion.TLS_1_3, null).run();
    assertThat(min13.failure().orElseThrow().kind()).isEqualTo(FailureKind.TLS_HANDSHAKE);
    GrpcHealthResult max12 = CLIENT.grpcHealth("127.0.0.1", port(tls13)).tls(ca).authority("grpc.test")
        .tlsVersions(null, TlsVersion.TLS_1_2).run();
    assertThat(max12.failure().orElseThrow().kind()).isEqualTo(FailureKind.TLS_HANDSHAKE);
    GrpcHealthResult exactly12 = CLIENT.grpcHealth("127.0.0.1", port(tls12)).tls(ca).authority("grpc.test")
        .tlsVersions(TlsVersion.TLS_1_2, TlsVersion.TLS_1_2).run();
    assertThat(exactly12.failure()).isEmpty();
    assertThat(exactly12.tls().orElseThrow().protocol()).isEqualTo("TLSv1.2");
    assertThatThrownBy(() -> CLIENT.grpcHealth("127.0.0.1", 1).tlsVersions(TlsVersion.TLS_1_3, TlsVersion.TLS_1_2))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("the minimum TLS version TLS_1_3 is above the "
            + "maximum TLS_1_2");
  }
}
