package io.netprobe.http;

import io.netprobe.core.Host;
import io.netprobe.core.Redaction;
import io.netprobe.core.Secret;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP proxy ({@code curl -x http://[user:password@]host:port}); https URLs go through it with CONNECT.
 *
 * <p>Immutable and thread-safe; the password is never shown.
 *
 * @param host the proxy's host
 * @param port the proxy's port
 * @param credentials Basic credentials for {@code Proxy-Authorization}, when the URL had user info
 * @param connectHeaders headers sent to the proxy with CONNECT (https through the proxy), not to the origin
 *     (blackbox's {@code proxy_connect_header}); their values are treated as secrets and never shown
 */
public record HttpProxy(Host host, int port, Optional<HttpAuth.Basic> credentials,
    List<Map.Entry<String, String>> connectHeaders) {
  public HttpProxy {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(credentials, "credentials");
    connectHeaders = List.copyOf(connectHeaders);
    for (Map.Entry<String, String> h : connectHeaders) {
      if (!h.getKey().matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
        throw new IllegalArgumentException("a proxy CONNECT header name must be an HTTP token, was "
            + io.netprobe.internal.Validate.quote(h.getKey()));
      }
      if (h.getValue().chars().anyMatch(c -> c != '\t' && (c < 0x20 || c > 0x7e))) {
        throw new IllegalArgumentException("the value of proxy CONNECT header " + h.getKey()
            + " must be printable ASCII");
      }
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("proxy port must be between 1 and 65535, was " + port);
    }
  }

  /** A proxy without CONNECT headers. */
  public HttpProxy(Host host, int port, Optional<HttpAuth.Basic> credentials) {
    this(host, port, credentials, List.of());
  }

  /** This proxy, sending {@code headers} with every CONNECT. */
  public HttpProxy withConnectHeaders(List<Map.Entry<String, String>> headers) {
    return new HttpProxy(host, port, credentials, headers);
  }

  /**
   * Parses {@code http://[user:password@]host:port} (percent-encoded user info, like curl).
   *
   * @throws IllegalArgumentException for another scheme, no port or no host; the message never shows the password
   */
  public static HttpProxy parse(String url) {
    Objects.requireNonNull(url, "url");
    String shown = "\"" + Redaction.display(url) + "\"";
    if (!url.regionMatches(true, 0, "http://", 0, 7)) {
      throw new IllegalArgumentException("proxy must be an http://host:port URL, was " + shown);
    }
    String rest = url.substring(7);
    int slash = rest.indexOf('/');
    String authority = slash < 0 ? rest : rest.substring(0, slash);
    Optional<HttpAuth.Basic> credentials = Optional.empty();
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      String info = authority.substring(0, at);
      int colon = info.indexOf(':');
      String user = URLDecoder.decode(colon < 0 ? info : info.substring(0, colon), StandardCharsets.UTF_8);
      String password = colon < 0 ? "" : URLDecoder.decode(info.substring(colon + 1), StandardCharsets.UTF_8);
      credentials = Optional.of(new HttpAuth.Basic(user, Secret.of(password)));
      authority = authority.substring(at + 1);
    }
    int colon = authority.lastIndexOf(':');
    if (colon < 0 || authority.endsWith("]") || !authority.substring(colon + 1).matches("[0-9]{1,5}")) {
      throw new IllegalArgumentException("proxy must name its port (http://host:port), was " + shown);
    }
    Host host = Host.of(authority.substring(0, colon));
    return new HttpProxy(host, Integer.parseInt(authority.substring(colon + 1)), credentials);
  }

  @Override
  public String toString() {
    return "http://" + (credentials.isPresent() ? credentials.get().user() + ":" + Redaction.MARK + "@" : "")
        + host.uriHost() + ":" + port + (connectHeaders.isEmpty() ? "" : " (CONNECT headers "
        + connectHeaders.stream().map(Map.Entry::getKey).toList() + ")");
  }
}
