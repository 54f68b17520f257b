package io.netprobe.diagnose.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netprobe.core.Deadline;
import io.netprobe.core.FailureKind;
import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.diagnose.Category;
import io.netprobe.diagnose.CheckStatus;
import io.netprobe.diagnose.DiagnosisResult;
import io.netprobe.diagnose.Finding;
import io.netprobe.diagnose.Layer;
import io.netprobe.diagnose.Note;
import io.netprobe.diagnose.Remark;
import io.netprobe.dns.DnsAnswer;
import io.netprobe.dns.DnsResult;
import io.netprobe.dns.RecordType;
import io.netprobe.spi.HttpBackend;
import io.netprobe.spi.HttpExchange;
import io.netprobe.spi.HttpExchangeRequest;
import io.netprobe.testing.contract.ContractAssertions;
import io.netprobe.testing.FakeDnsBackend;
import io.netprobe.testing.FakeHttpBackend;
import io.netprobe.testing.FakePingBackend;
import io.netprobe.testing.FakeSocketTableBackend;
import io.netprobe.testing.FakeTcpConnectBackend;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Origin probing, local ports, resolver comparison, deadlines and missing backends. */
class DiagnoseBehaviourTest {
  static final String SITE = DiagnoseVerdictTest.SITE;
  static final String URL = DiagnoseVerdictTest.URL;
  static final String ORIGIN = "203.0.113.7";

  /** Sends probes that pin the origin address to one fake, everything else to another. */
  record OriginSplit(FakeHttpBackend viaEdge, FakeHttpBackend direct) implements HttpBackend {
    @Override
    public String id() {
      return "fake";
    }

    @Override
    public HttpExchange exchange(HttpExchangeRequest request, Deadline deadline) {
      InetAddress origin = io.netprobe.core.Host.of(ORIGIN).literal().orElseThrow();
      boolean pinnedToOrigin = request.options().resolve().values().stream().anyMatch(List.of(origin)::equals);
      return (pinnedToOrigin ? direct : viaEdge).exchange(request, deadline);
    }
  }

  private static ProbeClient client(FakeDnsBackend dns, HttpBackend http, FakeSocketTableBackend sockets) {
    return Probes.builder().backend(dns).backend(http).backend(sockets)
        .backend(new FakePingBackend().reply("8.8.8.8", Duration.ofMillis(28)).reply("1.1.1.1", Duration.ofMillis(9)))
        .backend(new FakeTcpConnectBackend()).build();
  }

  private static DiagnosisResult diagnoseWithOrigin(FakeHttpBackend viaEdge, FakeHttpBackend direct) {
    FakeDnsBackend dns = new FakeDnsBackend().address(SITE, DiagnoseVerdictTest.CLOUDFLARE_A);
    return client(dns, new OriginSplit(viaEdge, direct), new FakeSocketTableBackend()).diagnose(URL)
        .dnsServer("127.0.0.1", 53).origin(ORIGIN).timeout(Duration.ofSeconds(3)).run();
  }

  @Test
  void edgeErrorWithHealthyOriginBlamesTheEdge() {
    DiagnosisResult d = diagnoseWithOrigin(new FakeHttpBackend().respond(URL, 522, DiagnoseVerdictTest.CLOUDFLARE_HEADERS),
        new FakeHttpBackend().respond(URL, 200, "server", "nginx"));

    assertThat(d.verdict().finding()).isEqualTo(Finding.EDGE_CANNOT_REACH_HEALTHY_ORIGIN);
    assertThat(d.verdict().category()).isEqualTo(Category.EDGE);
    assertThat(d.verdict().explanation()).contains("origin 203.0.113.7 answers HTTP/2 200 directly");
    assertThat(d.layer(Layer.ORIGIN).orElseThrow().status()).isEqualTo(CheckStatus.PASSED);
    assertThat(d.path().describe()).isEqualTo("client → Cloudflare edge (colo ICN) → origin (203.0.113.7, Django)");
  }

  @Test
  void edgeErrorWithDeadOriginBlamesTheOrigin() {
    DiagnosisResult d = diagnoseWithOrigin(new FakeHttpBackend().respond(URL, 521, DiagnoseVerdictTest.CLOUDFLARE_HEADERS),
        new FakeHttpBackend().fail(URL, FailureKind.CONNECTION_REFUSED));

    assertThat(d.verdict().finding()).isEqualTo(Finding.ORIGIN_DOWN_BEHIND_EDGE);
    assertThat(d.verdict().category()).isEqualTo(Category.ORIGIN);
    assertThat(d.verdict().layer()).contains(Layer.ORIGIN);
    assertThat(d.layer(Layer.ORIGIN).orElseThrow().status()).isEqualTo(CheckStatus.FAILED);
    assertThat(d.verdict().evidence()).anyMatch(e -> e.contains("CONNECTION_REFUSED"));
  }

