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
import io.netprobe.http.TlsProblem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.annotation.Nullable;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The TLS side of one health check: a JDK-provider SslContext whose trust manager records the chain the server sent
 * and what verification found (grpc-java sets HTTPS endpoint identification on the engine, so the host name is
 * checked too), failing the handshake unless insecure. One per check; the recorder is written by Netty's event loop
 * during the handshake and read after the call, so its fields are volatile.
 */
final class GrpcTls {
  private final Recorder recorder;
  final SslContext context;

  private GrpcTls(Recorder recorder, SslContext context) {
    this.recorder = recorder;
    this.context = context;
  }

  /**
   * @param connection whether to go on whatever the certificate ({@code insecure}) and the client certificate to
   *     present when the server asks for one
   */
  static GrpcTls create(Optional<Path> caFile, GrpcConnectionOptions connection)
      throws IOException, GeneralSecurityException {
    Recorder recorder = new Recorder(base(caFile), connection.insecure());
    // the JDK provider, so that TlsInfo names the implementation that made the handshake
    SslContextBuilder builder = GrpcSslContexts.configure(SslContextBuilder.forClient(), SslProvider.JDK)
        .trustManager(recorder);
    if (connection.clientCertificate().isPresent()) {
      ClientCertificate client = connection.clientCertificate().get();
      builder.keyManager(client.certificate().toFile(), client.key().toFile());
    }
    return new GrpcTls(recorder, builder.build());
  }

  /** The facts of the handshake that produced {@code session}. */
  TlsInfo info(SSLSession session) {
    List<CertificateInfo> chain = recorder.chain.stream().map(CertificateInfo::of).toList();
    // gRPC over TLS needs h2 by ALPN: grpc-java fails the handshake without it, so a session here negotiated h2
    return new TlsInfo(session.getProtocol(), session.getCipherSuite(), Optional.of("h2"), chain, recorder.problems,
        Optional.ofNullable(recorder.detail), TlsImplementation.JDK);
  }

  private static X509ExtendedTrustManager base(Optional<Path> caFile) throws GeneralSecurityException, IOException {
    KeyStore store = null;
    if (caFile.isPresent()) {
      store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate c : java.security.cert.CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(caFile.get())))) {
        store.setCertificateEntry("ca" + i++, c);
      }
      if (i == 0) {
        throw new IOException("no certificate in it");
      }
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    for (TrustManager tm : tmf.getTrustManagers()) {
      if (tm instanceof X509ExtendedTrustManager x) {
        return x;
      }
    }
    throw new GeneralSecurityException("no X.509 trust manager");
  }

  /** Records the chain and what verification found; throws only when not insecure. */
  private static final class Recorder extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager base;
    private final boolean insecure;
    volatile List<X509Certificate> chain = List.of();
    volatile List<TlsProblem> problems = List.of();
    @Nullable volatile String detail;

    Recorder(X509ExtendedTrustManager base, boolean insecure) {
      this.base = base;
      this.insecure = insecure;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] sent, String authType, SSLEngine engine)
        throws CertificateException {
      chain = List.copyOf(Arrays.asList(sent));
      try {
        base.checkServerTrusted(sent, authType, engine);
      } catch (CertificateException e) {
        problems = List.of(TlsProblem.of(e));
        detail = String.valueOf(e.getMessage());
        if (!insecure) {
          throw e;
        }
      }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] sent, String authType, Socket socket)
        throws CertificateException {
      throw new CertificateException("gRPC's TLS uses engines, not sockets");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] sent, String authType) throws CertificateException {
      throw new CertificateException("gRPC's TLS checks with the engine");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      throw new CertificateException("a probe is never a TLS server");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      throw new CertificateException("a probe is never a TLS server");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      throw new CertificateException("a probe is never a TLS server");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
