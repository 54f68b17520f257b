package io.netprobe.grpc.internal;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import io.netprobe.grpc.GrpcConnectionOptions;
import io.netprobe.http.CertificateInfo;
import io.netprobe.http.ClientCertificate;
import io.netprobe.http.TlsImplementation;
import io.netprobe.http.TlsInfo;
import io.netprobe.spi.RecordingTrustManager;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLSession;

/**
 * The TLS side of one health check: a JDK-provider SslContext whose trust manager records the chain the server sent
 * and what verification found (grpc-java sets HTTPS endpoint identification on the engine, so the host name is
 * checked too), failing the handshake unless insecure ({@link RecordingTrustManager}). One per check.
 */
final class GrpcTls {
  private final RecordingTrustManager recorder;
  final SslContext context;

  private GrpcTls(RecordingTrustManager recorder, SslContext context) {
    this.recorder = recorder;
    this.context = context;
  }

  /**
   * @param connection whether to go on whatever the certificate ({@code insecure}) and the client certificate to
   *     present when the server asks for one
   */
  static GrpcTls create(Optional<Path> caFile, GrpcConnectionOptions connection)
      throws IOException, GeneralSecurityException {
    RecordingTrustManager recorder = RecordingTrustManager.of(caFile, connection.insecure());
    // the JDK provider, so that TlsInfo names the implementation that made the handshake
    SslContextBuilder builder = GrpcSslContexts.configure(SslContextBuilder.forClient(), SslProvider.JDK)
        .trustManager(recorder).protocols(connection.tlsProtocols());
    if (connection.clientCertificate().isPresent()) {
      ClientCertificate client = connection.clientCertificate().get();
      builder.keyManager(client.certificate().toFile(), client.key().toFile());
    }
    return new GrpcTls(recorder, builder.build());
  }

  /** The facts of the handshake that produced {@code session}. */
  TlsInfo info(SSLSession session) {
    List<CertificateInfo> chain = recorder.chain();
    // gRPC over TLS needs h2 by ALPN: grpc-java fails the handshake without it, so a session here negotiated h2
    return new TlsInfo(session.getProtocol(), session.getCipherSuite(), Optional.of("h2"), chain, recorder.problems(),
        recorder.detail(), TlsImplementation.JDK);
  }
}