  @Test
  void originClosedToAllButTheEdgeIsOnlyANote() {
    DiagnosisResult d = diagnoseWithOrigin(new FakeHttpBackend().respond(URL, 200, DiagnoseVerdictTest.CLOUDFLARE_HEADERS),
        new FakeHttpBackend().fail(URL, FailureKind.TIMEOUT));

    assertThat(d.verdict().category()).isEqualTo(Category.OK);
    assertThat(d.layer(Layer.ORIGIN).orElseThrow().status()).isEqualTo(CheckStatus.WARNING);
    assertThat(d.notes()).extracting(Note::remark).contains(Remark.ORIGIN_DIRECT_FAILED);
  }

  @Test
  void cdnCnameShowsInThePathAndTheDnsChecks() {
    FakeDnsBackend dns = new FakeDnsBackend().cname("www.shop.example", "shop.example.global.prod.fastly.net")
        .address("shop.example.global.prod.fastly.net", "151.101.1.57");
    FakeHttpBackend http = new FakeHttpBackend().respond("https://www.shop.example/", 200, "x-served-by",
        "cache-fra-etou8220063-FRA", "x-cache", "HIT");
    DiagnosisResult d = client(dns, http, new FakeSocketTableBackend()).diagnose("https://www.shop.example/")
        .dnsServer("127.0.0.1", 53).timeout(Duration.ofSeconds(3)).run();

    assertThat(d.verdict().category()).isEqualTo(Category.OK);
    assertThat(d.path().describe()).isEqualTo("client → Fastly edge (colo FRA) → origin");
    assertThat(d.path().edgeNames()).containsExactly("shop.example.global.prod.fastly.net.");
    assertThat(d.path().edge().orElseThrow().evidence()).contains("x-served-by: cache-fra-etou8220063-FRA",
        "CNAME shop.example.global.prod.fastly.net.");
    assertThat(d.layer(Layer.DNS).orElseThrow().checks().get(0).summary())
        .startsWith("CNAME shop.example.global.prod.fastly.net.; A 151.101.1.57 (TTL 300)");
  }

  @Test
  void namedPortsReportTheirExposureLikeTheSeed() {
    FakeDnsBackend dns = new FakeDnsBackend().address(SITE, DiagnoseVerdictTest.CLOUDFLARE_A);
    FakeSocketTableBackend sockets = new FakeSocketTableBackend().tcp("0.0.0.0", 8000, "python", 812)
        .tcp("127.0.0.1", 3306, "mariadbd", 455);
    DiagnosisResult d = client(dns, new FakeHttpBackend().respond(URL, 200, DiagnoseVerdictTest.CLOUDFLARE_HEADERS), sockets)
        .diagnose(URL).dnsServer("127.0.0.1", 53).ports(8000, 3306, 80).timeout(Duration.ofSeconds(3)).run();

    assertThat(d.verdict().category()).isEqualTo(Category.OK);
    var ports = d.layer(Layer.LOCAL_PORTS).orElseThrow();
    assertThat(ports.status()).isEqualTo(CheckStatus.WARNING);
    assertThat(ports.checks()).extracting(c -> c.summary()).containsExactly(
        "tcp 0.0.0.0:8000 python(pid=812): reachable on every interface (from anywhere the firewall allows)",
        "tcp 127.0.0.1:3306 mariadbd(pid=455): reachable only from this machine",
        "nothing listens on :80");
    assertThat(d.notes()).extracting(Note::text).contains("Nothing listens on port 80 on this machine.");
  }

  @Test
  void localSiteOnLoopbackOnlyPortWorksLocallyButIsNoted() {
    FakeSocketTableBackend sockets = new FakeSocketTableBackend().tcp("127.0.0.1", 8000, "python", 812);
    FakeHttpBackend http = new FakeHttpBackend().respond("http://127.0.0.1:8000/", 200, "server", "WSGIServer/0.2");
    DiagnosisResult d = client(new FakeDnsBackend(), http, sockets).diagnose("http://127.0.0.1:8000/")
        .networkTargets().timeout(Duration.ofSeconds(3)).run();

    assertThat(d.verdict().category()).isEqualTo(Category.OK);
    assertThat(d.layer(Layer.LOCAL_PORTS).orElseThrow().status()).isEqualTo(CheckStatus.WARNING);
    assertThat(d.notes()).extracting(Note::text)
        .contains("Port 8000 listens on 127.0.0.1 only: not reachable from outside.");
    assertThat(d.layer(Layer.DNS)).isEmpty();
  }

