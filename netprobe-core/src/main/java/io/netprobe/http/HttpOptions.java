package io.netprobe.http;

import io.netprobe.core.IpPreference;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The options of an HTTP probe beyond {@code curl -I}: what the request carries (body, credentials), how it travels
 * (proxy, client certificate, CA file, source address, address family), how the body is read (compression, size
 * limit) and what the final response must satisfy. Set them with {@link HttpProbeRequest}'s methods.
 *
 * <p>Immutable and thread-safe. {@link #toString()} shows no secret: credentials, proxy passwords and key passwords
 * are redacted, the body appears as its length.
 *
 * @param body the content sent with the request's method ({@code -d}); never with a GET after a 303
 * @param auth credentials for the {@code Authorization} header ({@code -u}, bearer)
 * @param proxy an {@code http://[user:password@]host:port} proxy ({@code -x}); HTTPS goes through it with CONNECT
 * @param clientCertificate a certificate and key for mutual TLS ({@code --cert}/{@code --key})
 * @param caFile PEM file of the certificates to trust instead of the JVM's ({@code --cacert})
 * @param sourceAddress the local address connections are made from ({@code --interface})
 * @param compression the content coding to ask for and decode ({@code gzip} or {@code deflate}, like
 *     {@code --compressed}); empty asks for {@code identity}
 * @param bodySizeLimit the most body bytes (after decoding) a response may have; more fails the probe
 *     ({@code body_size_limit}); 0 for no such check
 * @param assertions checks of the final response, in order
 * @param ipPreference which address family to connect with ({@code preferred_ip_protocol}); empty lets the backend
 *     try every address (happy eyeballs)
 * @param connection the TLS server name, TLS versions and HTTP/2 choice of the connections
 */
public record HttpOptions(Optional<HttpRequestBody> body, Optional<HttpAuth> auth, Optional<HttpProxy> proxy,
    Optional<ClientCertificate> clientCertificate, Optional<Path> caFile, Optional<InetAddress> sourceAddress,
    Optional<String> compression, long bodySizeLimit, List<HttpAssertion> assertions,
    Optional<IpPreference> ipPreference, HttpConnectionOptions connection) {

  /** No option set: {@code curl -I}. */
  public static final HttpOptions NONE = new HttpOptions(Optional.empty(), Optional.empty(), Optional.empty(),
      Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 0, List.of(), Optional.empty(),
      HttpConnectionOptions.DEFAULT);

  /** The most body bytes read for body assertions when no {@link #bodySizeLimit()} is set. */
  public static final int DEFAULT_ASSERTION_BODY_BYTES = 4 * 1024 * 1024;

  public HttpOptions {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(auth, "auth");
    Objects.requireNonNull(proxy, "proxy");
    Objects.requireNonNull(clientCertificate, "clientCertificate");
    Objects.requireNonNull(caFile, "caFile");
    Objects.requireNonNull(sourceAddress, "sourceAddress");
    Objects.requireNonNull(compression, "compression");
    assertions = List.copyOf(assertions);
    Objects.requireNonNull(ipPreference, "ipPreference");
    Objects.requireNonNull(connection, "connection");
    if (bodySizeLimit < 0) {
      throw new IllegalArgumentException("bodySizeLimit must be 0 (none) or positive, was " + bodySizeLimit);
    }
  }

  /** Whether an assertion needs the body's content. */
  public boolean needsBody() {
    return assertions.stream().anyMatch(a -> a instanceof HttpAssertion.BodyMatches
        || a instanceof HttpAssertion.BodyNotMatches || a instanceof HttpAssertion.JsonPathMatches
        || a instanceof HttpAssertion.BodyCheck);
  }

  public HttpOptions withBody(Optional<HttpRequestBody> body) {
    return new HttpOptions(body, auth, proxy, clientCertificate, caFile, sourceAddress, compression, bodySizeLimit, assertions, ipPreference,
        connection);
  }

  public HttpOptions withAuth(Optional<HttpAuth> auth) {
    return new HttpOptions(body, auth, proxy, clientCertificate, caFile, sourceAddress, compression, bodySizeLimit, assertions, ipPreference,
        connection);
  }

  public HttpOptions withProxy(Optional<HttpProxy> proxy) {
    return new HttpOptions(body, auth, proxy, clientCertificate, caFile, sourceAddress, compression, bodySizeLimit, assertions, ipPreference,
        connection);
  }

  public HttpOptions withClientCertificate(Optional<ClientCertificate> clientCertificate) {
    return new HttpOptions(body, auth, proxy, clientCertificate, caFile, sourceAddress, compression, bodySizeLimit, assertions, ipPreference,
        connection);
  }

  public HttpOptions withCaFile(Optional<Path> caFile) {
    return new HttpOptions(body, auth, proxy, clientCertificate, caFile, sourceAddress, compression, bodySizeLimit, assertions, ipPreference,
        connection);
  }

  public HttpOptions withSourceAddress(Optional<InetAddress> sourceAddress) {
    return new HttpOptions(body, auth, proxy, clientCertificate, caFile, sourceAddress, compression, bodySizeLimit, assertions, ipPreference,
        connection);
  }

  public HttpOptions withCompression(Optional<String> compression) {
    return new HttpOptions(body, auth, proxy, clientCertificate, caFile, sourceAddress, compression, bodySizeLimit, assertions, ipPreference,
        connection);
  }

  public HttpOptions withBodySizeLimit(long bodySizeLimit) {
    return new HttpOptions(body, auth, proxy, clientCertificate, caFile, sourceAddress, compression, bodySizeLimit, assertions, ipPreference,
        connection);
  }

  /** These options with {@code assertion} added after the others. */
  public HttpOptions plusAssertion(HttpAssertion assertion) {
    List<HttpAssertion> more = new ArrayList<>(assertions);
    more.add(Objects.requireNonNull(assertion, "assertion"));
    return new HttpOptions(body, auth, proxy, clientCertificate, caFile, sourceAddress, compression, bodySizeLimit, more, ipPreference,
        connection);
  }

  public HttpOptions withIpPreference(Optional<IpPreference> ipPreference) {
    return new HttpOptions(body, auth, proxy, clientCertificate, caFile, sourceAddress, compression, bodySizeLimit, assertions, ipPreference,
        connection);
  }

  public HttpOptions withConnection(HttpConnectionOptions connection) {
    return new HttpOptions(body, auth, proxy, clientCertificate, caFile, sourceAddress, compression, bodySizeLimit,
        assertions, ipPreference, connection);
  }

  @Override
  public String toString() {
    return "HttpOptions[body=" + body + ", auth=" + auth + ", proxy=" + proxy
        + ", clientCertificate=" + clientCertificate + ", caFile=" + caFile + ", sourceAddress=" + sourceAddress
        + ", compression=" + compression + ", bodySizeLimit=" + bodySizeLimit + ", assertions="
        + assertions.stream().map(HttpAssertion::describe).toList() + ", ipPreference=" + ipPreference
        + ", connection=" + connection + "]";
  }
}
