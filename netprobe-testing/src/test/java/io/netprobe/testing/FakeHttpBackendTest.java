package io.netprobe.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.netprobe.core.Deadline;
import io.netprobe.core.FailureKind;
import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.http.EdgeProvider;
import io.netprobe.http.HttpProbeResult;
import io.netprobe.http.HttpVersion;
import io.netprobe.http.PhaseTimings;
import io.netprobe.spi.HttpExchange;
import io.netprobe.spi.HttpExchangeRequest;
import io.netprobe.testing.contract.HttpBackendContract;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FakeHttpBackendTest extends HttpBackendContract {
  private final FakeHttpBackend fake = new FakeHttpBackend()
      .respond("http://app.test/ok", 200, "X-Contract", "yes", "Set-Cookie", "csrftoken=" + SECRET + "; Path=/")
      .respond("http://app.test/r1", 301, "Location", "/r2")
      .respond("http://app.test/r2", 302, "Location", "http://app.test/ok")
      .respond("http://app.test/loop-a", 302, "Location", "/loop-b")
      .respond("http://app.test/loop-b", 302, "Location", "/loop-a")
      .respond("http://app.test/get-only", 200)
      .rejectHead("http://app.test/get-only", 405)
      .respond("http://app.test/ftp", 301, "Location", "ftp://files.example.test/")
      .respond("http://silent.test/", 200)
      .delay("http://silent.test/", Duration.ofMinutes(1));

  private ProbeClient client() {
    return Probes.builder().backend(fake).build();
  }

  @Test
  void scriptedBodiesFeedTheSameChecksAsARealOne() {
    fake.respond("http://api.test/health", 200, "Content-Type", "application/json")
        .body("http://api.test/health", "{\"status\":\"DOWN\"}");
    var down = client().http("http://api.test/health").method("GET").failIfBodyNotMatches("\"UP\"").run();
    assertThat(down.failure().get().kind()).isEqualTo(io.netprobe.core.FailureKind.ASSERTION_FAILED);
    assertThat(down.failedAssertion().get().observed()).isEqualTo("\"{\"status\":\"DOWN\"}\"");
    var head = client().http("http://api.test/health").failIfBodyMatches("DOWN").run();
    assertThat(head.failedAssertion().get().observed()).isEqualTo("no body was read (method HEAD)");
    assertThat(client().http("http://api.test/health").method("GET").bodySizeLimit(5).run().failure().get()
        .message()).startsWith("body_size_limit 5 failed");
  }

  @Test
  void scriptedTlsFactsAndEdgesShowInTheResult() {
    Instant expiry = Instant.now().plus(Duration.ofDays(5));
    fake.respond("https://shop.test/", 200, "Server", "cloudflare")
        .tls("https://shop.test/", FakeHttpBackend.tlsFor("shop.test", expiry))
        .edge("https://shop.test/", EdgeProvider.CLOUDFLARE);
    HttpProbeResult r = client().http("https://shop.test/").run();
    assertThat(r.tls()).hasValueSatisfying(t -> {
      assertThat(t.verified()).isTrue();
      assertThat(t.daysUntilLeafExpires(Instant.now())).contains(4L);
    });
    assertThat(r.edge()).hasValueSatisfying(e -> assertThat(e.provider()).isEqualTo(EdgeProvider.CLOUDFLARE));
    assertThat(r.headers().all("server")).as("the scripted header is not repeated").containsExactly("cloudflare");
  }

  @Test
  void edgePutsEachProvidersRealFingerprintOnTheWireForTheSharedClassifier() {
    for (EdgeProvider provider : EdgeProvider.values()) {
      String url = "https://" + provider.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + ".test/";
      fake.respond(url, 200).edge(url, provider);
      HttpProbeResult r = client().http(url).run();
      assertThat(r.edge()).as(provider.name()).hasValueSatisfying(e -> {
        assertThat(e.provider()).isEqualTo(provider);
        assertThat(e.evidence()).noneSatisfy(s -> assertThat(s).contains("scripted"));
      });
    }
  }

  @Test
  void plainResponsesAreClassifiedFromTheirHeadersAsARealOneWouldBe() {
    fake.respond("https://site.test/", 200, "server", "cloudflare", "cf-ray", "8f1c2d3e4a5b6c7d-ICN",
        "cf-cache-status", "DYNAMIC", "set-cookie", "sessionid=x; Path=/");
    HttpProbeResult r = client().http("https://site.test/").run();
    assertThat(r.edge()).hasValueSatisfying(e -> {
      assertThat(e.provider()).isEqualTo(EdgeProvider.CLOUDFLARE);
      assertThat(e.location()).contains("ICN");
      assertThat(e.cacheStatus()).contains("DYNAMIC");
    });
    assertThat(r.originHints()).anySatisfy(h -> assertThat(h.evidence()).isEqualTo("set-cookie: sessionid"));
  }

  @Test
  void versionTimingsAndRemoteAreWireFacts() {
    Duration ms = Duration.ofMillis(1);
    PhaseTimings slow = new PhaseTimings(ms, ms.multipliedBy(2), Optional.empty(), ms.multipliedBy(2),
        ms.multipliedBy(700), ms.multipliedBy(701));
    fake.respond("http://cdn.test/", 200).version("http://cdn.test/", HttpVersion.HTTP_1_0)
        .timings("http://cdn.test/", slow).remote("http://cdn.test/", "104.21.12.115", 80);
    HttpProbeResult r = client().http("http://cdn.test/").run();
    assertThat(r.version()).contains(HttpVersion.HTTP_1_0);
    assertThat(r.finalHop().orElseThrow().timings().serverPhase()).isEqualTo(Duration.ofMillis(698));
    assertThat(r.remote()).hasValueSatisfying(a -> assertThat(a.getPort()).isEqualTo(80));
    assertThat(r.edge()).as("an address in Cloudflare's published ranges").hasValueSatisfying(e ->
        assertThat(e.evidence().get(0)).contains("104.16.0.0/13"));
  }

  @Test
  void answersPerMethodAndOneExchangePerCall() {
    fake.respond("http://m.test/", 200, "x-any", "1").respondTo("get", "http://m.test/", 503);
    HttpExchange head = fake.exchange(request("http://m.test/", "HEAD"), Deadline.after(Duration.ofSeconds(1)));
    HttpExchange get = fake.exchange(request("http://m.test/", "GET"), Deadline.after(Duration.ofSeconds(1)));
    assertThat(head).isInstanceOfSatisfying(HttpExchange.Response.class, r -> assertThat(r.status()).isEqualTo(200));
    assertThat(get).isInstanceOfSatisfying(HttpExchange.Response.class, r -> assertThat(r.status()).isEqualTo(503));
    HttpExchange redirect = fake.exchange(request("http://app.test/r1", "HEAD"), Deadline.after(Duration.ofSeconds(1)));
    assertThat(redirect).as("a redirect is an answer; following it is the core's business")
        .isInstanceOfSatisfying(HttpExchange.Response.class, r -> assertThat(r.status()).isEqualTo(301));
    assertThat(fake.received()).containsExactly(URI.create("http://m.test/"), URI.create("http://m.test/"),
        URI.create("http://app.test/r1"));
  }

  @Test
  void scriptsNetworkOutcomesButNeverVerdicts() {
    fake.fail("http://reset.test/", FailureKind.CONNECTION_RESET);
    assertThat(client().http("http://reset.test/").run().failureKind()).contains(FailureKind.CONNECTION_RESET);
    assertThatIllegalArgumentException().isThrownBy(() -> fake.fail("http://x.test/", FailureKind.REDIRECT_LOOP))
        .withMessageContaining("REDIRECT_LOOP");
    assertThatIllegalArgumentException().isThrownBy(() -> fake.fail("http://x.test/", FailureKind.TOO_MANY_REDIRECTS));
    assertThatIllegalArgumentException().isThrownBy(() -> fake.respondTo("POST", "http://x.test/", 200))
        .withMessageContaining("POST");
    assertThatIllegalArgumentException().isThrownBy(() -> fake.respond("http://x.test/", 42))
        .withMessageContaining("42");
  }

  @Test
  void resetForgetsEverything() {
    fake.fail("http://app.test/ok", FailureKind.TIMEOUT).reset();
    assertThat(client().http("http://app.test/ok").run().failureKind()).contains(FailureKind.CONNECTION_REFUSED);
    assertThat(client().http("http://app.test/get-only").run().failureKind())
        .contains(FailureKind.CONNECTION_REFUSED);
  }

  private static HttpExchangeRequest request(String url, String method) {
    return new HttpExchangeRequest(URI.create(url), method, Probes.http(url).spec());
  }

  @Override
  protected FakeHttpBackend backend() {
    return fake;
  }

  @Override
  protected String okUrl() {
    return "http://app.test/ok";
  }

  @Override
  protected String redirectingUrl() {
    return "http://app.test/r1";
  }

  @Override
  protected String loopingUrl() {
    return "http://app.test/loop-a";
  }

  @Override
  protected String headRejectingUrl() {
    return "http://app.test/get-only";
  }

  @Override
  protected String ftpRedirectingUrl() {
    return "http://app.test/ftp";
  }

  @Override
  protected String refusingUrl() {
    return "http://closed.test/";
  }

  @Override
  protected String silentUrl() {
    return "http://silent.test/";
  }
}
