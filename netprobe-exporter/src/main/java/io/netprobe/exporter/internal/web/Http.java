package io.netprobe.exporter.internal.web;

import io.netty.handler.codec.DateFormatter;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.annotation.Nullable;

/** Small helpers for the exporter's server: query strings, gzip, the Date header, HTML escapes. Thread-safe. */
final class Http {
  static final String TEXT = "text/plain; charset=utf-8";

  private Http() {}

  /**
   * Go's {@code ParseQuery}: the first value of each key; a pair with a malformed escape or a semicolon (Go 1.17 and
   * later) is dropped.
   */
  static Map<String, String> query(@Nullable String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw == null) {
      return out;
    }
    for (int from = 0; from <= raw.length(); ) {
      int amp = raw.indexOf('&', from);
      int end = amp < 0 ? raw.length() : amp;
      int semicolon = raw.indexOf(';', from);
      if (end > from && (semicolon < 0 || semicolon >= end)) {
        int eq = raw.indexOf('=', from);
        int keyEnd = eq < 0 || eq > end ? end : eq;
        try {
          String k = unescape(raw, from, keyEnd);
          String v = keyEnd == end ? "" : unescape(raw, keyEnd + 1, end);
          out.putIfAbsent(k, v);
        } catch (IllegalArgumentException e) {
          // a malformed escape: Go's ParseQuery drops the pair too
        }
      }
      from = end + 1;
    }
    return out;
  }

  /** Go's {@code QueryUnescape} of {@code s[from, to)}; most parameters have nothing to unescape. */
  private static String unescape(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c == '%' || c == '+') {
        return URLDecoder.decode(s.substring(from, to), StandardCharsets.UTF_8);
      }
    }
    return s.substring(from, to);
  }

  private record Stamp(long second, String text) {}

  private static volatile Stamp date = new Stamp(-1, "");

  /** The {@code Date} header's value (IMF-fixdate, as Go writes it), formatted once a second. */
  static String date() {
    long now = System.currentTimeMillis();
    Stamp d = date;
    if (d.second() != now / 1000) {
      d = new Stamp(now / 1000, DateFormatter.format(new Date(now / 1000 * 1000)));
      date = d;
    }
    return d.text();
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