  @Test
  void localhostIsNotAskedOfDns() {
    FakeDnsBackend dns = new FakeDnsBackend();
    FakeHttpBackend http = new FakeHttpBackend().respond("http://localhost:8000/", 200);
    DiagnosisResult d = client(dns, http, new FakeSocketTableBackend().tcp("0.0.0.0", 8000, "python", 812))
        .diagnose("http://localhost:8000/").networkTargets().timeout(Duration.ofSeconds(3)).run();

    assertThat(dns.received()).isEmpty();
    assertThat(d.verdict().category()).as(DiagnosisReport.render(d, Locale.ENGLISH)).isEqualTo(Category.OK);
    assertThat(d.layer(Layer.DNS).orElseThrow().status()).isEqualTo(CheckStatus.PASSED);
    assertThat(d.notes()).isEmpty();
  }

  @Test
  void refusedLocalPortWithNothingListeningIsALocalPortProblem() {
    FakeHttpBackend http = new FakeHttpBackend().fail("http://127.0.0.1:8000/", FailureKind.CONNECTION_REFUSED);
    DiagnosisResult d = client(new FakeDnsBackend(), http, new FakeSocketTableBackend().tcp("0.0.0.0", 22, "sshd", 1))
        .diagnose("http://127.0.0.1:8000/").networkTargets().timeout(Duration.ofSeconds(3)).run();

    assertThat(d.verdict().finding()).isEqualTo(Finding.PORT_NOT_LISTENING);
    assertThat(d.verdict().category()).isEqualTo(Category.LOCAL_PORT);
    assertThat(d.verdict().explanation()).isEqualTo("Nothing listens on port 8000 on this machine.");
    assertThat(d.layer(Layer.LOCAL_PORTS).orElseThrow().status()).isEqualTo(CheckStatus.FAILED);
  }

  @Test
  void refusedOnThisMachinesOwnAddressWhenBoundToLoopbackOnly() throws Exception {
    Optional<InetAddress> own = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
        .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
        .filter(a -> a instanceof java.net.Inet4Address && !a.isLoopbackAddress()).findFirst();
    Assumptions.assumeTrue(own.isPresent(), "this machine has no non-loopback IPv4 address");
    String url = "http://" + own.get().getHostAddress() + ":8000/";
    FakeHttpBackend http = new FakeHttpBackend().fail(url, FailureKind.CONNECTION_REFUSED);
    DiagnosisResult d = client(new FakeDnsBackend(), http, new FakeSocketTableBackend().tcp("127.0.0.1", 8000, "python", 8))
        .diagnose(url).networkTargets().timeout(Duration.ofSeconds(3)).run();

    assertThat(d.verdict().finding()).isEqualTo(Finding.PORT_LOOPBACK_ONLY);
    assertThat(d.verdict().explanation()).isEqualTo("Port 8000 listens on 127.0.0.1 only: not reachable from outside.");
    assertThat(DiagnosisReport.render(d, Locale.KOREAN)).contains("포트 8000은(는) 127.0.0.1에서만 듣고 있습니다: 외부에서는 접속할 수 없습니다.");
  }

  @Test
  void refusedAtAnotherAddressOfThisMachineWhenBoundTo127001Only() {
    FakeDnsBackend dns = new FakeDnsBackend().address("app.test", "127.0.0.2");
    FakeHttpBackend http = new FakeHttpBackend().fail("http://app.test:8000/", FailureKind.CONNECTION_REFUSED);
    DiagnosisResult d = client(dns, http, new FakeSocketTableBackend().tcp("127.0.0.1", 8000, "python", 8))
        .diagnose("http://app.test:8000/").dnsServer("127.0.0.1", 53).networkTargets()
        .timeout(Duration.ofSeconds(3)).run();

    assertThat(d.verdict().finding()).isEqualTo(Finding.PORT_LOOPBACK_ONLY);
    assertThat(d.verdict().category()).isEqualTo(Category.LOCAL_PORT);
    assertThat(d.layer(Layer.LOCAL_PORTS).orElseThrow().status()).isEqualTo(CheckStatus.FAILED);
  }

