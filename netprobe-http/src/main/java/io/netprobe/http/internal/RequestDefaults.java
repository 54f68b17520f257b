package io.netprobe.http.internal;

import io.netprobe.http.HttpOptions;
import io.netprobe.http.HttpProxy;
import io.netprobe.spi.HttpExchangeRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.annotation.Nullable;

/**
 * The request headers of one exchange, whichever path carries it (OkHttp, the engine's HTTP/1.1, HTTP/3): the probe's
 * own, in their order, then what netprobe adds when the probe did not set it — {@code Authorization} from the
 * credentials, {@code Proxy-Authorization} for a plain-HTTP proxy (replacing the probe's own), {@code
 * Accept-Encoding} (the compression asked for, else {@code identity}, like curl without {@code --compressed}), {@code
 * User-Agent} and {@code Accept: *}{@code /*}. Written once so that a server sees the same request from every path.
 * Stateless; thread-safe.
 */
final class RequestDefaults {
  /** Methods whose request carries content, an empty one ({@code Content-Length: 0}) when the probe has none. */
  static final Set<String> CONTENT_METHODS = Set.of("POST", "PUT", "PATCH", "PROPPATCH", "REPORT");

  private RequestDefaults() {}

  static List<Map.Entry<String, String>> headers(HttpExchangeRequest exchange, String userAgent,
      @Nullable HttpProxy plainProxy) {
    HttpOptions options = exchange.options().options();
    List<Map.Entry<String, String>> headers = new ArrayList<>(exchange.options().requestHeaders());
    boolean authorizationSet = has(headers, "authorization");
    boolean encodingSet = has(headers, "accept-encoding");
    boolean userAgentSet = has(headers, "user-agent");
    boolean acceptSet = has(headers, "accept");
    if (!authorizationSet) {
      options.auth().ifPresent(a -> headers.add(Map.entry("Authorization", a.headerValue())));
    }
    if (plainProxy != null && plainProxy.credentials().isPresent()) {
      headers.removeIf(h -> h.getKey().equalsIgnoreCase("proxy-authorization"));
      headers.add(Map.entry("Proxy-Authorization", plainProxy.credentials().get().headerValue()));
    }
    if (!encodingSet) {
      headers.add(Map.entry("Accept-Encoding", options.compression().orElse("identity")));
    }
    if (!userAgentSet) {
      headers.add(Map.entry("User-Agent", userAgent));
    }
    if (!acceptSet) {
      headers.add(Map.entry("Accept", "*/*"));
    }
    return headers;
  }

  static boolean has(List<? extends Map.Entry<String, String>> headers, String lowerName) {
    for (Map.Entry<String, String> h : headers) {
      if (h.getKey().toLowerCase(Locale.ROOT).equals(lowerName)) {
        return true;
      }
    }
    return false;
  }

  /** The last value of a header, like OkHttp's {@code Headers.get}; null when there is none. */
  static @Nullable String last(List<? extends Map.Entry<String, String>> headers, String name) {
    for (int i = headers.size() - 1; i >= 0; i--) {
      if (headers.get(i).getKey().equalsIgnoreCase(name)) {
        return headers.get(i).getValue();
      }
    }
    return null;
  }
}
