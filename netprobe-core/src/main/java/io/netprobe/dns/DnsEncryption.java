package io.netprobe.dns;

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
 */
@SuppressWarnings("exports") // jsr305's @Nullable is documentation, read from the class path: consumers need not read it
public record DnsEncryption(Protocol protocol, Optional<URI> uri, boolean httpGet, Optional<Path> caFile,
    Optional<String> serverName, boolean verify) {

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
    return new DnsEncryption(protocol, uri, httpGet, caFile, serverName, verify);
  }

  public DnsEncryption withCaFile(Path caFile) {
    return new DnsEncryption(protocol, uri, httpGet, Optional.of(caFile), serverName, true);
  }

  public DnsEncryption withServerName(String serverName) {
    return new DnsEncryption(protocol, uri, httpGet, caFile, Optional.of(serverName), true);
  }

  public DnsEncryption withVerify(boolean verify) {
    return new DnsEncryption(protocol, uri, httpGet, caFile, serverName, verify);
  }
}
