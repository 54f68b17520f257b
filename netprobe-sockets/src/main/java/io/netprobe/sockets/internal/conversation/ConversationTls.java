package io.netprobe.sockets.internal.conversation;

import io.netprobe.core.Deadline;
import io.netprobe.core.Host;
import io.netprobe.http.TlsImplementation;
import io.netprobe.http.TlsInfo;
import io.netprobe.spi.RecordingTrustManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

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
    RecordingTrustManager recorder;
    SSLContext context;
    try {
      recorder = RecordingTrustManager.of(caFile, insecure);
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

  private static TlsInfo info(SSLSocket tls, RecordingTrustManager r) {
    return new TlsInfo(tls.getSession().getProtocol(), tls.getSession().getCipherSuite(), Optional.empty(), r.chain(),
        r.problems(), r.detail(), TlsImplementation.JDK);
  }
}
