package io.netprobe.http.internal;

import io.netprobe.spi.HttpExchangeRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Locale;

/**
 * The header block of an HTTP/2 request as OkHttp's {@code Http2ExchangeCodec} makes it: {@code :method}, {@code
 * :path}, {@code :authority} (the {@code Host} OkHttp's bridge would send), {@code :scheme}, then the HTTP/1.1
 * request's headers ({@link Http1RequestHead#headers}) lower-cased, less those that name the connection. Stateless;
 * thread-safe.
 */
final class Http2RequestHead {
  /** OkHttp's {@code HTTP_2_SKIPPED_REQUEST_HEADERS}. */
  private static final Set<String> SKIPPED = Set.of("connection", "host", "keep-alive", "proxy-connection", "te",
      "transfer-encoding", "encoding", "upgrade", ":method", ":path", ":scheme", ":authority");

  private Http2RequestHead() {}

  static List<Hpack.Field> headers(HttpExchangeRequest request, String userAgent) {
    List<Map.Entry<String, String>> http1 = Http1RequestHead.headers(request, userAgent, null);
    List<Hpack.Field> block = new ArrayList<>(http1.size() + 4);
    block.add(new Hpack.Field(":method", request.method()));
    block.add(new Hpack.Field(":path", Http1RequestHead.path(request.url())));
    String host = RequestDefaults.last(http1, "host");
    if (host != null) {
      block.add(new Hpack.Field(":authority", host));
    }
    block.add(new Hpack.Field(":scheme", request.url().getScheme().toLowerCase(Locale.ROOT)));
    for (Map.Entry<String, String> h : http1) {
      String name = h.getKey().toLowerCase(Locale.US);
      if (!SKIPPED.contains(name) || name.equals("te") && h.getValue().equals("trailers")) {
        block.add(new Hpack.Field(name, h.getValue()));
      }
    }
    return block;
  }
}
