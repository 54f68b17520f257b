package io.netprobe.dns;

import io.netprobe.http.ClientCertificate;
import io.netprobe.http.TlsVersion;
import io.netprobe.http.TlsVersionRange;
import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How a DNS query is encrypted: DNS over TLS (RFC 7858, {@code dig +tls}) or DNS over HTTPS (RFC 8484,
 * {@code dig +https}), and how the server's certificate is checked.
 *
 * <p>Immutable and thread-safe.
 *
 * @param protocol TLS or HTTPS
 * @param uri for HTTPS, the URI to send to ({@code https://host:port/path}); empty means
 *     {@code https://<server>:<port>/dns-query} for each server asked
 * @param httpGet for HTTPS, whether to send GET {@code ?dns=…} instead of POST
 * @param caFile a PEM file with the certificates to trust instead of the system's ({@code +tls-ca=FILE})
 * @param serverName the name the certificate must carry and the SNI sent ({@code +tls-hostname}); empty means the
 *     server's address (or the URI's host)
 * @param verify whether the certificate is checked at all; when false any certificate is accepted and only the TLS
 *     facts are reported (dig's opportunistic {@code +tls})
 * @param clientCertificate a certificate and unencrypted PKCS#8 key presented when the server asks (mutual TLS)
 * @param minTlsVersion the lowest TLS version offered; empty for TLS 1.2
 * @param maxTlsVersion the highest TLS version offered; empty for TLS 1.3
 */
@SuppressWarnings("exports") // jsr305's @Nullable is documentation, read from the class path: consumers need not read it
public record DnsEncryption(Protocol protocol, Optional<URI> uri, boolean httpGet, Optional<Path> caFile,
    Optional<String> serverName, boolean verify, Optional<ClientCertificate> clientCertificate,
    Optional<TlsVersion> minTlsVersion, Optional<TlsVersion> maxTlsVersion) {

  /** The two encrypted transports. */
  public enum Protocol {
    /** DNS over TLS, port 853. */
    TLS,
    /** DNS over HTTPS, port 443. */
    HTTPS
  }

  public DnsEncryption {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(caFile, "caFile");
    Objects.requireNonNull(serverName, "serverName");
    Objects.requireNonNull(clientCertificate, "clientCertificate");
    Objects.requireNonNull(minTlsVersion, "minTlsVersion");
    Objects.requireNonNull(maxTlsVersion, "maxTlsVersion");
    TlsVersionRange.requireOrdered(minTlsVersion, maxTlsVersion);
    if (clientCertificate.flatMap(ClientCertificate::keyPassword).isPresent()) {
      throw new IllegalArgumentException("an encrypted client key is not supported for DNS over TLS or HTTPS");
    }
    if (protocol == Protocol.TLS && (uri.isPresent() || httpGet)) {
      throw new IllegalArgumentException("a URI and GET only apply to DNS over HTTPS");
    }
    uri.ifPresent(u -> {
      if (!"https".equalsIgnoreCase(u.getScheme()) || u.getHost() == null) {
        throw new IllegalArgumentException("the DNS over HTTPS URI must be https://host[:port]/path, was \"" + u
            + "\"");
      }
    });
  }

  /** Without a client certificate and with the default TLS versions. */
  public DnsEncryption(Protocol protocol, Optional<URI> uri, boolean httpGet, Optional<Path> caFile,
      Optional<String> serverName, boolean verify) {
    this(protocol, uri, httpGet, caFile, serverName, verify, Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** DNS over TLS with the certificate checked against the system's trust store. */
  public static DnsEncryption tls() {
    return new DnsEncryption(Protocol.TLS, Optional.empty(), false, Optional.empty(), Optional.empty(), true);
  }

  /** DNS over HTTPS (POST) to {@code uri}, or to each server's {@code /dns-query} when null. */
  public static DnsEncryption https(@javax.annotation.Nullable URI uri) {
    return new DnsEncryption(Protocol.HTTPS, Optional.ofNullable(uri), false, Optional.empty(), Optional.empty(),
        true);
  }

  /** The port a server is asked on when the request names none but 53: 853 for TLS, 443 for HTTPS. */
  public int defaultPort() {
    return protocol == Protocol.TLS ? 853 : 443;
  }

  public DnsEncryption withHttpGet(boolean httpGet) {
    return new DnsEncryption(protocol, uri, httpGet, caFile, serverName, verify, clientCertificate, minTlsVersion,
        maxTlsVersion);
  }

  public DnsEncryption withCaFile(Path caFile) {
    return new DnsEncryption(protocol, uri, httpGet, Optional.of(caFile), serverName, true, clientCertificate,
        minTlsVersion, maxTlsVersion);
  }

  public DnsEncryption withServerName(String serverName) {
    return new DnsEncryption(protocol, uri, httpGet, caFile, Optional.of(serverName), true, clientCertificate,
        minTlsVersion, maxTlsVersion);
  }

  public DnsEncryption withVerify(boolean verify) {
    return new DnsEncryption(protocol, uri, httpGet, caFile, serverName, verify, clientCertificate, minTlsVersion,
        maxTlsVersion);
  }

  /** These certificate and TLS options on {@code other}'s protocol, URI and method. */
  public DnsEncryption onTransportOf(DnsEncryption other) {
    return new DnsEncryption(other.protocol, other.uri, other.httpGet, caFile, serverName, verify, clientCertificate,
        minTlsVersion, maxTlsVersion);
  }

  public DnsEncryption withClientCertificate(Optional<ClientCertificate> clientCertificate) {
    return new DnsEncryption(protocol, uri, httpGet, caFile, serverName, verify, clientCertificate, minTlsVersion,
        maxTlsVersion);
  }

  public DnsEncryption withTlsVersions(Optional<TlsVersion> min, Optional<TlsVersion> max) {
    return new DnsEncryption(protocol, uri, httpGet, caFile, serverName, verify, clientCertificate, min, max);
  }

  /** The JSSE names of the TLS versions offered, lowest first: the bounds, else TLS 1.2 to TLS 1.3. */
  public java.util.List<String> tlsProtocols() {
    return TlsVersionRange.javaNames(minTlsVersion, maxTlsVersion);
  }
}
