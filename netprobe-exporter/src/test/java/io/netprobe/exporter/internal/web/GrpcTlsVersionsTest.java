package io.netprobe.exporter.internal.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.netprobe.Probes;
import io.netprobe.exporter.Exporter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * grpc {@code tls_config} {@code max_version} (blackbox 0.24+, so not in BlackboxParityIT against 0.23, which has
 * {@code min_version} there) and a minimum above the maximum, against grpc-java servers in this JVM that speak only
 * TLS 1.2 or only TLS 1.3.
 */
class GrpcTlsVersionsTest {
  @TempDir
  static Path dir;
  static Server tls12;
  static Server tls13;
  static Exporter exporter;

  @BeforeAll
  static void start() throws Exception {
    HeldCertificate root = new HeldCertificate.Builder().certificateAuthority(0).commonName("versions root").build();
    HeldCertificate cert = new HeldCertificate.Builder().commonName("grpc.test").addSubjectAlternativeName(
        "grpc.test").signedBy(root).build();
    Path chain = Files.writeString(dir.resolve("server.pem"), cert.certificatePem() + root.certificatePem());
    Path key = Files.writeString(dir.resolve("server.key"), cert.privateKeyPkcs8Pem());
    Path ca = Files.writeString(dir.resolve("ca.pem"), root.certificatePem());
    HealthStatusManager health = new HealthStatusManager();
    tls12 = server("TLSv1.2", chain, key, health);
    tls13 = server("TLSv1.3", chain, key, health);
    Path config = Files.writeString(dir.resolve("blackbox.yml"), """
        modules:
          max12:
            prober: grpc
            timeout: 5s
            grpc:
              preferred_ip_protocol: ip4
              tls: true
              tls_config: {ca_file: "%1$s", server_name: grpc.test, max_version: TLS12}
          inverted:
            prober: grpc
            timeout: 5s
            grpc:
              preferred_ip_protocol: ip4
              tls: true
              tls_config: {ca_file: "%1$s", server_name: grpc.test, min_version: TLS13, max_version: TLS12}
        """.formatted(ca));
    exporter = Exporter.start(Probes.defaultClient(), "--config.file=" + config, "--web.listen-address=127.0.0.1:0",
        "--log.level=error");
  }

  private static Server server(String protocol, Path chain, Path key, HealthStatusManager health) throws Exception {
    return NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .sslContext(GrpcSslContexts.forServer(chain.toFile(), key.toFile()).protocols(protocol).build())
        .addService(health.getHealthService()).build().start();
  }

  @AfterAll
  static void stop() {
    exporter.close();
    tls12.shutdownNow();
    tls13.shutdownNow();
  }

  @Test
  void maxVersionBoundsTheHandshake() throws Exception {
    assertThat(NetprobeProbersTest.probe("max12", "127.0.0.1:" + tls12.getPort(), exporter)).contains(
        "probe_success 1\n", "probe_grpc_ssl 1\n").doesNotContain("UNSUPPORTED_OPTION");
    assertThat(NetprobeProbersTest.probe("max12", "127.0.0.1:" + tls13.getPort(), exporter)).contains(
        "probe_success 0\n", "probe_failure_info{kind=\"TLS_HANDSHAKE\"} 1\n");
  }

  @Test
  void aMinimumAboveTheMaximumFailsTheProbeSayingSo() throws Exception {
    assertThat(NetprobeProbersTest.probe("inverted", "127.0.0.1:" + tls12.getPort(), exporter)).contains(
        "probe_success 0\n", "probe_failure_info{kind=\"INVALID_REQUEST\"} 1\n");
    assertThat(NetprobeProbersTest.debug("inverted", "127.0.0.1:" + tls12.getPort(), exporter)).contains(
        "the minimum TLS version TLS_1_3 is above the maximum TLS_1_2");
  }
}
