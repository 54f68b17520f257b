package io.netprobe.diagnose.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.core.FailureKind;
import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.diagnose.Category;
import io.netprobe.diagnose.CheckStatus;
import io.netprobe.diagnose.DiagnosisRequest;
import io.netprobe.diagnose.DiagnosisResult;
import io.netprobe.diagnose.Finding;
import io.netprobe.dns.RecordType;
import io.netprobe.testing.FakeDnsBackend;
import io.netprobe.testing.FakeHttpBackend;
import io.netprobe.testing.FakePingBackend;
import io.netprobe.testing.FakeSocketTableBackend;
import io.netprobe.testing.FakeTcpConnectBackend;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each layer failing in each way yields the right category, finding and explanation; the healthy path yields OK.
 * Every probe goes to a fake: no traffic leaves the JVM (the DNS server is named, so the system resolver is not
 * asked).
 */
class DiagnoseVerdictTest {
  static final String SITE = "quizai.juwonpark.me";
  static final String URL = "https://" + SITE + "/";
  static final String[] CLOUDFLARE_A = {"172.67.152.70", "104.21.12.115"};
  static final String[] CLOUDFLARE_HEADERS = {"server", "cloudflare", "cf-ray", "8f1c2d3e4a5b6c7d-ICN",
      "cf-cache-status", "DYNAMIC", "set-cookie", "csrftoken=abc123; Path=/; SameSite=Lax"};

  /** The fakes of one scenario, healthy unless the scenario changes them. */
  static final class World {
    final FakeDnsBackend dns = new FakeDnsBackend().address(SITE, CLOUDFLARE_A);
    final FakeHttpBackend http = new FakeHttpBackend();
    final FakePingBackend ping = new FakePingBackend().reply("8.8.8.8", Duration.ofMillis(28))
        .reply("1.1.1.1", Duration.ofMillis(9)).reply("172.67.152.70", Duration.ofMillis(12));
    final FakeTcpConnectBackend tcp = new FakeTcpConnectBackend();
    final FakeSocketTableBackend sockets = new FakeSocketTableBackend();

    ProbeClient client() {
      return Probes.builder().backend(dns).backend(http).backend(ping).backend(tcp).backend(sockets).build();
    }
  }

  record Scenario(String name, Consumer<World> setup, UnaryOperator<DiagnosisRequest> options, String url,
      Category category, Finding finding, String explanationContains) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Scenario scenario(String name, Consumer<World> setup, Category category, Finding finding, String text) {
    return new Scenario(name, setup, r -> r, URL, category, finding, text);
  }

  static void cloudflare200(World w) {
    w.http.respond(URL, 200, CLOUDFLARE_HEADERS);
  }

