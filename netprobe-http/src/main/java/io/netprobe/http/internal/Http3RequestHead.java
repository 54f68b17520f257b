package io.netprobe.http.internal;

import io.netprobe.http.HttpRequestBody;
import io.netprobe.spi.HttpExchangeRequest;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http3.DefaultHttp3DataFrame;
import io.netty.handler.codec.http3.DefaultHttp3HeadersFrame;
import io.netty.handler.codec.http3.Http3Headers;
import io.netty.handler.codec.quic.QuicStreamChannel;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes an HTTP/3 request on its stream: the pseudo-headers from the URL and method, the probe's headers (names in
 * lower case, as HTTP/3 requires; a {@code Host} header becomes {@code :authority}; connection-specific headers,
 * which HTTP/3 forbids, are left out), the defaults an OkHttp exchange sends ({@code User-Agent}, {@code Accept},
 * {@code Accept-Encoding}, {@code Authorization} from the credentials), and the content, then ends the stream's
 * sending side. Stateless; thread-safe.
 */
final class Http3RequestHead {
  private Http3RequestHead() {}

  private static final Set<String> CONNECTION_SPECIFIC = Set.of("connection", "keep-alive", "proxy-connection",
      "transfer-encoding", "upgrade", "te");

  /** Writes the request and shuts the stream's output down once it is written. */
  static ChannelFuture write(QuicStreamChannel stream, HttpExchangeRequest request, String userAgent) {
    URI url = request.url();
    DefaultHttp3HeadersFrame head = new DefaultHttp3HeadersFrame();
    Http3Headers h = head.headers();
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    h.method(request.method()).scheme("https").authority(authority(url))
        .path(url.getRawQuery() == null ? path : path + "?" + url.getRawQuery());
    for (Map.Entry<String, String> e : RequestDefaults.headers(request, userAgent, null)) {
      String name = e.getKey().toLowerCase(Locale.ROOT);
      if (name.equals("host")) {
        h.authority(e.getValue());
      } else if (!CONNECTION_SPECIFIC.contains(name)) {
        h.add(name, e.getValue());
      }
    }
    Optional<HttpRequestBody> body = request.body();
    ChannelFuture written;
    if (body.isPresent()) {
      byte[] content = body.get().content();
      if (!h.contains("content-type")) {
        h.set("content-type", body.get().contentType());
      }
      h.set("content-length", Integer.toString(content.length));
      stream.write(head);
      written = stream.writeAndFlush(new DefaultHttp3DataFrame(Unpooled.wrappedBuffer(content)));
    } else {
      if (RequestDefaults.CONTENT_METHODS.contains(request.method())) {
        h.set("content-length", "0");
      }
      written = stream.writeAndFlush(head);
    }
    return written.addListener(QuicStreamChannel.SHUTDOWN_OUTPUT);
  }

  /** The URL's host and port, without user information. */
  private static String authority(URI url) {
    String host = url.getHost();
    if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    return url.getPort() == -1 ? host : host + ":" + url.getPort();
  }
}