  @Test
  void comparisonResolverThatDisagreesLeavesANote() {
    InetSocketAddress publicResolver = new InetSocketAddress(InetAddress.getLoopbackAddress(), 5353);
    FakeDnsBackend dns = new FakeDnsBackend().address(SITE, DiagnoseVerdictTest.CLOUDFLARE_A);
    dns.script(q -> q.servers().contains(publicResolver), q -> DnsResult.builder(q).backend("fake")
        .header(new io.netprobe.dns.DnsHeader(1, "QUERY", "NOERROR", java.util.Set.of()))
        .answers(List.of(new DnsAnswer(q.absoluteName(), Duration.ofSeconds(300), "IN", RecordType.A,
            "198.51.100.9"))).build());
    DiagnosisResult d = client(dns, new FakeHttpBackend().respond(URL, 200, DiagnoseVerdictTest.CLOUDFLARE_HEADERS),
        new FakeSocketTableBackend()).diagnose(URL).dnsServer("127.0.0.1", 53)
        .compareWithResolver("127.0.0.1", 5353).timeout(Duration.ofSeconds(3)).run();

    assertThat(d.verdict().category()).isEqualTo(Category.OK);
    assertThat(d.layer(Layer.DNS).orElseThrow().status()).isEqualTo(CheckStatus.WARNING);
    assertThat(d.notes()).extracting(Note::remark).containsExactly(Remark.RESOLVERS_DISAGREE);
    assertThat(d.notes().get(0).text()).contains("127.0.0.1 answers 198.51.100.9");
  }

  @Test
  void diagnosisEndsByItsDeadlineWhateverTheProbesDo() {
    FakeDnsBackend dns = new FakeDnsBackend().address(SITE, DiagnoseVerdictTest.CLOUDFLARE_A);
    FakeHttpBackend http = new FakeHttpBackend().respond(URL, 200).delay(URL, Duration.ofMinutes(1));
    ProbeClient client = Probes.builder().backend(dns).backend(http)
        .backend(new FakePingBackend().delay("8.8.8.8", Duration.ofMinutes(1)))
        .backend(new FakeTcpConnectBackend().silent("8.8.8.8", 443)).build();
    Duration timeout = Duration.ofMillis(1200);

    Instant start = Instant.now();
    DiagnosisResult d = client.diagnose(URL).dnsServer("127.0.0.1", 53).networkTargets("8.8.8.8").timeout(timeout).run();
    Duration took = Duration.between(start, Instant.now());

    assertThat(took).isLessThan(timeout.plus(ContractAssertions.DEADLINE_SLACK));
    assertThat(d.elapsed()).isLessThan(timeout.plus(ContractAssertions.DEADLINE_SLACK));
    assertThat(d.verdict().category()).isNotEqualTo(Category.OK);
  }

  @Test
  void runAsyncWithASingleThreadExecutorStillEndsByTheDeadline() throws Exception {
    java.util.concurrent.ExecutorService one = java.util.concurrent.Executors.newSingleThreadExecutor();
    try {
      FakeDnsBackend dns = new FakeDnsBackend().address(SITE, DiagnoseVerdictTest.CLOUDFLARE_A);
      ProbeClient client = client(dns, new FakeHttpBackend().respond(URL, 200, DiagnoseVerdictTest.CLOUDFLARE_HEADERS),
          new FakeSocketTableBackend()).newBuilder().executor(one).build();
      Duration timeout = Duration.ofSeconds(3);

      DiagnosisResult d = client.diagnose(URL).dnsServer("127.0.0.1", 53).timeout(timeout).runAsync()
          .get(timeout.plus(ContractAssertions.DEADLINE_SLACK).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);

      assertThat(d.verdict().category()).isEqualTo(Category.OK);
    } finally {
      one.shutdownNow();
    }
  }

  @Test
  void missingBackendsMakeTheVerdictInconclusiveInsteadOfOk() {
    FakeDnsBackend dns = new FakeDnsBackend().address(SITE, DiagnoseVerdictTest.CLOUDFLARE_A);
    ProbeClient client = Probes.builder().backend(dns).backend(new FakeTcpConnectBackend().open("8.8.8.8", 443))
        .build();

    DiagnosisResult d = client.diagnose(URL).dnsServer("127.0.0.1", 53).networkTargets("8.8.8.8")
        .timeout(Duration.ofSeconds(3)).run();

    assertThat(d.verdict().category()).isEqualTo(Category.INCONCLUSIVE);
    assertThat(d.verdict().explanation()).contains("No HttpBackend on the class path");
    assertThat(d.layer(Layer.HTTP).orElseThrow().status()).isEqualTo(CheckStatus.SKIPPED);
    assertThat(d.layer(Layer.NETWORK).orElseThrow().checks()).extracting(c -> c.title())
        .containsExactly("ping 8.8.8.8", "tcp 8.8.8.8:443 (fallback: ping not available)",
            "ping 172.67.152.70", "tcp 172.67.152.70:443 (fallback: ping not available)");
  }

  @Test
  void badOptionsAreRejectedAtOnce() {
    ProbeClient client = Probes.builder().build();
    assertThatThrownBy(() -> client.diagnose("ftp://example.com")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("only http and https");
    assertThatThrownBy(() -> client.diagnose(URL).origin("origin.example"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("origin must be an IP address");
    assertThatThrownBy(() -> client.diagnose(URL).ports(70000)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("70000");
    assertThatThrownBy(() -> client.diagnose(URL).pingCount(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
