package io.netprobe.cli;

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
import java.net.InetAddress;
import java.net.InetSocketAddress;
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
 * {@code netprobe grpc} with grpc_health_probe's flags against grpc-java health servers in this JVM on loopback,
 * one plain text and one TLS with a certificate for {@code grpc.test} from a test CA.
 */
class GrpcCommandTest {
  private static final String SECRET = "GrpcTokSECRET31";
  private static final ProbeClient CLIENT = Probes.builder().timeout(Duration.ofSeconds(5)).build();
  private static final HeldCertificate ROOT = new HeldCertificate.Builder().certificateAuthority(0)
      .commonName("grpc cli root").build();
  private static final HeldCertificate LEAF = new HeldCertificate.Builder().commonName("grpc.test")
      .addSubjectAlternativeName("grpc.test").signedBy(ROOT).build();
  private static final List<String> tokens = new CopyOnWriteArrayList<>();
  /** The first TLS handshake of a JVM (TLS context, Netty's SSL classes) can take seconds on a busy machine. */
  private static final String SLOW_FIRST_TLS = "5s";

  @TempDir static Path dir;
  static Server plain;
  static Server tls;
  static Path ca;

  @BeforeAll
  static void start() throws Exception {
    HealthStatusManager health = new HealthStatusManager();
    health.setStatus("orders", ServingStatus.SERVING);
    health.setStatus("billing", ServingStatus.NOT_SERVING);
    ServerInterceptor record = new ServerInterceptor() {
      @Override
      public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
          ServerCallHandler<Q, A> next) {
        String auth = headers.get(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER));
        if (auth != null) {
          tokens.add(auth);
        }
        return next.startCall(call, headers);
      }
    };
    plain = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0))
        .addService(ServerInterceptors.intercept(health.getHealthService(), record)).build().start();
    Path cert = Files.writeString(dir.resolve("server.pem"), LEAF.certificatePem() + ROOT.certificatePem());
    Path key = Files.writeString(dir.resolve("server.key"), LEAF.privateKeyPkcs8Pem());
    ca = Files.writeString(dir.resolve("ca.pem"), ROOT.certificatePem());
    tls = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0),
        TlsServerCredentials.create(cert.toFile(), key.toFile())).addService(health.getHealthService()).build()
        .start();
  }

  @AfterAll
  static void stop() {
    plain.shutdownNow();
    tls.shutdownNow();
  }

  private static String addr(Server s) {
    return "127.0.0.1:" + ((InetSocketAddress) s.getListenSockets().get(0)).getPort();
  }

  @Test
  void servingExitsZeroAndPrintsTheStatusLikeGrpcHealthProbe() {
    CliTest.Run r = CliTest.run(CLIENT, "grpc", "-addr", addr(plain), "-service", "orders", "-rpc-header",
        "authorization: Bearer " + SECRET, "-connect-timeout", "500ms", "-rpc-timeout", "2s");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("status: SERVING");
    assertThat(tokens).contains("Bearer " + SECRET);
    CliTest.Run json = CliTest.run(CLIENT, "grpc", "--addr", addr(plain), "--rpc-header",
        "authorization: Bearer " + SECRET, "--json");
    assertThat(json.json().at("/spec/timeout").asText()).isNotEmpty();
    assertThat(json.json().at("/remote").asText()).isEqualTo(addr(plain));
    assertThat(r.out() + r.err() + json.out() + json.err()).doesNotContain(SECRET);
  }

  @Test
  void notServingExitsOne() {
    CliTest.Run r = CliTest.run(CLIENT, "grpc", "-addr", addr(plain), "-service", "billing");
    assertThat(r.exit()).isEqualTo(Netprobe.PROBE_FAILED);
    assertThat(r.err()).contains("NOT_SERVING");
  }

  @Test
  void tlsWithTheCaAndServerNamePrintsTheTlsFacts() {
    CliTest.Run r = CliTest.run(CLIENT, "grpc", "-connect-timeout", SLOW_FIRST_TLS,
        "-addr", addr(tls), "-tls", "-tls-ca-cert", ca.toString(),
        "-tls-server-name", "grpc.test", "-service", "orders");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("status: SERVING").containsPattern("tls: TLSv1\\.[23] TLS_\\S+, certificate \""
        + "CN=grpc\\.test\" until ");
    CliTest.Run json = CliTest.run(CLIENT, "grpc", "-connect-timeout", SLOW_FIRST_TLS,
        "-addr", addr(tls), "-tls-ca-cert", ca.toString(),
        "-tls-server-name", "grpc.test", "--json");
    assertThat(json.json().at("/tls/protocol").asText()).startsWith("TLSv1.");
    assertThat(json.json().at("/tls/chain/0/subject").asText()).contains("CN=grpc.test");
  }

  @Test
  void anUntrustedCertificateFailsUnlessNoVerifyWhichStillReportsIt() {
    CliTest.Run strict = CliTest.run(CLIENT, "grpc", "-connect-timeout", SLOW_FIRST_TLS,
        "-addr", addr(tls), "-tls", "-tls-server-name", "grpc.test");
    assertThat(strict.exit()).isEqualTo(Netprobe.PROBE_FAILED);
    assertThat(strict.err()).contains("TLS handshake");
    CliTest.Run loose = CliTest.run(CLIENT, "grpc", "-connect-timeout", SLOW_FIRST_TLS,
        "-addr", addr(tls), "-tls-no-verify");
    assertThat(loose.exit()).as(loose.err()).isZero();
    assertThat(loose.out()).contains("status: SERVING").contains("NOT verified: [UNTRUSTED_ISSUER]");
  }

  @Test
  void plainTextToATlsServerFails() {
    CliTest.Run r = CliTest.run(CLIENT, "grpc", "-addr", addr(tls), "-connect-timeout", "1s", "-rpc-timeout", "1s");
    assertThat(r.exit()).isEqualTo(Netprobe.PROBE_FAILED);
  }

  @Test
  void wrongFlagsAreUsageErrors() {
    assertThat(CliTest.run(CLIENT, "grpc", "-addr", "127.0.0.1").exit()).isEqualTo(Netprobe.USAGE);
    assertThat(CliTest.run(CLIENT, "grpc", "-addr", addr(plain), "-rpc-timeout", "soon").exit())
        .isEqualTo(Netprobe.USAGE);
    assertThat(CliTest.run(CLIENT, "grpc", "-addr", addr(plain), "-rpc-header", "novalue").exit())
        .isEqualTo(Netprobe.USAGE);
    assertThat(CliTest.run(CLIENT, "grpc", "-addr", addr(plain), "-4", "-6").exit()).isEqualTo(Netprobe.USAGE);
  }
}
