package io.netprobe.sockets.internal.conversation;

import io.netprobe.core.Deadline;
import io.netprobe.core.Host;
import io.netprobe.http.CertificateInfo;
import io.netprobe.http.TlsImplementation;
import io.netprobe.http.TlsInfo;
import io.netprobe.http.TlsProblem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
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
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The TLS handshake of a conversation, with the JDK's TLS: the chain is verified against the JVM's trust store (or a
 * CA file) and the server name (the JDK's {@code HTTPS} identification); problems are recorded, and in insecure mode
 * the handshake goes on after them. Stateless; thread-safe.
 */
final class ConversationTls {
  private ConversationTls() {}

  /** A socket after its handshake, and what the handshake showed. */
  record Handshaken(SSLSocket socket, TlsInfo info) {}

  static Handshaken handshake(Socket plain, InetSocketAddress target, String serverName, boolean insecure,
      Optional<Path> caFile, io.netprobe.sockets.ConversationTlsOptions options, Deadline deadline)
      throws IOException {
    Recorder recorder;
    SSLContext context;
    try {
      recorder = new Recorder(base(caFile), insecure);
      context = SSLContext.getInstance("TLS");
      javax.net.ssl.KeyManager[] keys = options.clientCertificate().isEmpty() ? null
          : ClientKeys.of(options.clientCertificate().get());
      context.init(keys, new TrustManager[] {recorder}, null);
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot set up TLS: " + e.getMessage(), e);
    }
    SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, serverName, target.getPort(), true);
    if (options.minVersion().isPresent() || options.maxVersion().isPresent()) {
      tls.setEnabledProtocols(ClientKeys.protocols(tls.getEnabledProtocols(), options));
    }
    SSLParameters parameters = tls.getSSLParameters();
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    if (!Host.of(serverName).isLiteral()) {
      parameters.setServerNames(List.of(new SNIHostName(serverName)));
    }
    tls.setSSLParameters(parameters);
    int millis = deadline.remainingMillisForSocket();
    if (millis == 0) {
      throw new SocketTimeoutException("no time left for the TLS handshake");
    }
    tls.setSoTimeout(millis);
    tls.startHandshake();
    return new Handshaken(tls, info(tls, recorder));
  }

  private static TlsInfo info(SSLSocket tls, Recorder r) {
    List<CertificateInfo> chain = r.chain.stream().map(CertificateInfo::of).toList();
    return new TlsInfo(tls.getSession().getProtocol(), tls.getSession().getCipherSuite(), Optional.empty(), chain,
        r.problems, Optional.ofNullable(r.detail), TlsImplementation.JDK);
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

  /** Records the chain and what verification found; throws only in strict mode. */
  private static final class Recorder extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager base;
    private final boolean insecure;
    volatile List<X509Certificate> chain = List.of();
    volatile List<TlsProblem> problems = List.of();
    volatile String detail;

    Recorder(X509ExtendedTrustManager base, boolean insecure) {
      this.base = base;
      this.insecure = insecure;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] sent, String authType, Socket socket)
        throws CertificateException {
      chain = List.copyOf(Arrays.asList(sent));
      try {
        base.checkServerTrusted(sent, authType, socket);
      } catch (CertificateException e) {
        problems = List.of(TlsProblem.of(e));
        detail = String.valueOf(e.getMessage());
        if (!insecure) {
          throw e;
        }
      }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] sent, String authType, SSLEngine engine)
        throws CertificateException {
      throw new CertificateException("conversations use sockets, not engines");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] sent, String authType) throws CertificateException {
      throw new CertificateException("conversations check with the socket");
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
