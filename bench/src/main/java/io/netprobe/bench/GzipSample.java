package io.netprobe.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/** A few gzipped scrapes read back and checked for {@code probe_success 1}. Stateless. */
final class GzipSample {
  private GzipSample() {}

  static int successes(String url, int n) throws IOException {
    int ok = 0;
    for (int i = 0; i < n; i++) {
      HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
      c.setRequestProperty("Accept-Encoding", "gzip");
      c.setRequestProperty("X-Prometheus-Scrape-Timeout-Seconds", "5");
      c.setConnectTimeout(5000);
      c.setReadTimeout(10_000);
      try (InputStream raw = c.getInputStream();
          InputStream in = "gzip".equalsIgnoreCase(c.getContentEncoding()) ? new GZIPInputStream(raw) : raw) {
        String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        if (c.getResponseCode() == 200 && body.contains("\nprobe_success 1\n")) {
          ok++;
        }
      } finally {
        c.disconnect();
      }
    }
    return ok;
  }
}
