package io.netprobe.exporter.internal.web;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

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
        bytes = gzip(bytes);
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

  /**
   * Deflaters kept for reuse: a new one per response (zlib's init and its ~260 KB of state) cost about as much CPU as
   * the probe itself, and Prometheus asks for gzip on every scrape.
   */
  private static final BlockingQueue<Deflater> DEFLATERS = new ArrayBlockingQueue<>(8);
  private static final byte[] GZIP_HEADER = {0x1f, (byte) 0x8b, Deflater.DEFLATED, 0, 0, 0, 0, 0, 0, (byte) 255};

  /** {@code in} as one gzip member (no name, no time, OS "unknown" as Go's writer has it). */
  static byte[] gzip(byte[] in) {
    Deflater d = DEFLATERS.poll();
    if (d == null) {
      d = new Deflater(Deflater.BEST_SPEED, true); // a few hundred bytes of metric text: level 6 saves little
    }
    try {
      d.setInput(in);
      d.finish();
      byte[] out = new byte[GZIP_HEADER.length + in.length + in.length / 8 + 64];
      System.arraycopy(GZIP_HEADER, 0, out, 0, GZIP_HEADER.length);
      int n = GZIP_HEADER.length;
      while (!d.finished()) {
        if (n == out.length) {
          out = Arrays.copyOf(out, out.length * 2);
        }
        n += d.deflate(out, n, out.length - n);
      }
      CRC32 crc = new CRC32();
      crc.update(in);
      out = Arrays.copyOf(out, n + 8);
      littleEndian(out, n, (int) crc.getValue());
      littleEndian(out, n + 4, in.length);
      return out;
    } finally {
      d.reset();
      if (!DEFLATERS.offer(d)) {
        d.end();
      }
    }
  }

  private static void littleEndian(byte[] b, int at, int v) {
    b[at] = (byte) v;
    b[at + 1] = (byte) (v >>> 8);
    b[at + 2] = (byte) (v >>> 16);
    b[at + 3] = (byte) (v >>> 24);
  }

  static String html(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
