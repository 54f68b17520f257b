package io.netprobe.exporter.internal.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** The pooled gzip writer: every body comes back whole, whichever pooled deflater wrote it. */
class HttpGzipTest {
  private static byte[] gunzip(byte[] gz) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      return in.readAllBytes();
    }
  }

  @Test
  void metricTextRoundTripsAndShrinks() throws Exception {
    byte[] text = ("# HELP probe_success Displays whether or not the probe was a success\n"
        + "# TYPE probe_success gauge\nprobe_success 1\n").repeat(20).getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < 20; i++) { // more than the pool holds: reused and fresh deflaters alike
      byte[] gz = Http.gzip(text);
      assertThat(gz.length).isLessThan(text.length / 4);
      assertThat(gunzip(gz)).isEqualTo(text);
    }
  }

  @Test
  void incompressibleAndEmptyBodiesRoundTrip() throws Exception {
    byte[] noise = new byte[200_000];
    new Random(7).nextBytes(noise);
    assertThat(gunzip(Http.gzip(noise))).isEqualTo(noise);
    assertThat(gunzip(Http.gzip(new byte[0]))).isEmpty();
  }

  @Test
  void concurrentWritersNeverShareADeflater() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      Future<?>[] all = new Future<?>[64];
      for (int i = 0; i < all.length; i++) {
        byte[] body = ("probe " + i + " ").repeat(500).getBytes(StandardCharsets.UTF_8);
        all[i] = pool.submit(() -> {
          for (int k = 0; k < 50; k++) {
            assertThat(gunzip(Http.gzip(body))).isEqualTo(body);
          }
          return null;
        });
      }
      for (Future<?> f : all) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
