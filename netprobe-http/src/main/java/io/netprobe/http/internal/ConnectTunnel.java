package io.netprobe.http.internal;

import io.netprobe.http.HttpProxy;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The tunnel an HTTPS exchange through an HTTP proxy makes first, as OkHttp makes it: {@code CONNECT host:port} with
 * {@code Host}, {@code Proxy-Connection: Keep-Alive} and OkHttp's own {@code User-Agent}, then what netprobe's proxy
 * authenticator adds at once (the proxy's credentials, the probe's CONNECT headers); the proxy's answer is read with
 * OkHttp's rules and words: 200 opens the tunnel, 407 is "Failed to authenticate with proxy" (the credentials were
 * sent already), anything else "Unexpected response code for CONNECT". Not thread-safe: the exchange's loop uses it.
 */
final class ConnectTunnel {
  /** What OkHttp's tunnel request says it is (not the probe's User-Agent, which only the origin sees). */
  private static final String OKHTTP_USER_AGENT = "okhttp/" + okhttp3.OkHttp.VERSION;

  private final Http1ResponseReader reader;

  ConnectTunnel(URI url) {
    this.reader = new Http1ResponseReader(url.toString(), true, 0);
  }

  /** The CONNECT request for {@code url} through {@code proxy}. */
  static ByteBuffer request(URI url, HttpProxy proxy) {
    String target = Http1RequestHead.host(url) + ":" + Http1RequestHead.port(url);
    StringBuilder head = new StringBuilder(256).append("CONNECT ").append(target).append(" HTTP/1.1\r\n")
        .append("Host: ").append(target).append("\r\n")
        .append("Proxy-Connection: Keep-Alive\r\n")
        .append("User-Agent: ").append(OKHTTP_USER_AGENT).append("\r\n");
    proxy.credentials().ifPresent(c -> head.append("Proxy-Authorization: ").append(c.headerValue()).append("\r\n"));
    for (Map.Entry<String, String> h : proxy.connectHeaders()) {
      head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
    }
    return ByteBuffer.wrap(head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads the proxy's answer as it comes; true once the tunnel is open.
   *
   * @throws IOException when the proxy refused it, in OkHttp's words
   */
  boolean feed(ByteBuffer bytes) throws IOException {
    if (!reader.feed(bytes)) {
      return false;
    }
    switch (reader.code()) {
      case 200 -> {
        if (bytes.hasRemaining()) {
          throw new IOException("TLS tunnel buffered too many bytes!");
        }
        return true;
      }
      case 407 -> throw new IOException("Failed to authenticate with proxy");
      default -> throw new IOException("Unexpected response code for CONNECT: " + reader.code());
    }
  }

  /** The proxy closed the connection before its answer's end. */
  void end() throws IOException {
    reader.end();
    throw new IOException("unexpected end of stream on the proxy's answer to CONNECT");
  }
}
