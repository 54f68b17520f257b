package io.netprobe.dns.internal;

import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeFailure;
import io.netprobe.dns.DnsEncryption;
import io.netprobe.http.CertificateInfo;
import io.netprobe.http.TlsImplementation;
import io.netprobe.http.TlsInfo;
import io.netprobe.http.TlsProblem;
import io.netprobe.spi.PemKeys;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.annotation.Nullable;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Certificate checks for DNS over TLS and HTTPS: the chain against the system's trust store or a CA file, the dates,
 * and the name ({@code +tls-hostname}, else the address or URI host the client connected to) matched against the
 * subject alternative names. With verification on, a problem aborts the handshake with a {@link Problem} that
 * {@link #failure} turns into a typed failure; with it off, any certificate is accepted and its problems are only
 * reported in the {@link TlsInfo}. Thread-safe.
 */
final class TlsTrust {
  private final X509TrustManager chainCheck;
  private final @Nullable String serverName;
  private final boolean verify;
  private final @Nullable KeyManager[] keys;
  private final String[] protocols;
  private @Nullable SSLContext context;
  /**
   * The last certificate this trust rejected, per peer ({@code host:port}): the JDK's HTTP client sometimes reports a
   * handshake it aborted as the connection's end ("closed", "reset") rather than with the rejection as the cause.
   */
  private final java.util.concurrent.ConcurrentHashMap<String, Rejection> rejected =
      new java.util.concurrent.ConcurrentHashMap<>();

  private record Rejection(Problem problem, long atNanos) {}

  private final Checker checker = new Checker();

  /** A certificate problem found during the handshake. */
  static final class Problem extends CertificateException {
    private static final long serialVersionUID = 1L;
    final transient TlsProblem problem;

    Problem(TlsProblem problem, String message, @Nullable Throwable cause) {
      super(message, cause);
      this.problem = problem;
    }
  }

  private TlsTrust(X509TrustManager chainCheck, @Nullable String serverName, boolean verify,
      @Nullable KeyManager[] keys, List<String> protocols) {
    this.chainCheck = chainCheck;
    this.serverName = serverName;
    this.verify = verify;
    this.keys = keys;
    this.protocols = protocols.toArray(new String[0]);
  }

  /**
   * The checks {@code e} asks for.
   *
   * @throws IllegalArgumentException when the CA file cannot be read or holds no certificate
   */
  static TlsTrust of(DnsEncryption e) {
    try {
      X509TrustManager tm;
      if (e.caFile().isPresent()) {
        tm = PemKeys.trust(e.caFile().get());
      } else {
        TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        f.init((KeyStore) null);
        tm = Arrays.stream(f.getTrustManagers()).filter(X509TrustManager.class::isInstance)
            .map(X509TrustManager.class::cast).findFirst()
            .orElseThrow(() -> new IllegalStateException("no X.509 trust manager in this JVM"));
      }
      KeyManager[] keys = null;
      if (e.clientCertificate().isPresent()) {
        try {
          keys = PemKeys.keys(e.clientCertificate().get());
        } catch (IOException | GeneralSecurityException bad) {
          throw new IllegalArgumentException("cannot use the TLS client certificate "
              + e.clientCertificate().get().certificate() + ": " + bad.getMessage(), bad);
        }
      }
      return new TlsTrust(tm, e.serverName().orElse(null), e.verify(), keys, e.tlsProtocols());
    } catch (IOException | GeneralSecurityException ex) {
      throw new IllegalArgumentException("cannot read the TLS CA file " + e.caFile().map(Object::toString)
          .orElse("(system trust store)") + ": " + ex.getMessage(), ex);
    }
  }

  /** The TLS versions to offer (JSSE names), within the request's bounds. */
  String[] protocols() {
    return protocols.clone();
  }

  /** The name to send as SNI, when one was given. */
  Optional<String> serverName() {
    return Optional.ofNullable(serverName);
  }

  /** The trust manager of {@link #context()}'s handshakes. */
  X509ExtendedTrustManager trustManager() {
    return checker;
  }

  /** The TLS context that checks as configured, made once: its first creation in a JVM is slow. */
  synchronized SSLContext context() {
    if (context == null) {
      try {
        SSLContext c = SSLContext.getInstance("TLS");
        c.init(keys, new TrustManager[] {checker}, null);
        context = c;
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("this JVM cannot create a TLS context", e);
      }
    }
    return context;
  }

  /** What is wrong with {@code chain} for a server reached as {@code peerHost}; empty when nothing. */
  List<Problem> problems(X509Certificate[] chain, String authType, @Nullable String peerHost) {
    List<Problem> out = new ArrayList<>();
    Instant now = Instant.now();
    for (X509Certificate c : chain) {
      if (now.isAfter(c.getNotAfter().toInstant())) {
        out.add(new Problem(TlsProblem.EXPIRED, "the certificate " + c.getSubjectX500Principal().getName()
            + " expired at " + c.getNotAfter().toInstant(), null));
      } else if (now.isBefore(c.getNotBefore().toInstant())) {
        out.add(new Problem(TlsProblem.NOT_YET_VALID, "the certificate " + c.getSubjectX500Principal().getName()
            + " is not valid before " + c.getNotBefore().toInstant(), null));
      }
    }
    try {
      chainCheck.checkServerTrusted(chain, authType.equals("GENERIC") ? "UNKNOWN" : authType);
    } catch (CertificateExpiredException | CertificateNotYetValidException dates) {
      // reported above, per certificate
    } catch (CertificateException e) {
      out.add(new Problem(TlsProblem.UNTRUSTED_ISSUER, "the certificate is not trusted: " + e.getMessage(), e));
    }
    String expected = serverName != null ? serverName : peerHost;
    if (expected != null && chain.length > 0 && !matches(expected, chain[0])) {
      out.add(new Problem(TlsProblem.HOSTNAME_MISMATCH, "the certificate is not valid for " + expected
          + "; it names " + names(chain[0]), null));
    }
    return out;
  }

  /** The TLS facts of a finished handshake. */
  TlsInfo info(SSLSession session, @Nullable String alpn, @Nullable String peerHost) {
    X509Certificate[] chain = peerChain(session);
    List<Problem> problems = problems(chain, "UNKNOWN", peerHost);
    return new TlsInfo(session.getProtocol(), session.getCipherSuite(),
        alpn == null || alpn.isEmpty() ? Optional.empty() : Optional.of(alpn), certificateInfos(chain),
        problems.stream().map(p -> p.problem).distinct().toList(),
        problems.stream().findFirst().map(Throwable::getMessage), TlsImplementation.JDK);
  }

  private static X509Certificate[] peerChain(SSLSession session) {
    try {
      return Arrays.stream(session.getPeerCertificates()).filter(X509Certificate.class::isInstance)
          .toArray(X509Certificate[]::new);
    } catch (SSLPeerUnverifiedException e) {
      return new X509Certificate[0];
    }
  }

  /**
   * The rejection of {@code host:port}'s certificate by this trust at or after {@code sinceNanos} ({@link
   * System#nanoTime()}), as {@link #failure} gives it; null when there was none.
   */
  @Nullable ProbeFailure rejectedSince(String host, int port, long sinceNanos, String where) {
    Rejection r = rejected.get(peer(host, port));
    return r == null || r.atNanos() - sinceNanos < 0 ? null : failure(r.problem(), where);
  }

  private static String peer(@Nullable String host, int port) {
    String h = host == null ? "" : host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return h + "#" + port;
  }

  /** The typed failure of a handshake that failed, or null when {@code e} was no TLS failure. */
  static @Nullable ProbeFailure failure(Throwable e, String where) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof Problem p) {
        FailureKind kind = switch (p.problem) {
          case EXPIRED -> FailureKind.TLS_CERTIFICATE_EXPIRED;
          case NOT_YET_VALID -> FailureKind.TLS_CERTIFICATE_NOT_YET_VALID;
          case UNTRUSTED_ISSUER -> FailureKind.TLS_UNTRUSTED;
          case HOSTNAME_MISMATCH -> FailureKind.TLS_HOSTNAME_MISMATCH;
          case OTHER -> FailureKind.TLS_HANDSHAKE;
        };
        return ProbeFailure.of(kind, "TLS peer certificate verification for " + where + " failed: "
            + p.getMessage(), e);
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SSLException) {
        return ProbeFailure.of(FailureKind.TLS_HANDSHAKE, "the TLS handshake with " + where + " failed: "
            + Endpoints.reason(t), e);
      }
    }
    return null;
  }

  private static List<CertificateInfo> certificateInfos(X509Certificate[] chain) {
    List<CertificateInfo> out = new ArrayList<>();
    for (X509Certificate c : chain) {
      String fingerprint;
      try {
        fingerprint = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
      } catch (GeneralSecurityException e) {
        fingerprint = "";
      }
      out.add(new CertificateInfo(c.getSubjectX500Principal().getName(), c.getIssuerX500Principal().getName(),
          names(c), c.getNotBefore().toInstant(), c.getNotAfter().toInstant(), c.getSerialNumber().toString(16),
          fingerprint));
    }
    return out;
  }

  private static List<String> names(X509Certificate c) {
    List<String> out = new ArrayList<>();
    try {
      Collection<List<?>> sans = c.getSubjectAlternativeNames();
      if (sans != null) {
        for (List<?> san : sans) {
          Object type = san.get(0);
          if (Integer.valueOf(2).equals(type) || Integer.valueOf(7).equals(type)) {
            out.add(String.valueOf(san.get(1)));
          }
        }
      }
    } catch (CertificateException e) {
      // no readable names
    }
    return out;
  }

  /** RFC 6125 in short: IP literals match IP entries exactly; names match DNS entries, a leftmost * one label. */
  static boolean matches(String expected, X509Certificate leaf) {
    String host = expected.toLowerCase(Locale.ROOT);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    boolean literal = host.indexOf(':') >= 0 || host.matches("[0-9.]+");
    for (String name : names(leaf)) {
      String n = name.toLowerCase(Locale.ROOT);
      if (literal) {
        if (sameAddress(host, n)) {
          return true;
        }
      } else if (n.equals(host) || (n.startsWith("*.") && host.indexOf('.') > 0
          && host.substring(host.indexOf('.')).equals(n.substring(1)))) {
        return true;
      }
    }
    return false;
  }

  private static boolean sameAddress(String a, String b) {
    if (b.indexOf(':') < 0 && !b.matches("[0-9.]+")) {
      return false;
    }
    try {
      return InetAddress.getByName(a).equals(InetAddress.getByName(b));
    } catch (IOException e) {
      return false;
    }
  }

  /** The trust manager the handshake uses. */
  private final class Checker extends X509ExtendedTrustManager {
    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      String host = socket == null || socket.getInetAddress() == null ? null
          : socket.getInetAddress().getHostAddress();
      check(chain, authType, host, socket == null ? -1 : socket.getPort());
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      check(chain, authType, engine == null ? null : engine.getPeerHost(), engine == null ? -1 : engine.getPeerPort());
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      check(chain, authType, null, -1);
    }

    private void check(X509Certificate[] chain, String authType, @Nullable String host, int port)
        throws CertificateException {
      if (!verify) {
        return;
      }
      List<Problem> problems = problems(chain, authType, host);
      if (!problems.isEmpty()) {
        if (host != null && port > 0) {
          rejected.put(peer(host, port), new Rejection(problems.get(0), System.nanoTime()));
        }
        throw problems.get(0);
      }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
      throw new UnsupportedOperationException("a DNS client does not check client certificates");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
      throw new UnsupportedOperationException("a DNS client does not check client certificates");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
      throw new UnsupportedOperationException("a DNS client does not check client certificates");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return chainCheck.getAcceptedIssuers();
    }
  }
}
