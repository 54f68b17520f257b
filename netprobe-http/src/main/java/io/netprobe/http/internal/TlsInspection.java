package io.netprobe.http.internal;

import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeFailure;
import io.netprobe.http.CertificateInfo;
import io.netprobe.http.HttpProbeSpec;
import io.netprobe.http.TlsImplementation;
import io.netprobe.http.TlsInfo;
import io.netprobe.http.TlsProblem;
import io.netprobe.spi.PemKeys;
import java.io.IOException;
import java.net.URI;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.annotation.Nullable;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Certificate verification for one exchange that reports instead of only refusing: it records the chain exactly as
 * the server sent it, asks the trust manager (the JDK default, or one given for tests) whether the chain is trusted,
 * checks every certificate's dates, and matches the host name itself. In strict mode any problem aborts the
 * handshake before a request is sent (the classifier turns it into a typed failure); in insecure mode ({@code -k})
 * the exchange completes and the problems are reported with the response.
 *
 * <p>Each exchange gets its own {@link SSLContext} (Conscrypt's or the JDK's, see {@link TlsStack}), so no TLS
 * session is resumed and the handshake is real.
 *
 * <p>Thread-safe: the recording is synchronized.
 */
final class TlsInspection {
  private final X509ExtendedTrustManager trust;
  private final String host;
  private final boolean insecure;
  private final TlsStack.Choice choice;
  private final Set<TlsProblem> problems = new LinkedHashSet<>();
  private List<X509Certificate> chain = List.of();
  private @Nullable String detail;
  private javax.net.ssl.KeyManager[] keys = null;

  /** @param choice which TLS implementation makes the handshake */
  TlsInspection(X509ExtendedTrustManager trust, String host, boolean insecure, TlsStack.Choice choice) {
    this.trust = trust;
    this.host = host;
    this.insecure = insecure;
    this.choice = choice;
  }

  /** A configured server name is the probe's host's; a redirect elsewhere names its own host (as Go's client). */
  static Optional<String> serverName(HttpProbeSpec spec, URI url) {
    return spec.options().connection().serverName()
        .filter(n -> url.getHost() != null && url.getHost().equalsIgnoreCase(spec.url().getHost()));
  }

  /**
   * The inspection of one handshake, valid for {@code host}: trusting the probe's CA file if it has one (else {@code
   * trust}), presenting its client certificate if it has one.
   */
  static TlsInspection of(HttpProbeSpec spec, String host, X509ExtendedTrustManager trust,
      TlsStack.Choice choice) throws IOException, java.security.GeneralSecurityException {
    X509ExtendedTrustManager verifying = spec.options().caFile().isPresent()
        ? PemKeys.trust(spec.options().caFile().get()) : trust;
    TlsInspection tls = new TlsInspection(verifying, host, spec.insecure(), choice);
    if (spec.options().clientCertificate().isPresent()) {
      tls.withClientKeys(PemKeys.keys(spec.options().clientCertificate().get()));
    }
    return tls;
  }

  static ProbeFailure unusableKeys(URI url, Exception e) {
    return ProbeFailure.of(FailureKind.TLS_HANDSHAKE, "cannot use the CA file or client certificate for " + url + ": "
        + FailureClassifier.printable(String.valueOf(e.getMessage())), e);
  }

  /** Presents {@code keys}' client certificate when the server asks for one (mutual TLS). */
  synchronized TlsInspection withClientKeys(javax.net.ssl.KeyManager[] keys) {
    this.keys = keys.clone();
    return this;
  }

  /** The client certificate's key manager for mutual TLS, or null when none is presented. */
  synchronized @Nullable javax.net.ssl.KeyManager clientKeyManager() {
    return keys == null || keys.length == 0 ? null : keys[0];
  }

  SSLSocketFactory socketFactory() {
    SSLSocketFactory factory = context().getSocketFactory();
    return choice.implementation() == TlsImplementation.CONSCRYPT ? new PooledBufferSocketFactory(factory) : factory;
  }

  /** A client engine for the engine's exchanges, naming {@code peerHost} (SNI) as OkHttp's socket would. */
  SSLEngine engine(String peerHost, int port) {
    SSLEngine engine = context().createSSLEngine(peerHost, port);
    engine.setUseClientMode(true);
    return engine;
  }

