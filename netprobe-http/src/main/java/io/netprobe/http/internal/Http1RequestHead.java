package io.netprobe.http.internal;

import io.netprobe.http.HttpProxy;
import io.netprobe.http.HttpRequestBody;
import io.netprobe.spi.HttpExchangeRequest;
import io.netprobe.core.Host;
import io.netprobe.internal.net.HostParser;
import java.io.ByteArrayOutputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.annotation.Nullable;

/**
 * The bytes of a plain HTTP/1.1 request as an OkHttp exchange sends them: the request line, the headers of
 * {@link RequestDefaults}, then what OkHttp's bridge adds when they do not have it (the content's {@code
 * Content-Type} and {@code Content-Length}, {@code Host}, {@code Connection: Keep-Alive}), in that order, and the
 * content. The engine's exchange sends the same request as OkHttp would, so a server sees no
 * difference. Stateless; thread-safe.
 */
final class Http1RequestHead {
  private Http1RequestHead() {}

  /** {@code proxy}: the HTTP proxy the request goes through, whose request line names the whole URL; or null. */
  static byte[] encode(HttpExchangeRequest request, String userAgent, @Nullable HttpProxy proxy) {
    URI url = request.url();
    List<Map.Entry<String, String>> headers = headers(request, userAgent, proxy);
    byte[] content = content(request);
    StringBuilder head = new StringBuilder(256);
    head.append(request.method()).append(' ');
    if (proxy != null) {
      head.append(url.getScheme().toLowerCase(Locale.ROOT)).append("://").append(hostHeader(url));
    }
    head.append(path(url));
    head.append(" HTTP/1.1\r\n");
    for (Map.Entry<String, String> h : headers) {
      head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
    }
    head.append("\r\n");
    byte[] bytes = head.toString().getBytes(StandardCharsets.UTF_8);
    if (content == null || content.length == 0) {
      return bytes;
    }
    ByteArrayOutputStream all = new ByteArrayOutputStream(bytes.length + content.length);
    all.writeBytes(bytes);
    all.writeBytes(content);
    return all.toByteArray();
  }

  /**
   * The headers OkHttp sends for {@code request}, in its order: {@link RequestDefaults}', then what its bridge adds
   * (the content's type and length, {@code Host}, {@code Connection: Keep-Alive}). HTTP/2 sends them too, less
   * those that name the connection ({@link Http2RequestHead}).
   */
  static List<Map.Entry<String, String>> headers(HttpExchangeRequest request, String userAgent,
      @Nullable HttpProxy proxy) {
    List<Map.Entry<String, String>> headers = RequestDefaults.headers(request, userAgent, proxy);
    Optional<HttpRequestBody> body = request.body();
    byte[] content = content(request);
    if (body.isPresent()) {
      set(headers, "Content-Type", body.get().contentType());
    }
    if (content != null) {
      set(headers, "Content-Length", Integer.toString(content.length));
      remove(headers, "transfer-encoding");
    }
    if (!RequestDefaults.has(headers, "host")) {
      set(headers, "Host", hostHeader(request.url()));
    }
    if (!RequestDefaults.has(headers, "connection")) {
      set(headers, "Connection", "Keep-Alive");
    }
    return headers;
  }

  /** The content OkHttp sends: the body, an empty one for the methods that always carry one, else null. */
  static @Nullable byte[] content(HttpExchangeRequest request) {
    byte[] content = request.body().map(HttpRequestBody::content).orElse(null);
    if (content == null && RequestDefaults.CONTENT_METHODS.contains(request.method())) {
      content = new byte[0];
    }
    return content;
  }

  /** OkHttp's request path: the raw path ("/" when empty) and the raw query. */
  static String path(URI url) {
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    return url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
  }

  /** OkHttp's {@code Host}: the host (an IPv6 address in brackets) and the port unless it is the scheme's. */
  static String hostHeader(URI url) {
    int port = url.getPort();
    return port == -1 || port == defaultPort(url) ? host(url) : host(url) + ":" + port;
  }

  /**
   * OkHttp's canonical host for a header, a CONNECT or the TLS peer: a name in lower case; an address as OkHttp
   * writes it (IPv6 in brackets in RFC 5952's short form) and without a zone: a link-local target's {@code Host} is
   * the address alone, as curl sends it, and TLS names the peer by it.
   */
  static String host(URI url) {
    String host = url.getHost();
    if (host.startsWith("[")) {
      Optional<InetAddress> address = Host.of(host).literal();
      if (address.isPresent()) {
        String text = HostParser.format(address.get());
        return address.get() instanceof Inet6Address ? "[" + text + "]" : text;
      }
    }
    String lower = host.toLowerCase(Locale.ROOT);
    return lower.indexOf(':') >= 0 && !lower.startsWith("[") ? "[" + lower + "]" : lower;
  }

  /** The port the URL names, else its scheme's. */
  static int port(URI url) {
    return url.getPort() != -1 ? url.getPort() : defaultPort(url);
  }

  private static int defaultPort(URI url) {
    return url.getScheme().equalsIgnoreCase("https") ? 443 : 80;
  }

  /** OkHttp's {@code header(name, value)}: every line of that name removed, the new one last. */
  private static void set(List<Map.Entry<String, String>> headers, String name, String value) {
    remove(headers, name.toLowerCase(Locale.ROOT));
    headers.add(Map.entry(name, value));
  }

  private static void remove(List<Map.Entry<String, String>> headers, String lowerName) {
    headers.removeIf(h -> h.getKey().toLowerCase(Locale.ROOT).equals(lowerName));
  }
}
