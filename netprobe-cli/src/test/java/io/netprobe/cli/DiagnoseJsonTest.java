package io.netprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.core.FailureKind;
import io.netprobe.diagnose.DiagnosisResult;
import io.netprobe.dns.DnsAnswer;
import io.netprobe.dns.DnsHeader;
import io.netprobe.dns.DnsResult;
import io.netprobe.dns.RecordType;
import io.netprobe.jackson.NetprobeJson;
import io.netprobe.testing.FakeDnsBackend;
import io.netprobe.testing.FakeHttpBackend;
import io.netprobe.testing.FakePingBackend;
import io.netprobe.testing.FakeSocketTableBackend;
import io.netprobe.testing.FakeTcpConnectBackend;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** The evidence of the stale-DNS and origin-certificate verdicts reaches the JSON (fakes only). */
class DiagnoseJsonTest {
  static final String SITE = "shop.example";
  static final String URL = "https://" + SITE + "/";

  private static ProbeClient client(FakeDnsBackend dns, FakeHttpBackend http, FakeTcpConnectBackend tcp) {
    return Probes.builder().backend(dns).backend(http).backend(tcp).backend(new FakeSocketTableBackend())
        .backend(new FakePingBackend().reply("8.8.8.8", Duration.ofMillis(20))).build();
  }

  @Test
  void staleAnswerCarriesTheComparisonAndTheConnectInTheJson() throws Exception {
    InetSocketAddress other = new InetSocketAddress(InetAddress.getLoopbackAddress(), 5353);
    FakeDnsBackend dns = new FakeDnsBackend().address(SITE, "203.0.113.50");
    dns.script(q -> q.servers().contains(other), q -> DnsResult.builder(q).backend("fake")
        .header(new DnsHeader(1, "QUERY", "NOERROR", Set.of()))
        .answers(List.of(new DnsAnswer(q.absoluteName(), Duration.ofSeconds(300), "IN", RecordType.A,
            "198.51.100.9"))).build());
    DiagnosisResult d = client(dns, new FakeHttpBackend().fail(URL, FailureKind.HOST_UNREACHABLE),
        new FakeTcpConnectBackend().open("198.51.100.9", 443)).diagnose(URL).dnsServer("127.0.0.1", 53)
        .compareWithResolver("127.0.0.1", 5353).networkTargets("8.8.8.8").timeout(Duration.ofSeconds(3)).run();

    JsonNode json = new ObjectMapper().readTree(NetprobeJson.toJson(d));

    assertThat(json.at("/verdict/finding").asText()).isEqualTo("DNS_STALE_ANSWER");
    assertThat(json.at("/verdict/category").asText()).isEqualTo("DNS");
    assertThat(texts(json.at("/verdict/evidence")))
        .anyMatch(e -> e.startsWith("tcp 198.51.100.9:443 (the comparison resolver's address): connected"))
        .anyMatch(e -> e.startsWith("dig @127.0.0.1 " + SITE + " A: ") && e.contains("198.51.100.9"));
    JsonNode dnsLayer = StreamSupport.stream(json.at("/layers").spliterator(), false)
        .filter(l -> l.at("/layer").asText().equals("DNS")).findFirst().orElseThrow();
    assertThat(dnsLayer.at("/status").asText()).isEqualTo("FAILED");
    assertThat(StreamSupport.stream(dnsLayer.at("/checks").spliterator(), false).map(c -> c.at("/title").asText()))
        .contains("tcp 198.51.100.9:443 (the comparison resolver's address)");
  }

  @Test
  void edge526CarriesTheOriginsCertificateInTheJson() throws Exception {
    FakeDnsBackend dns = new FakeDnsBackend().address(SITE, "172.67.152.70");
    DiagnosisResult d = client(dns, new FakeHttpBackend().respond(URL, 526, "server", "cloudflare", "cf-ray",
        "8f1c2d3e4a5b6c7d-ICN"), new FakeTcpConnectBackend()).diagnose(URL).dnsServer("127.0.0.1", 53)
        .networkTargets("8.8.8.8").timeout(Duration.ofSeconds(3)).run();

    JsonNode json = new ObjectMapper().readTree(NetprobeJson.toJson(d));

    assertThat(json.at("/verdict/finding").asText()).isEqualTo("ORIGIN_CERTIFICATE_REJECTED");
    assertThat(json.at("/verdict/category").asText()).isEqualTo("TLS");
    assertThat(json.at("/verdict/nextStep").asText()).startsWith("Check the origin's certificate");
    assertThat(texts(json.at("/verdict/evidence"))).anyMatch(e -> e.contains("HTTP/2 526"));
  }

  private static List<String> texts(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }
}
