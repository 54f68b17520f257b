package io.netprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.spi.Backend;
import io.netprobe.spi.DnsBackend;
import io.netprobe.spi.HttpBackend;
import io.netprobe.spi.SocketTableBackend;
import io.netprobe.spi.TcpConnectBackend;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** {@code netprobe demo} run in this JVM with the backends on the class path: no traffic leaves loopback. */
class DemoTest {

  static List<String> missingBackends(ProbeClient client) {
    List<String> missing = new ArrayList<>();
    for (Class<? extends Backend> type : List.of(DnsBackend.class, HttpBackend.class, SocketTableBackend.class,
        TcpConnectBackend.class)) {
      try {
        client.backend(type);
      } catch (IllegalStateException e) {
        missing.add(type.getSimpleName());
      }
    }
    return missing;
  }

  @Test
  void demoPrintsJsonThatParsesWhateverBackendsArePresent() {
    CliTest.Run run = CliTest.run(Probes.builder().build(), "demo", "--json");

    assertThat(run.exit()).isIn(Netprobe.HEALTHY, Netprobe.PROBE_FAILED);
    assertThat(run.json().at("/verdict/category").asText()).isNotEmpty();
    assertThat(run.json().get("url").asText()).startsWith("http://quizai.juwonpark.me:");
    assertThat(System.getProperty("javax.net.ssl.trustStore")).as("the demo restores the trust settings").isNull();
  }

  @Test
  void demoIsHealthyAndTellsTheSeedsStory() {
    ProbeClient client = Probes.builder().build();
    List<String> missing = missingBackends(client);
    Assumptions.assumeTrue(missing.isEmpty(), "backends not on the class path yet: " + missing);

    CliTest.Run run = CliTest.run(client, "demo");

    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("Verdict: OK")
        .contains("client → Cloudflare edge (colo ICN) → origin (Django)")
        .contains("reachable on every interface").contains("reachable only from this machine");
  }
}