  private SSLContext context() {
    try {
      SSLContext context = TlsStack.newContext(choice);
      javax.net.ssl.KeyManager[] clientKeys;
      synchronized (this) {
        clientKeys = keys;
      }
      context.init(clientKeys, new TrustManager[] {trustManager()}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM cannot create a TLS context", e);
    }
  }

  /** Whether {@code session}'s leaf is valid for the host (recording a mismatch); always true when insecure. */
  boolean verifyHost(SSLSession session) {
    return hostnameVerifier().verify(host, session);
  }

  String host() {
    return host;
  }

  X509ExtendedTrustManager trustManager() {
    return new Recorder();
  }

  HostnameVerifier hostnameVerifier() {
    return (hostname, session) -> hostMatches(leafOf(session)) || insecure;
  }

  /**
   * Whether the leaf of the chain the trust manager saw is valid for the host (HTTP/3, whose QUIC handshake has no
   * host-name verifier of its own); a mismatch is recorded as a problem.
   */
  boolean recordedLeafMatchesHost() {
    List<X509Certificate> sent;
    synchronized (this) {
      sent = chain;
    }
    return hostMatches(sent.isEmpty() ? null : sent.get(0));
  }

  private boolean hostMatches(@Nullable X509Certificate leaf) {
    if (leaf != null && HostnameMatcher.matches(host, leaf)) {
      return true;
    }
    record(TlsProblem.HOSTNAME_MISMATCH, "the certificate is not valid for " + host
        + (leaf == null ? "" : "; it names " + HostnameMatcher.subjectAlternativeNames(leaf)));
    return false;
  }

  synchronized List<TlsProblem> problems() {
    return List.copyOf(problems);
  }

  synchronized Optional<String> detail() {
    return Optional.ofNullable(detail);
  }

  /** The TLS facts of the connection, once the handshake is done. */
  TlsInfo info(SSLSocket socket) {
    return info(socket.getSession(), socket.getApplicationProtocol());
  }

  /** The TLS facts of a handshake made by an engine (QUIC's), given its session and the ALPN protocol. */
  TlsInfo info(SSLSession session, @Nullable String alpn) {
    List<X509Certificate> sent;
    synchronized (this) {
      sent = chain;
    }
    return new TlsInfo(session.getProtocol(), session.getCipherSuite(),
        alpn == null || alpn.isEmpty() ? Optional.empty() : Optional.of(alpn), sent.stream().map(CertificateInfo::of).toList(),
        problems(), detail(), choice.implementation());
  }

  private synchronized void record(TlsProblem problem, String message) {
    problems.add(problem);
    if (detail == null) {
      detail = message;
    }
  }

  private synchronized void recordChain(X509Certificate[] sent) {
    chain = List.copyOf(Arrays.asList(sent));
  }

  private void checkDates(X509Certificate[] sent) {
    Instant now = Instant.now();
    for (X509Certificate c : sent) {
      String subject = c.getSubjectX500Principal().getName();
      if (now.isAfter(c.getNotAfter().toInstant())) {
        record(TlsProblem.EXPIRED, "the certificate " + subject + " expired at " + c.getNotAfter().toInstant());
      } else if (now.isBefore(c.getNotBefore().toInstant())) {
        record(TlsProblem.NOT_YET_VALID, "the certificate " + subject + " is not valid before "
            + c.getNotBefore().toInstant());
      }
    }
  }

  /**
   * The key-exchange name the JDK's trust manager understands. For TLS 1.3 Conscrypt (BoringSSL) says
   * {@code GENERIC} where SunJSSE says {@code UNKNOWN}; the JDK's end-entity check refuses names it does not know
   * ("Unknown authType") whenever the leaf carries a key-usage extension, as every public certificate does.
   */
  static String jdkAuthType(String authType) {
    return authType.equals("GENERIC") ? "UNKNOWN" : authType;
  }

  private static @Nullable X509Certificate leafOf(SSLSession session) {
    try {
      java.security.cert.Certificate[] peer = session.getPeerCertificates();
      return peer.length > 0 && peer[0] instanceof X509Certificate ? (X509Certificate) peer[0] : null;
    } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
      return null;
    }
  }

  /** The trust manager handed to the TLS engine: records, verifies, and refuses only in strict mode. */
  private final class Recorder extends X509ExtendedTrustManager {
    @Override
    public void checkServerTrusted(X509Certificate[] sent, String authType, Socket socket)
        throws CertificateException {
      recordChain(sent);
      checkDates(sent);
      CertificateException verdict = null;
      try {
        trust.checkServerTrusted(sent, jdkAuthType(authType), socket);
      } catch (CertificateException e) {
        verdict = e;
        TlsProblem problem = TlsProblem.of(e);
        if (problem == TlsProblem.UNTRUSTED_ISSUER && sent.length > 0
            && sent[0].getSubjectX500Principal().equals(sent[0].getIssuerX500Principal())) {
          record(problem, "the certificate " + sent[0].getSubjectX500Principal().getName()
              + " is self-signed and not trusted");
        } else {
          record(problem, String.valueOf(e.getMessage()));
        }
      }
      if (!insecure && !problems().isEmpty()) {
        throw verdict != null ? verdict : new CertificateException(detail().orElse("certificate rejected"));
      }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] sent, String authType, SSLEngine engine)
        throws CertificateException {
      checkServerTrusted(sent, authType, (Socket) null);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] sent, String authType) throws CertificateException {
      checkServerTrusted(sent, authType, (Socket) null);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      throw new CertificateException("a probe does not accept client certificates");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      throw new CertificateException("a probe does not accept client certificates");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      throw new CertificateException("a probe does not accept client certificates");
    }

    /**
     * None. A client's accepted issuers only matter to a server asking for a client certificate (a probe sends
     * none) and to OkHttp's certificate pinning (unused); handing over the trust store here made OkHttp index all of
     * {@code cacerts} for every probe, and load it on the first.
     */
    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