  static Stream<Scenario> scenarios() {
    return Stream.of(
        scenario("healthy site behind Cloudflare", DiagnoseVerdictTest::cloudflare200, Category.OK, Finding.HEALTHY,
            URL + " works: every layer answered, the last with HTTP/2 200."),
        scenario("machine offline: no well-known address answers ping or TCP, nor does the site", w -> {
          w.http.fail(URL, FailureKind.NETWORK_UNREACHABLE);
          w.ping.fail("8.8.8.8", FailureKind.NETWORK_UNREACHABLE).fail("1.1.1.1", FailureKind.NETWORK_UNREACHABLE);
          w.tcp.fail("8.8.8.8", 443, FailureKind.NETWORK_UNREACHABLE).fail("1.1.1.1", 443,
              FailureKind.NETWORK_UNREACHABLE);
        }, Category.NETWORK, Finding.OFFLINE, "reached none of 8.8.8.8, 1.1.1.1"),
        scenario("well-known addresses blocked by a firewall while the site answers: online", w -> {
          cloudflare200(w);
          w.ping.fail("8.8.8.8", FailureKind.TIMEOUT).fail("1.1.1.1", FailureKind.TIMEOUT);
          w.tcp.silent("8.8.8.8", 443).silent("1.1.1.1", 443);
        }, Category.OK, Finding.HEALTHY, "works"),
        scenario("401 without credentials", w -> w.http.respond(URL, 401, "server", "cloudflare",
            "www-authenticate", "Basic realm=\"quiz\""), Category.ORIGIN, Finding.ACCESS_DENIED,
            "refuses this request without credentials"),
        scenario("ICMP filtered everywhere but TCP answers: not an outage", w -> {
          cloudflare200(w);
          w.ping.reset();
          w.tcp.open("8.8.8.8", 443).open("1.1.1.1", 443).open("172.67.152.70", 443);
        }, Category.OK, Finding.HEALTHY, "works"),
        scenario("this machine out of file descriptors: nothing left it, so neither offline nor a DNS failure", w -> {
          w.dns.fail(SITE, FailureKind.RESOURCE_EXHAUSTED);
          w.http.fail(URL, FailureKind.RESOURCE_EXHAUSTED);
          w.ping.fail("8.8.8.8", FailureKind.RESOURCE_EXHAUSTED).fail("1.1.1.1", FailureKind.RESOURCE_EXHAUSTED);
          w.tcp.fail("8.8.8.8", 443, FailureKind.RESOURCE_EXHAUSTED).fail("1.1.1.1", 443,
              FailureKind.RESOURCE_EXHAUSTED);
        }, Category.INCONCLUSIVE, Finding.LOCAL_RESOURCES, "This machine could not probe DNS for " + SITE),
        scenario("HTTP probe out of file descriptors while DNS answered: not a broken origin",
            w -> w.http.fail(URL, FailureKind.RESOURCE_EXHAUSTED), Category.INCONCLUSIVE, Finding.LOCAL_RESOURCES,
            "This machine could not probe " + URL),
        scenario("NXDOMAIN", w -> w.dns.fail(SITE, FailureKind.NAME_NOT_FOUND), Category.DNS, Finding.NXDOMAIN,
            SITE + " does not exist in DNS"),
        scenario("SERVFAIL", w -> w.dns.fail(SITE, FailureKind.SERVER_FAILURE), Category.DNS,
            Finding.DNS_SERVER_FAILURE, "could not answer for " + SITE),
        scenario("DNS timeout", w -> w.dns.delay(SITE, Duration.ofSeconds(30)), Category.DNS, Finding.DNS_TIMEOUT,
            "No DNS answer for " + SITE),
        scenario("name without address records", w -> {
          w.dns.reset();
          w.dns.records(SITE, RecordType.MX, "10 mail." + SITE + ".");
        }, Category.DNS, Finding.NO_ADDRESS, "has no A or AAAA record"),
        scenario("expired certificate", w -> w.http.fail(URL, FailureKind.TLS_CERTIFICATE_EXPIRED), Category.TLS,
            Finding.TLS_EXPIRED, "certificate of " + SITE + " has expired"),
        scenario("untrusted certificate", w -> w.http.fail(URL, FailureKind.TLS_UNTRUSTED), Category.TLS,
            Finding.TLS_UNTRUSTED, "not trusted"),
        scenario("certificate for another name", w -> w.http.fail(URL, FailureKind.TLS_HOSTNAME_MISMATCH),
            Category.TLS, Finding.TLS_HOSTNAME_MISMATCH, "for another name"),
        scenario("TLS handshake failure", w -> w.http.fail(URL, FailureKind.TLS_HANDSHAKE), Category.TLS,
            Finding.TLS_HANDSHAKE, "handshake with " + SITE + " failed"),
        scenario("Cloudflare 522, origin not probed", w -> w.http.respond(URL, 522, CLOUDFLARE_HEADERS),
            Category.EDGE, Finding.EDGE_CANNOT_REACH_ORIGIN, "Cloudflare answers HTTP/2 522 (connection timed out)"),
        scenario("Cloudflare 521, origin not probed", w -> w.http.respond(URL, 521, CLOUDFLARE_HEADERS),
            Category.EDGE, Finding.EDGE_CANNOT_REACH_ORIGIN, "Cloudflare answers HTTP/2 521 (web server is down)"),
        scenario("Cloudflare 526, origin not probed: the origin's certificate", w -> w.http.respond(URL, 526,
            CLOUDFLARE_HEADERS), Category.TLS, Finding.ORIGIN_CERTIFICATE_REJECTED,
            "Cloudflare answers HTTP/2 526 (invalid SSL certificate): the edge reaches the origin but rejects its "
                + "certificate (expired, untrusted or for another name than " + SITE + ")"),
        scenario("Cloudflare 525, origin not probed: TLS between edge and origin", w -> w.http.respond(URL, 525,
            CLOUDFLARE_HEADERS), Category.TLS, Finding.ORIGIN_TLS_HANDSHAKE_FAILED,
            "cannot complete a TLS handshake with the origin"),
        scenario("Cloudflare 524: the origin is too slow", w -> w.http.respond(URL, 524, CLOUDFLARE_HEADERS),
            Category.ORIGIN, Finding.ORIGIN_TOO_SLOW_BEHIND_EDGE, "the edge connected to the origin"),
        scenario("Cloudflare 520: the origin's answer was not valid", w -> w.http.respond(URL, 520,
            CLOUDFLARE_HEADERS), Category.ORIGIN, Finding.ORIGIN_INVALID_RESPONSE_BEHIND_EDGE,
            "empty, reset or not valid HTTP"),
        scenario("Cloudflare 530: the origin's name does not resolve", w -> w.http.respond(URL, 530,
            CLOUDFLARE_HEADERS), Category.EDGE, Finding.EDGE_ORIGIN_DNS_ERROR, "cannot resolve the origin's name"),
        scenario("Cloudflare edge refuses on its anycast address", w -> w.http.fail(URL,
            FailureKind.CONNECTION_REFUSED), Category.EDGE, Finding.EDGE_UNREACHABLE,
            "The Cloudflare edge at 172.67.152.70 did not answer"),
        scenario("Cloudflare bot challenge", w -> w.http.respond(URL, 403, "server", "cloudflare", "cf-mitigated",
            "challenge"), Category.EDGE, Finding.EDGE_CHALLENGE, "challenge"),
        scenario("redirect loop through Cloudflare", w -> {
          w.http.respond(URL, 301, "server", "cloudflare", "location", "http://" + SITE + "/");
          w.http.respond("http://" + SITE + "/", 301, "server", "cloudflare", "location", URL);
        }, Category.EDGE, Finding.EDGE_REDIRECT_LOOP, "Flexible SSL"),
        scenario("503 from the origin behind Cloudflare", w -> w.http.respond(URL, 503, CLOUDFLARE_HEADERS),
            Category.ORIGIN, Finding.ORIGIN_ERROR_BEHIND_EDGE,
            "The origin answered HTTP/2 503 through Cloudflare: the edge works, the application behind it does not"
                + " (Django)"),
        scenario("404 for the URL", w -> w.http.respond(URL, 404, CLOUDFLARE_HEADERS), Category.ORIGIN,
            Finding.HTTP_CLIENT_ERROR, "does not serve this URL"));
  }

