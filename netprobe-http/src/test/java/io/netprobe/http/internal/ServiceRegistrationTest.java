package io.netprobe.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.Probes;
import io.netprobe.http.HttpProbeResult;
import java.net.InetAddress;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

/** The backend is found through META-INF/services when no backend is given. */
class ServiceRegistrationTest {
  @Test
  void probesFindTheOkHttpBackend() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start(InetAddress.getByName("127.0.0.1"), 0);
      server.enqueue(new MockResponse.Builder().code(200).build());
      HttpProbeResult r = Probes.http("http://127.0.0.1:" + server.getPort() + "/").run();
      assertThat(r.backend()).isEqualTo(OkHttpBackend.ID);
      assertThat(r.status()).contains(200);
    }
  }
}
