package io.netprobe.jackson;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.dns.DnsResult;
import io.netprobe.http.HttpProbeResult;
import io.netprobe.icmp.PingResult;
import io.netprobe.icmp.TracerouteResult;
import io.netprobe.sockets.TcpConnectResult;
import io.netprobe.testing.FakeDnsBackend;
import io.netprobe.testing.FakeHttpBackend;
import io.netprobe.testing.FakePingBackend;
import io.netprobe.testing.FakeTcpConnectBackend;
import io.netprobe.testing.FakeTracerouteBackend;
import org.junit.jupiter.api.Test;

class NetprobeJsonTest {
  private final ProbeClient probes = Probes.builder()
      .backend(new FakeDnsBackend().address("quizai.juwonpark.me", "172.67.152.70", "104.21.12.115"))
      .backend(new FakeHttpBackend().respond("https://quizai.juwonpark.me/", 200, "server", "cloudflare",
          "set-cookie", "csrftoken=s3cr3tv4lue; Path=/; SameSite=Lax"))
      .backend(new FakeTcpConnectBackend())
      .backend(new FakePingBackend().reply("192.0.2.7", java.time.Duration.ofMillis(3)))
      .backend(new FakeTracerouteBackend().route("192.0.2.9", "10.0.0.1", null, "192.0.2.9"))
      .build();

  @Test
  void dnsResultHasAddressesAsTextDurationsAsSecondsAndNoEmptyOptionals() throws Exception {
    DnsResult r = probes.dns("quizai.juwonpark.me").run();
    JsonNode json = NetprobeJson.mapper().readTree(NetprobeJson.toJson(r));
    assertThat(json.at("/query/type").asText()).isEqualTo("A");
    assertThat(json.at("/answers/0/data").asText()).isEqualTo("172.67.152.70");
    assertThat(json.at("/answers/0/ttl").asDouble()).isEqualTo(300.0);
    assertThat(json.at("/server").asText()).isEqualTo("127.0.0.53:53");
    assertThat(json.at("/backend").asText()).isEqualTo("fake");
    assertThat(json.at("/started").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    assertThat(json.has("failure")).isFalse();
    assertThat(json.at("/success").asBoolean()).isTrue();
  }

  @Test
  void failuresCarryKindAndMessage() throws Exception {
    TcpConnectResult r = probes.tcp("127.0.0.1", 9).run();
    JsonNode json = NetprobeJson.mapper().readTree(NetprobeJson.toJson(r));
    assertThat(json.at("/failure/kind").asText()).isEqualTo("CONNECTION_REFUSED");
    assertThat(json.at("/failure/message").asText()).contains("refused");
    assertThat(json.at("/query/host").asText()).isEqualTo("127.0.0.1");
  }

  @Test
  void secretHeaderValuesAreRedactedButNamesStay() throws Exception {
    HttpProbeResult r = probes.http("https://quizai.juwonpark.me").run();
    String text = NetprobeJson.toJson(r);
    assertThat(text).doesNotContain("s3cr3tv4lue").contains("csrftoken=<redacted>").contains("set-cookie");
    JsonNode json = NetprobeJson.mapper().readTree(text);
    assertThat(json.at("/hops/0/headers/0/name").asText()).isEqualTo("server");
  }

  @Test
  void traceListenersAreLeftOut() throws Exception {
    TracerouteResult r = probes.traceroute("192.0.2.9").onHop(hop -> { }).run();
    JsonNode json = NetprobeJson.mapper().readTree(NetprobeJson.toPrettyJson(r));
    assertThat(json.at("/spec").has("listener")).isFalse();
    assertThat(json.at("/hops/1/probes/0").has("from")).isFalse();
    assertThat(json.at("/hops/2/probes/0/from").asText()).isEqualTo("192.0.2.9");
  }

  @Test
  void pingListenersAreLeftOut() throws Exception {
    PingResult r = probes.ping("192.0.2.7").count(2).onReply(reply -> { }).run();
    JsonNode json = NetprobeJson.mapper().readTree(NetprobeJson.toPrettyJson(r));
    assertThat(json.at("/spec").has("listener")).isFalse();
    assertThat(json.at("/spec/count").asInt()).isEqualTo(2);
    assertThat(json.at("/replies/1/sequence").asInt()).isEqualTo(2);
  }
}
