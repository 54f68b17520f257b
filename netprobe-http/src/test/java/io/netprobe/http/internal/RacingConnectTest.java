package io.netprobe.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.core.Deadline;
import io.netprobe.http.HttpProbeResult;
import io.netprobe.http.HttpProbeSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How the engine's exchange connects ({@link RacingConnect}): OkHttp's address order, and a name's addresses raced
 * as OkHttp races them — the one whose SYNs are dropped (a listener with a full backlog on 127.0.0.1) is passed over
 * 250 ms later for the next (127.0.0.2, same port), on both paths alike.
 */
class RacingConnectTest {

  @Test
  void addressesAreInterleavedIpv6FirstWhenBothFamiliesAreThere() throws Exception {
    InetAddress v4a = InetAddress.getByName("192.0.2.1");
    InetAddress v4b = InetAddress.getByName("192.0.2.2");
    InetAddress v6a = InetAddress.getByName("2001:db8::1");
    InetAddress v6b = InetAddress.getByName("2001:db8::2");
    assertThat(RacingConnect.happyEyeballsOrder(List.of(v4a, v4b, v6a, v6b))).containsExactly(v6a, v4a, v6b, v4b);
    assertThat(RacingConnect.happyEyeballsOrder(List.of(v4a, v6a, v4b))).containsExactly(v6a, v4a, v4b);
    assertThat(RacingConnect.happyEyeballsOrder(List.of(v4b, v4a))).containsExactly(v4b, v4a);
  }

  @Test
  void anAddressThatDropsSynsIsPassedOverForTheNextAfterTheFallbackDelay() throws Exception {
    try (ServerSocket full = new ServerSocket()) {
      full.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 1);
      int port = full.getLocalPort();
      List<Socket> filling = new ArrayList<>();
      try (ServerSocket answering = new ServerSocket(port, 50, InetAddress.getByName("127.0.0.2"))) {
        // the backlog of 1 holds two connections on Linux; further SYNs are dropped
        for (int i = 0; i < 2; i++) {
          Socket s = new Socket();
          s.connect(full.getLocalSocketAddress(), 1000);
          filling.add(s);
        }
        Thread server = new Thread(() -> {
          for (int i = 0; i < 2; i++) {
            try (Socket s = answering.accept()) {
              s.getInputStream().read(new byte[4096]);
              OutputStream out = s.getOutputStream();
              out.write("HTTP/1.1 204 No Content\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
              out.flush();
              s.getInputStream().read(new byte[1]);
            } catch (IOException e) {
              // the test's assertions say what went wrong
            }
          }
        });
        server.start();
        String url = "http://race.test:" + port + "/";
        List<InetAddress> both = List.of(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("127.0.0.2"));
        HttpProbeResult engine = race(true, url, both);
        HttpProbeResult okhttp = race(false, url, both);
        server.join(5000);
        for (HttpProbeResult r : List.of(engine, okhttp)) {
          assertThat(r.status()).as(r.toString()).contains(204);
          assertThat(r.remote().orElseThrow().getAddress().getHostAddress()).isEqualTo("127.0.0.2");
          Duration connect = r.finalHop().orElseThrow().timings().connect();
          assertThat(connect).isGreaterThanOrEqualTo(RacingConnect.FALLBACK_DELAY.minusMillis(20))
              .isLessThan(Duration.ofMillis(1500));
        }
      } finally {
        for (Socket s : filling) {
          s.close();
        }
      }
    }
  }

  private static HttpProbeResult race(boolean engine, String url, List<InetAddress> addresses) {
    try (ProbeClient client = Probes.builder()
        .backend(new OkHttpBackend(null, OkHttpBackend.SYSTEM, TlsStack.system(), null, engine)).build()) {
      HttpProbeSpec spec = client.http(url).spec().withResolve(Map.of("race.test", addresses));
      return client.run(spec, Deadline.after(Duration.ofSeconds(4)));
    }
  }
}
