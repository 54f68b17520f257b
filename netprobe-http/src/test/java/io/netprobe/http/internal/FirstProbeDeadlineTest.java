package io.netprobe.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.Probes;
import io.netprobe.core.FailureKind;
import io.netprobe.http.HttpProbeRequest;
import io.netprobe.http.HttpProbeResult;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The first HTTP probe of a JVM ends by its deadline too: class loading and initialisation (OkHttp, the TLS stack,
 * failure classification, redaction) must not happen after the deadline has passed. Each measurement runs in a fresh
 * JVM (this test's class path) against a loopback server that accepts the connection and never says a word — over
 * http:// the request gets no response, over https:// the handshake gets no ServerHello. (On a busy machine loading the
 * HTTP or TLS library may take the whole deadline: such a probe ends at its deadline saying so, without connecting.)
 *
 * <p>The fastest of three fresh JVMs is held to the deadline + 50 ms: work left on the deadline's path shows in every
 * run, while a machine busy with other builds only delays some of them (all three are printed on failure).
 */
class FirstProbeDeadlineTest {
  static final Duration TIMEOUT = Duration.ofMillis(500);
  static final long SLACK_MILLIS = 50;

  /** The child: one probe of a silent server; prints its failure kind and how long {@code run()} took in ms. */
  public static void main(String[] args) {
    HttpProbeRequest request = Probes.http(args[0]).timeout(TIMEOUT);
    long t0 = System.nanoTime(); // the deadline starts with run(): what happens before it is not the probe's time
    HttpProbeResult r = request.run();
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    System.out.println(r.failureKind().map(Enum::name).orElse("ANSWERED") + " " + millis);
    System.out.println(r.failure().map(Object::toString).orElse(""));
  }

  @ParameterizedTest
  @ValueSource(strings = {"http", "https"})
  void theFirstProbeOfAJvmReturnsWithin50MillisecondsOfItsDeadline(String scheme) throws Exception {
    List<Socket> accepted = Collections.synchronizedList(new ArrayList<>());
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> {
        try {
          while (true) {
            accepted.add(silent.accept()); // held open, never written to
          }
        } catch (IOException closed) {
          // the test is over
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      String url = scheme + "://127.0.0.1:" + silent.getLocalPort() + "/";
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      List<Long> all = new ArrayList<>();
      List<String> runs = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
            FirstProbeDeadlineTest.class.getName(), url)
            .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String[] out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim().split("\\s", 3);
        runs.add(String.join(" ", out));
        assertThat(out[0]).as(String.join(" ", out)).isEqualTo(FailureKind.TIMEOUT.name());
        all.add(Long.parseLong(out[1]));
      }
      assertThat(Collections.min(all)).as("the fastest of three first %s probes, in ms (all: %s)", scheme, runs)
          .isBetween(TIMEOUT.toMillis() - 5, TIMEOUT.toMillis() + SLACK_MILLIS);
    } finally {
      for (Socket s : accepted) {
        s.close();
      }
    }
  }
}