  static Stream<Scenario> directScenarios() {
    String plain = "plain.example";
    String plainUrl = "https://" + plain + "/";
    Consumer<World> plainDns = w -> w.dns.address(plain, "203.0.113.10");
    return Stream.of(
        new Scenario("503 from a server without CDN", plainDns.andThen(w -> w.http.respond(plainUrl, 503,
            "server", "nginx")), r -> r, plainUrl, Category.ORIGIN, Finding.ORIGIN_SERVER_ERROR,
            plain + " answered HTTP/2 503"),
        new Scenario("connection refused, no CDN", plainDns.andThen(w -> w.http.fail(plainUrl,
            FailureKind.CONNECTION_REFUSED)), r -> r, plainUrl, Category.ORIGIN, Finding.ORIGIN_REFUSED,
            plain + " refused the connection on port 443"),
        new Scenario("connection timeout, no CDN", plainDns.andThen(w -> w.http.fail(plainUrl,
            FailureKind.TIMEOUT)), r -> r, plainUrl, Category.ORIGIN, Finding.ORIGIN_TIMEOUT,
            "did not answer on port 443"),
        new Scenario("garbage instead of HTTP", plainDns.andThen(w -> w.http.fail(plainUrl,
            FailureKind.PROTOCOL_ERROR)), r -> r, plainUrl, Category.ORIGIN, Finding.ORIGIN_BROKEN_RESPONSE,
            "did not answer with valid HTTP"),
        new Scenario("no route to the host", plainDns.andThen(w -> {
          w.http.fail(plainUrl, FailureKind.HOST_UNREACHABLE);
          w.ping.fail("203.0.113.10", FailureKind.HOST_UNREACHABLE);
          w.tcp.fail("203.0.113.10", 443, FailureKind.HOST_UNREACHABLE);
        }), r -> r, plainUrl, Category.NETWORK, Finding.HOST_UNREACHABLE,
            "There is no route to 203.0.113.10"),
        new Scenario("Fastly found through its CNAME does not answer", w -> {
          w.dns.cname("www.shop.example", "shop.example.global.prod.fastly.net");
          w.dns.address("shop.example.global.prod.fastly.net", "151.101.1.57");
          w.http.fail("https://www.shop.example/", FailureKind.TIMEOUT);
        }, r -> r, "https://www.shop.example/", Category.EDGE, Finding.EDGE_UNREACHABLE,
            "The Fastly edge at 151.101.1.57 did not answer"),
        new Scenario("redirect loop without CDN", plainDns.andThen(w -> {
          w.http.respond(plainUrl, 302, "location", "https://" + plain + "/a");
          w.http.respond("https://" + plain + "/a", 302, "location", plainUrl);
        }), r -> r, plainUrl, Category.ORIGIN, Finding.REDIRECT_LOOP, "never end"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource({"scenarios", "directScenarios"})
  void verdictNamesTheFailingLayer(Scenario s) {
    World world = new World();
    s.setup().accept(world);
    DiagnosisRequest request = s.options().apply(world.client().diagnose(s.url())
        .dnsServer("127.0.0.1", 53).timeout(Duration.ofSeconds(3)));

    DiagnosisResult d = request.run();

    assertThat(d.verdict().finding()).as(DiagnosisReport.render(d, Locale.ENGLISH)).isEqualTo(s.finding());
    assertThat(d.verdict().category()).isEqualTo(s.category());
    assertThat(d.verdict().explanation()).contains(s.explanationContains());
    assertThat(d.verdict().nextStep()).isNotBlank();
    if (s.category() != Category.OK) {
      assertThat(d.verdict().evidence()).isNotEmpty();
      assertThat(d.verdict().layer()).isPresent();
      assertThat(d.layer(d.verdict().layer().get()).orElseThrow().status()).isEqualTo(CheckStatus.FAILED);
    } else {
      assertThat(d.layers()).allSatisfy(l -> assertThat(l.status()).isIn(CheckStatus.PASSED, CheckStatus.WARNING));
    }
    assertThat(DiagnosisReport.render(d, Locale.KOREAN)).contains("판정");
  }
}
