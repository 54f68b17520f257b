package io.netprobe.exporter.internal.web;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** Small helpers for answering on the JDK's server. Stateless and thread-safe. */
final class Http {
  static final String TEXT = "text/plain; charset=utf-8";

  private Http() {}

  static Map<String, String> query(HttpExchange x) {
    Map<String, String> out = new HashMap<>();
    String raw = x.getRequestURI().getRawQuery();
    if (raw == null) {
      return out;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      try {
        String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        out.putIfAbsent(k, v);
      } catch (IllegalArgumentException e) {
        // a malformed escape: Go's ParseQuery drops the pair too
      }
    }
    return out;
  }

  /** Sends {@code body}, gzipped when the client accepts it and it is worth it, and closes the exchange. */
  static void send(HttpExchange x, int status, String type, String body) {
    try (x) {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      String accept = x.getRequestHeaders().getFirst("Accept-Encoding");
      if (accept != null && accept.contains("gzip") && bytes.length > 512) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(bytes.length / 3);
        try (GZIPOutputStream gz = new GZIPOutputStream(buf)) {
          gz.write(bytes);
        }
        bytes = buf.toByteArray();
        x.getResponseHeaders().set("Content-Encoding", "gzip");
      }
      x.getResponseHeaders().set("Content-Type", type);
      x.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        try (OutputStream out = x.getResponseBody()) {
          out.write(bytes);
        }
      }
    } catch (IOException e) {
      // the client went away; nothing to answer
    }
  }

  static String html(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
